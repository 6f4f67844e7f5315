import { describe, expect, it } from 'vitest';
import { imageFeaturesFormat } from '../../../../../../src-main/import/formats/image-features';
import type { ImportContext } from '../../../../../../src-main/import/import-format';
import { collect, expectBadInput, fixture, ofType } from '../collect';

const A = 'http://a.example.org/';
const known = new Set([`${A}x`, `${A}y`, `${A}z`]);
const lookupEntity: ImportContext['lookupEntity'] = (side, iri) => (side === 2 && known.has(iri) ? { id: 1, kind: 'text' } : null);
const f = (name: string) => fixture('image-features', name);
const npy = (file: string, ids = 'ids.txt') => collect(imageFeaturesFormat, { paths: { file: f(file), ids: f(ids) }, side: 2, lookupEntity });
const text = (file: string) => collect(imageFeaturesFormat, { paths: { file: f(file) }, side: 2, lookupEntity });

/** The vectors of the fixtures' matrix [[3,4,0,0],[0,0,0,2],[1,1,1,1]], L2-normalised. */
const UNIT = [[0.6, 0.8, 0, 0], [0, 0, 0, 1], [0.5, 0.5, 0.5, 0.5]];

function expectVectors(records: Awaited<ReturnType<typeof npy>>['records'], encoder: string, rows = 3): void {
  const features = ofType(records, 'imageFeature');
  expect(features.map((r) => [r.side, r.entity, r.encoder])).toEqual([[2, `${A}x`, encoder], [2, `${A}y`, encoder], [2, `${A}z`, encoder]].slice(0, rows));
  features.forEach((r, i) => {
    expect(r.vector).toBeInstanceOf(Float32Array);
    expect(Array.from(r.vector)).toEqual(UNIT[i].map((v) => Math.fround(v)));
  });
  expect(records).toHaveLength(rows);
}

describe('image features from .npy', () => {
  it('reads float32, float64 and format version 2, rows in id-list order, normalised', async () => {
    expectVectors((await npy('feats-f32.npy')).records, 'file:feats-f32.npy');
    expectVectors((await npy('feats-f64.npy')).records, 'file:feats-f64.npy');
    expectVectors((await npy('feats-v2.npy')).records, 'file:feats-v2.npy');
  });

  it('rejects what it cannot read, naming the reason', async () => {
    await expectBadInput(npy('feats-nan.npy'), 'feats-nan.npy', undefined, /row 2 \(http:\/\/a.example.org\/y, line 2 of ids.txt\): NaN at position 3/);
    await expectBadInput(npy('feats-3d.npy'), 'feats-3d.npy', undefined, /expected a 2-D matrix/);
    await expectBadInput(npy('feats-fortran.npy'), 'feats-fortran.npy', undefined, /Fortran-ordered/);
    await expectBadInput(npy('feats-big-endian.npy'), 'feats-big-endian.npy', undefined, /big-endian/);
    await expectBadInput(npy('feats-int.npy'), 'feats-int.npy', undefined, /unsupported dtype <i4/);
    await expectBadInput(npy('feats-truncated.npy'), 'feats-truncated.npy', undefined, /truncated .npy file: shape \(3, 4\) needs \d+ bytes.*only 2 whole rows/);
    await expectBadInput(npy('not-really.npy'), 'not-really.npy', undefined, /not a .npy file/);
  });

  it('checks the id list against the matrix and the project', async () => {
    await expectBadInput(npy('feats-f32.npy', 'ids-two.txt'), 'ids-two.txt', undefined, /2 ids for a matrix of 3 rows/);
    await expectBadInput(npy('feats-f32.npy', 'ids-unknown.txt'), 'ids-unknown.txt', 2, /unknown entity http:\/\/a.example.org\/nobody in graph 2/);
    await expectBadInput(npy('feats-f32.npy', 'ids-gap.txt'), 'ids-gap.txt', 2, /empty line between ids/);
    await expect(collect(imageFeaturesFormat, { paths: { file: f('feats-f32.npy') }, side: 2, lookupEntity })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(/needs its row ids/) });
    await expect(collect(imageFeaturesFormat, { paths: { file: f('feats-f32.npy'), ids: f('ids.txt') }, lookupEntity })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});

describe('image features from TSV/CSV', () => {
  it('reads tab-separated and comma-separated files (header allowed)', async () => {
    expectVectors((await text('vectors.tsv')).records, 'file:vectors.tsv');
    expectVectors((await text('vectors.csv')).records, 'file:vectors.csv', 2);
  });

  it('rejects bad lines with file, line and reason', async () => {
    await expectBadInput(text('vectors-bad-dim.tsv'), 'vectors-bad-dim.tsv', 2, /expected 4 values \(as on the first line\), found 3/);
    await expectBadInput(text('vectors-nan.tsv'), 'vectors-nan.tsv', 2, /NaN at position 2/);
    await expectBadInput(text('vectors-bad-number.csv'), 'vectors-bad-number.csv', 3, /"abc" is not a number/);
    await expectBadInput(text('vectors-truncated.tsv'), 'vectors-truncated.tsv', 2, /truncated line/);
    await expectBadInput(text('vectors-bad-utf8.tsv'), 'vectors-bad-utf8.tsv', 2, /invalid UTF-8/);
    await expectBadInput(text('vectors-unknown.tsv'), 'vectors-unknown.tsv', 2, /unknown entity http:\/\/a.example.org\/nobody/);
  });
});
