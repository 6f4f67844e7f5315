import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../../src-main/project/db';
import { blobOf } from '../../../../src-main/project/repositories/embeddings';
import { encodeProjectImages } from '../../../../src-main/features/encode-images';
import { DescriptorEncoder } from '../../../../src-main/features/image-descriptor';
import { loadImageFeature } from '../../../../src-main/features/image-features';
import { loadProjectGraph } from '../../../../src-main/features/project-graph';
import { writeSyntheticProject } from './synthetic-project';

const flags = join(__dirname, '..', '..', '..', '..', 'node_modules', 'svg-country-flags', 'png100px');

describe('image features of a project', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mmea-img-'));
    db = writeSyntheticProject(join(dir, 'p.mmea'), { entities: 6 });
    const ins = db.prepare('INSERT INTO image (entity, source) VALUES (?, ?)');
    ins.run(1, join(flags, 'fr.png'));
    ins.run(1, join(flags, 'de.png')); // two images: the mean
    ins.run(2, join(flags, 'fr.png'));
    ins.run(3, join(dir, 'missing.png'));
    ins.run(4, 'https://example.org/remote.png');
    ins.run(5, join(flags, 'it.png'));
    // Entity 5 also has an imported vector, which must be kept.
    db.prepare("INSERT INTO image_feature (entity, encoder, dim, vector) VALUES (5, 'imported:resnet', 3, ?)").run(blobOf(Float32Array.from([1, 2, 3])));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('encodes readable images, leaves unreadable ones missing and keeps imported vectors', async () => {
    const result = await encodeProjectImages(db, join(dir, 'p.mmea'), new DescriptorEncoder());
    expect(result).toMatchObject({ encoded: 2, kept: 1, missing: 2 });
    expect(result.problems.join('\n')).toMatch(/no such file[\s\S]*not downloaded/);
    const rows = db.prepare('SELECT entity, encoder FROM image_feature ORDER BY entity').all();
    expect(rows).toEqual([
      { entity: 1, encoder: 'descriptor-v1' },
      { entity: 2, encoder: 'descriptor-v1' },
      { entity: 5, encoder: 'imported:resnet' },
    ]);
    const again = await encodeProjectImages(db, join(dir, 'p.mmea'), new DescriptorEncoder());
    expect(again).toMatchObject({ encoded: 0, kept: 3, missing: 2 });
  });

  it('gives the trainer zero rows with present = 0 for entities without a vector, never random ones', async () => {
    await encodeProjectImages(db, join(dir, 'p.mmea'), new DescriptorEncoder());
    const graph = loadProjectGraph(db);
    const loaded = loadImageFeature(db, graph)!;
    expect(loaded.summary).toMatchObject({ encoder: 'descriptor-v1', present: 2, ignored: 1 });
    const { cols, data, present } = loaded.feature;
    expect(Array.from(present)).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const row = (r: number): Float32Array => data.subarray(r * cols, (r + 1) * cols);
    expect(row(2).every((x) => x === 0)).toBe(true);
    const norm = row(0).reduce((s, x) => s + x * x, 0);
    expect(norm).toBeCloseTo(1, 5);
    // Entity 1 (fr + de) differs from entity 2 (fr alone) but stays close to it.
    const cos = row(0).reduce((s, x, i) => s + x * row(1)[i], 0);
    expect(cos).toBeLessThan(0.999);
    expect(cos).toBeGreaterThan(0.5);
  });

  it('stops at a cancel, leaving only whole entities written', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(encodeProjectImages(db, join(dir, 'p.mmea'), new DescriptorEncoder(), { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(db.prepare("SELECT count(*) AS n FROM image_feature WHERE encoder = 'descriptor-v1'").get()).toEqual({ n: 0 });
  });
});
