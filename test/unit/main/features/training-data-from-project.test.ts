import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../../src-main/project/db';
import { FeatureMatricesRepository } from '../../../../src-main/project/repositories/feature-matrices';
import { ensureFeatures } from '../../../../src-main/features/feature-service';
import { loadProjectGraph } from '../../../../src-main/features/project-graph';
import { trainingDataFromProject } from '../../../../src-main/features/training-data-from-project';
import { writeSyntheticProject } from './synthetic-project';

describe('training data from a project', () => {
  let dir: string;
  let db: Db;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mmea-td-'));
    db = writeSyntheticProject(join(dir, 'p.mmea'), { entities: 50 });
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('maps entities to rows in id order and keeps both graphs apart', () => {
    const { data, entityIds } = trainingDataFromProject(db, { seed: 3 });
    expect(data.numEntities).toBe(100);
    expect(Array.from(entityIds.slice(0, 4))).toEqual([1, 2, 3, 4]);
    expect(Array.from(data.side.slice(0, 4))).toEqual([1, 2, 1, 2]);
    expect(data.heads.length).toBe(data.rels.length);
    expect(Math.max(...data.rels)).toBeLessThan(data.numRelations);
  });

  it('splits unsplit gold 30% train with valid carved from train, the rest test, repeatably for a seed', () => {
    const a = trainingDataFromProject(db, { seed: 3 });
    const b = trainingDataFromProject(db, { seed: 3 });
    const c = trainingDataFromProject(db, { seed: 4 });
    expect(a.stats.pairs).toEqual({ train: 13, valid: 2, test: 35 });
    expect(Array.from(a.data.pairs.train)).toEqual(Array.from(b.data.pairs.train));
    expect(Array.from(a.data.pairs.train)).not.toEqual(Array.from(c.data.pairs.train));
    const all = new Set<string>();
    for (const split of ['train', 'valid', 'test'] as const) {
      const p = a.data.pairs[split];
      for (let i = 0; i < p.length; i += 2) {
        expect(a.data.side[p[i]]).toBe(1);
        expect(a.data.side[p[i + 1]]).toBe(2);
        all.add(`${p[i]},${p[i + 1]}`);
      }
    }
    expect(all.size).toBe(50);
  });

  it('names only when asked (benchmark-comparable by default)', () => {
    expect(trainingDataFromProject(db, {}).data.features.name).toBeUndefined();
    const withNames = trainingDataFromProject(db, { useNames: true }).data.features.name!;
    expect(withNames.present.every((x) => x === 1)).toBe(true);
    expect(trainingDataFromProject(db, { useAttributes: false }).data.features.attribute).toBeUndefined();
  });

  it('uses accepted decisions as seeds and rejected ones as hard negatives when useDecisions is on', () => {
    const base = trainingDataFromProject(db, { seed: 3 });
    const test = base.data.pairs.test;
    const [l0, r0, l1, r1] = [test[0], test[1], test[2], test[3]];
    const ins = db.prepare("INSERT INTO decision_event (left, right, left_iri, right_iri, verdict, curator, at, state) VALUES (?, ?, 'a', 'b', ?, 'me', 'now', ?)");
    ins.run(base.entityIds[l0], base.entityIds[r0], 'accept', 'active');
    ins.run(base.entityIds[l1], base.entityIds[r1], 'reject', 'active');
    ins.run(base.entityIds[l1], base.entityIds[r0], 'accept', 'undone');
    const off = trainingDataFromProject(db, { seed: 3 });
    expect(off.stats.acceptedSeeds).toBe(0);
    const on = trainingDataFromProject(db, { seed: 3, useDecisions: true });
    expect(on.stats.acceptedSeeds).toBe(1);
    expect(on.stats.pairs.train).toBe(14);
    expect(on.stats.pairs.test).toBe(34);
    expect(Array.from(on.data.hardNegatives!)).toEqual([l1, r1]);
    // A later 'clear' withdraws the acceptance.
    ins.run(base.entityIds[l0], base.entityIds[r0], 'clear', 'active');
    expect(trainingDataFromProject(db, { seed: 3, useDecisions: true }).stats.acceptedSeeds).toBe(0);
  });

  it('recomputes a stored feature matrix only when its inputs change', () => {
    const graph = loadProjectGraph(db);
    expect(ensureFeatures(db, graph).recomputed.sort()).toEqual(['attribute', 'name', 'relation']);
    expect(ensureFeatures(db, loadProjectGraph(db)).recomputed).toEqual([]);
    const before = new FeatureMatricesRepository(db).inputsHash('relation-bag');
    db.prepare('INSERT INTO rel_triple (head, rel, tail) VALUES (1, 1, 3)').run();
    expect(ensureFeatures(db, loadProjectGraph(db)).recomputed).toEqual(['relation']);
    expect(new FeatureMatricesRepository(db).inputsHash('relation-bag')).not.toBe(before);
    db.prepare("UPDATE entity SET label = 'renamed' WHERE id = 1").run();
    expect(ensureFeatures(db, loadProjectGraph(db)).recomputed).toEqual(['name']);
  });

  it('refuses a project without seed pairs', () => {
    db.prepare('DELETE FROM gold_link').run();
    expect(() => trainingDataFromProject(db)).toThrow(/no seed pairs/);
  });
});
