import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { selectBackend } from '../../../../src-main/model/backend';
import type { Db } from '../../../../src-main/project/db';
import type { TrainResult } from '../../../../src-main/model/trainer/types';
import { EmbeddingsRepository } from '../../../../src-main/project/repositories/embeddings';
import { runTraining, uncertaintyOf } from '../../../../src-main/worker/training-run';
import { writeSyntheticProject } from '../features/synthetic-project';

/** A deterministic spread per (entity row, modality column), inside a Beta's [0, 0.5]. */
const spread = (i: number, q: number): number => ((i * 7 + q * 3) % 50) / 100;

// The real trainer, with the Beta fusion's output attached the way the MIMEA variant reports it: this checks the
// run's wiring (blanking, storage in the run's transaction), whichever model produced the values.
vi.mock('../../../../src-main/model/trainer/train', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../../src-main/model/trainer/train')>();
  return {
    train: async (...args: Parameters<typeof real.train>): Promise<TrainResult> => {
      const result = await real.train(...args);
      const modalities = (['relation', 'attribute', 'name'] as const).filter((m) => args[0].features[m]);
      const n = args[0].numEntities;
      const values = new Float32Array(n * modalities.length);
      for (let i = 0; i < n; i++) for (let q = 0; q < modalities.length; q++) values[i * modalities.length + q] = spread(i, q);
      return { ...result, modalityUncertainty: { modalities: [...modalities], values } };
    },
  };
});

describe('runTraining stores the Beta fusion uncertainty with the embeddings', () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    await selectBackend('cpu');
    dir = mkdtempSync(join(tmpdir(), 'mmea-tru-'));
    db = writeSyntheticProject(join(dir, 'p.mmea'), { entities: 30, degree: 3 });
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes one row per entity and present modality, equal to the trainer\'s values', async () => {
    const outcome = await runTraining(db, { model: 'mimea', epochs: 2, dim: 8, gatLayers: 1, useNames: true, useImages: false, seed: 3 });
    expect(outcome.status).toBe('done');
    const repo = new EmbeddingsRepository(db);
    const final = repo.get(outcome.runId, 'final')!;
    const ids = Array.from(final.entityIds);
    const stored = repo.uncertaintyOf(outcome.runId, ids);
    const count = repo.uncertaintyCount(outcome.runId);
    expect(count).toBeGreaterThan(0);
    // Row i of the trainer's matrix is entity ids[i]; every stored value is the trainer's value for that cell.
    let checked = 0;
    ids.forEach((id, i) => {
      const row = stored.get(id) ?? {};
      for (const [m, std] of Object.entries(row)) {
        const q = ['relation', 'attribute', 'name'].indexOf(m);
        expect(std).toBeCloseTo(spread(i, q), 6);
        checked++;
      }
    });
    expect(checked).toBe(count);
    // Entities lacking a modality (no attribute triples, here) have no value for it.
    const withoutAttributes = db.prepare('SELECT id FROM entity WHERE id NOT IN (SELECT entity FROM attr_triple)').pluck().all() as number[];
    expect(withoutAttributes.length).toBeGreaterThan(0);
    for (const id of withoutAttributes) expect(stored.get(id)?.attribute).toBeUndefined();
  });

  it('blanks cells of entities without the feature and rejects a matrix of the wrong size', () => {
    const entityIds = Int32Array.from([10, 11, 12]);
    const data = { features: { image: { cols: 1, data: new Float32Array(3), present: Uint8Array.from([1, 0, 1]) } } } as unknown as Parameters<typeof uncertaintyOf>[1]['data'];
    const result = { modalityUncertainty: { modalities: ['image', 'name'], values: Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0]) } } as unknown as TrainResult;
    const u = uncertaintyOf(result, { data, entityIds })!;
    expect(Array.from(u.values).map((v) => (Number.isNaN(v) ? null : Number(v.toFixed(2))))).toEqual([0.1, null, null, null, 0.5, null]);
    expect(uncertaintyOf({ ...result, modalityUncertainty: undefined }, { data, entityIds })).toBeNull();
    expect(() => uncertaintyOf({ ...result, modalityUncertainty: { modalities: ['image'], values: new Float32Array(2) } }, { data, entityIds })).toThrow(/2 values for 3 entities x 1 modalities/);
  });
});
