import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../../src-main/project/db';
import { EmbeddingsRepository } from '../../../../../src-main/project/repositories/embeddings';
import { FeatureMatricesRepository, denseOf } from '../../../../../src-main/project/repositories/feature-matrices';
import { RunsRepository } from '../../../../../src-main/project/repositories/runs';

function project() {
  const db = openDatabase(':memory:', { create: true });
  db.exec("INSERT INTO entity (id, side, iri) VALUES (1, 1, 'a'), (2, 2, 'b'), (3, 1, 'c')");
  return db;
}

describe('embeddings repository', () => {
  it('round-trips matrices and frozen sets of a run, replacing them as a whole', () => {
    const db = project();
    const run = new RunsRepository(db).create('cpu', {});
    const repo = new EmbeddingsRepository(db);
    const ids = Int32Array.from([1, 2, 3]);
    repo.saveAll(run, [
      { modality: 'final', entityIds: ids, dim: 2, data: Float32Array.from([1, 2, 3, 4, 5, 6]) },
      { modality: 'image', entityIds: ids, dim: 1, data: Float32Array.from([7, 8, 9]) },
    ], [{ modality: 'image', entityIds: Int32Array.from([3, 1]) }]);
    const final = repo.get(run, 'final')!;
    expect(Array.from(final.entityIds)).toEqual([1, 2, 3]);
    expect(Array.from(final.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(repo.modalities(run)).toEqual(['final', 'image']);
    expect(repo.frozenEntityIds(run, 'image')).toEqual([1, 3]);
    repo.saveAll(run, [{ modality: 'final', entityIds: ids, dim: 1, data: Float32Array.from([0, 0, 0]) }]);
    expect(repo.modalities(run)).toEqual(['final']);
    expect(repo.frozenEntityIds(run, 'image')).toEqual([]);
    expect(repo.get(run, 'image')).toBeNull();
    db.close();
  });

  it('writes nothing when one matrix is inconsistent', () => {
    const db = project();
    const run = new RunsRepository(db).create('cpu', {});
    const repo = new EmbeddingsRepository(db);
    const ids = Int32Array.from([1, 2, 3]);
    expect(() => repo.saveAll(run, [
      { modality: 'final', entityIds: ids, dim: 1, data: Float32Array.from([1, 2, 3]) },
      { modality: 'image', entityIds: ids, dim: 2, data: Float32Array.from([1]) },
    ])).toThrow(/1 values for 3 x 2/);
    expect(repo.modalities(run)).toEqual([]);
    db.close();
  });
});

describe('embeddings repository: modality uncertainty (MIMEA)', () => {
  const ids = Int32Array.from([1, 2, 3]);
  const final = { modality: 'final', entityIds: ids, dim: 1, data: Float32Array.from([1, 2, 3]) };

  it('round-trips per entity and modality, skips NaN cells, and is replaced with the run\'s embeddings', () => {
    const db = project();
    const run = new RunsRepository(db).create('cpu', { model: 'mimea' });
    const repo = new EmbeddingsRepository(db);
    // [3 entities x 2 modalities]: entity 3 has no image (NaN).
    repo.saveAll(run, [final], [], { modalities: ['relation', 'image'], entityIds: ids, values: Float32Array.from([0.1, 0.25, 0, 0.5, 0.125, NaN]) });
    expect(repo.uncertaintyCount(run)).toBe(5);
    const got = repo.uncertaintyOf(run, [3, 1, 99]);
    expect([...got.keys()].sort()).toEqual([1, 3]);
    expect(got.get(1)!.relation).toBeCloseTo(0.1, 6);
    expect(got.get(1)!.image).toBe(0.25);
    expect(got.get(3)).toEqual({ relation: 0.125 });
    expect(repo.uncertaintyOf(run, [2])).toEqual(new Map([[2, { relation: 0, image: 0.5 }]]));
    expect(repo.uncertaintyOf(run, [])).toEqual(new Map());
    // A later save of the same run without uncertainty (e.g. a model without Beta fusion) leaves none behind.
    repo.saveAll(run, [final]);
    expect(repo.uncertaintyCount(run)).toBe(0);
    db.close();
  });

  it('keeps runs apart', () => {
    const db = project();
    const runs = new RunsRepository(db);
    const [a, b] = [runs.create('cpu', { model: 'mimea' }), runs.create('cpu', { model: 'loginmea' })];
    const repo = new EmbeddingsRepository(db);
    repo.saveAll(a, [final], [], { modalities: ['name'], entityIds: ids, values: Float32Array.from([0.2, 0.3, 0.4]) });
    repo.saveAll(b, [final]);
    expect(repo.uncertaintyOf(b, [1, 2, 3]).size).toBe(0);
    expect(repo.uncertaintyOf(a, [2]).get(2)!.name).toBeCloseTo(0.3, 6);
    db.close();
  });

  it('writes nothing of the run when the uncertainty is malformed or out of a Beta\'s range', () => {
    const db = project();
    const run = new RunsRepository(db).create('cpu', {});
    const repo = new EmbeddingsRepository(db);
    repo.saveAll(run, [final], [], { modalities: ['image'], entityIds: ids, values: Float32Array.from([0.1, 0.1, 0.1]) });
    expect(() => repo.saveAll(run, [final], [], { modalities: ['image', 'name'], entityIds: ids, values: Float32Array.from([0.1]) })).toThrow(/1 values for 3 entities x 2 modalities/);
    expect(() => repo.saveAll(run, [final], [], { modalities: ['image'], entityIds: ids, values: Float32Array.from([0.1, 0.7, 0.1]) })).toThrow(/0\.700 for entity 2, image is not a Beta standard deviation/);
    expect(() => repo.saveAll(run, [final], [], { modalities: ['image'], entityIds: ids, values: Float32Array.from([0.1, Infinity, 0.1]) })).toThrow(/not a Beta standard deviation/);
    // The earlier, complete set is still there: a failed save rolls back as a whole.
    expect(repo.uncertaintyCount(run)).toBe(3);
    expect(repo.modalities(run)).toEqual(['final']);
    db.close();
  });
});

describe('feature matrices repository', () => {
  it('stores CSR and dense matrices with their inputs hash', () => {
    const db = project();
    const repo = new FeatureMatricesRepository(db);
    expect(repo.inputsHash('bag')).toBeNull();
    repo.putCsr('bag', { rows: 2, cols: 3, indptr: Int32Array.from([0, 2, 3]), indices: Int32Array.from([0, 2, 1]), values: Float32Array.from([1, 2, 3]) }, 'h1');
    expect(repo.inputsHash('bag')).toBe('h1');
    expect(Array.from(denseOf(repo.get('bag')!))).toEqual([1, 0, 2, 0, 3, 0]);
    repo.putDense('bag', 1, 2, Float32Array.from([4, 5]), 'h2');
    expect(repo.get('bag')).toMatchObject({ rows: 1, cols: 2, format: 'dense-f32', inputsHash: 'h2' });
    expect(Array.from(denseOf(repo.get('bag')!))).toEqual([4, 5]);
    db.close();
  });
});
