import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../../src-main/project/db';
import { blobOf } from '../../../../src-main/project/repositories/embeddings';
import { encoderForGaps, entitiesLackingImageFeatures, fillMissingImageFeatures } from '../../../../src-main/features/missing-image-features';
import { writeSyntheticProject } from './synthetic-project';

const flags = join(__dirname, '..', '..', '..', '..', 'node_modules', 'svg-country-flags', 'png100px');

describe('filling missing image features before training', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mmea-gap-'));
    db = writeSyntheticProject(join(dir, 'p.mmea'), { entities: 3 });
    const ins = db.prepare('INSERT INTO image (entity, source) VALUES (?, ?)');
    ins.run(1, join(flags, 'fr.png'));
    ins.run(2, join(flags, 'de.png'));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('encodes with the default descriptor when the project has no vectors yet', async () => {
    expect(entitiesLackingImageFeatures(db)).toBe(2);
    expect(encoderForGaps(db)).toEqual({ choice: 'descriptor', existing: null });
    const result = await fillMissingImageFeatures(db, join(dir, 'p.mmea'));
    expect(result).toMatchObject({ encoder: 'descriptor-v1', encoded: 2 });
    expect(entitiesLackingImageFeatures(db)).toBe(0);
    expect(await fillMissingImageFeatures(db, join(dir, 'p.mmea'))).toBeNull();
  });

  it('keeps to the encoder the project already uses, and leaves gaps it cannot fill when vectors were imported', async () => {
    const insert = db.prepare('INSERT INTO image_feature (entity, encoder, dim, vector) VALUES (?, ?, 2, ?)');
    insert.run(1, 'mobilenetv2-nsfwjs-1280', blobOf(Float32Array.from([1, 0])));
    expect(encoderForGaps(db).choice).toBe('mobilenet');
    db.prepare('DELETE FROM image_feature').run();
    insert.run(1, 'imported:clip', blobOf(Float32Array.from([1, 0])));
    expect(encoderForGaps(db)).toEqual({ choice: null, existing: 'imported:clip' });
    const logs: string[] = [];
    expect(await fillMissingImageFeatures(db, join(dir, 'p.mmea'), { log: (m) => logs.push(m) })).toBeNull();
    expect(logs[0]).toMatch(/1 entities with images have no image vector.*imported:clip/);
  });
});
