import { describe, expect, it } from 'vitest';
import { IMPORT_FORMATS } from '../../../../../src-main/import/formats';
import type { ImportContext } from '../../../../../src-main/import/import-format';
import { collect, fixture } from './collect';

describe('IMPORT_FORMATS', () => {
  it('registers every format under its own id, with roles and consistent options', () => {
    expect(Object.keys(IMPORT_FORMATS).sort()).toEqual(['id-layout', 'image-features', 'image-files', 'mmkg', 'openea', 'rdf']);
    for (const [id, format] of Object.entries(IMPORT_FORMATS)) {
      expect(format.id).toBe(id);
      expect(format.roles.length).toBeGreaterThan(0);
      expect(new Set(format.roles.map((r) => r.role)).size).toBe(format.roles.length);
      for (const option of format.options ?? []) {
        if (option.values && option.default !== undefined) expect(option.values).toContain(option.default);
      }
    }
  });
});

describe('every format stops with CANCELLED once the signal fires, and reports full progress otherwise', () => {
  const cases: [keyof typeof IMPORT_FORMATS, Partial<ImportContext>][] = [
    ['id-layout', { paths: { dir: fixture('id-layout', 'small') } }],
    ['openea', { paths: { dir: fixture('openea', 'small') } }],
    ['mmkg', { paths: { sameas: fixture('mmkg', 'DB15K_SameAsLink.txt') } }],
    ['rdf', { paths: { file: fixture('rdf', 'graph2.nt') }, side: 2 }],
    ['image-features', { paths: { file: fixture('image-features', 'vectors.tsv') }, side: 2, lookupEntity: () => ({ id: 1, kind: 'text' }) }],
    ['image-features', { paths: { file: fixture('image-features', 'feats-f32.npy'), ids: fixture('image-features', 'ids.txt') }, side: 2, lookupEntity: () => ({ id: 1, kind: 'text' }) }],
    ['image-files', { paths: { dir: fixture('image-files', 'images'), mapping: fixture('image-files', 'mapping.tsv') }, side: 1 }],
  ];
  for (const [id, ctx] of cases) {
    it(`${id} ${Object.values(ctx.paths ?? {}).map((p) => p.split('/').pop()).join(' ')}`, async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(collect(IMPORT_FORMATS[id], { ...ctx, signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
      // The same context without the signal reads fine, so the rejection above is the cancel and nothing else;
      // its progress ends with every byte counted and every record too.
      const { records, progress } = await collect(IMPORT_FORMATS[id], ctx);
      expect(records.length).toBeGreaterThan(0);
      const last = progress[progress.length - 1];
      expect(last.total).toBeGreaterThan(0);
      expect(last.done).toBe(last.total);
      expect(last.rows).toBe(records.length);
    });
  }
});
