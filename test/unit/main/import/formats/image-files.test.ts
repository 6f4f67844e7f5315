import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DEPICTS, imageFilesFormat } from '../../../../../src-main/import/formats/image-files';
import type { ImportContext } from '../../../../../src-main/import/import-format';
import { collect, expectBadInput, fixture } from './collect';

const A = 'http://a.example.org/';
const dir = fixture('image-files', 'images');
const file = (name: string) => pathToFileURL(fixture('image-files', 'images', name)).href;
const run = (mapping: string, extra: Partial<ImportContext> = {}) =>
  collect(imageFilesFormat, { paths: { dir, mapping: fixture('image-files', mapping) }, side: 1, ...extra });

describe('image files', () => {
  it('decodes JPEG, PNG, WebP and SVG, thumbnails them, and keeps URLs as sources', async () => {
    const { records } = await run('mapping.tsv');
    const plain = records.map((r) => (r.type === 'image' ? { ...r, thumbnail: r.thumbnail ? 'bytes' : undefined } : r));
    expect(plain).toEqual([
      { type: 'image', side: 1, entity: `${A}Paris`, source: file('paris.jpg'), mime: 'image/jpeg', width: 320, height: 200, thumbnail: 'bytes' },
      { type: 'image', side: 1, entity: `${A}Lyon`, source: file('sub/lyon.png'), mime: 'image/png', width: 40, height: 60, thumbnail: 'bytes' },
      { type: 'image', side: 1, entity: `${A}Nice`, source: file('nice.webp'), mime: 'image/webp', width: 100, height: 400, thumbnail: 'bytes' },
      { type: 'image', side: 1, entity: `${A}France`, source: file('flag.svg'), mime: 'image/svg+xml', width: 300, height: 200, thumbnail: 'bytes' },
      { type: 'image', side: 1, entity: `${A}Paris`, source: 'https://img.example.org/paris-2.jpg', thumbnail: undefined },
    ]);
    const sizes = [];
    for (const r of records) {
      if (r.type !== 'image' || !r.thumbnail) continue;
      const meta = await sharp(r.thumbnail).metadata();
      sizes.push([meta.format, meta.width, meta.height]);
    }
    // Longest side 160 px, never enlarged.
    expect(sizes).toEqual([['webp', 160, 100], ['webp', 40, 60], ['webp', 40, 160], ['webp', 160, 107]]);
  });

  it('makes image nodes with option asNodes', async () => {
    const { records } = await run('mapping-nodes.tsv', { options: { asNodes: true } });
    expect(records.map((r) => (r.type === 'image' ? { ...r, thumbnail: r.thumbnail?.length ? 'bytes' : undefined } : r))).toEqual([
      { type: 'entity', side: 1, iri: `${A}img/paris`, label: 'paris.jpg', kind: 'image' },
      { type: 'image', side: 1, entity: `${A}img/paris`, source: file('paris.jpg'), mime: 'image/jpeg', width: 320, height: 200, thumbnail: 'bytes' },
      { type: 'relTriple', side: 1, head: `${A}img/paris`, rel: DEPICTS, tail: `${A}Paris` },
      { type: 'entity', side: 1, iri: `${A}img/remote`, label: 'x.png', kind: 'image' },
      { type: 'image', side: 1, entity: `${A}img/remote`, source: 'https://img.example.org/x.png', thumbnail: undefined },
    ]);
  });

  it('checks entities against the project when it can', async () => {
    const lookupEntity: ImportContext['lookupEntity'] = (_side, iri) => (iri === `${A}Paris` ? { id: 1, kind: 'text' } : null);
    await expectBadInput(run('mapping.tsv', { lookupEntity }), 'mapping.tsv', 2, /unknown entity http:\/\/a.example.org\/Lyon in graph 1/);
  });
});

describe('image files reject bad lines with the mapping file, line and reason', () => {
  it('an image that does not decode', () => expectBadInput(run('mapping-not-image.tsv'), 'mapping-not-image.tsv', 2, /image not-an-image.jpg does not decode/));
  it('a truncated image', () => expectBadInput(run('mapping-truncated-image.tsv'), 'mapping-truncated-image.tsv', 3, /image truncated.jpg does not decode/));
  it('a path leaving the folder', () => expectBadInput(run('mapping-escape.tsv'), 'mapping-escape.tsv', 2, /image path ..\/mapping.tsv leaves the image folder/));
  it('a truncated line', () => expectBadInput(run('mapping-truncated.tsv'), 'mapping-truncated.tsv', 2, /expected 2 tab-separated columns.*found 1 \(truncated line\?\)/));
  it('a missing image', () => expectBadInput(run('mapping-missing.tsv'), 'mapping-missing.tsv', 2, /image missing.png not found/));
  it('the first of two bad lines (a decode failure before a truncated line)', () => expectBadInput(run('mapping-two-errors.tsv'), 'mapping-two-errors.tsv', 2, /image not-an-image.jpg does not decode/));
  it('a bad IRI', () => expectBadInput(run('mapping-bad-iri.tsv'), 'mapping-bad-iri.tsv', 2, /bad IRI "Paris"/));
});
