import { openDatabase, type Db } from '../../../../src-main/project/db';
import { Rng } from '../../../../src-main/model/rng';

/** Shape of a generated two-graph project. */
export interface SyntheticOptions {
  entities?: number;
  /** Out-degree of each KG1 entity. */
  degree?: number;
  relations?: number;
  attributes?: number;
  /** Share of KG1 triples missing from KG2. */
  drop?: number;
  seed?: number;
  /** Gold split label stored for every pair. */
  split?: 'unsplit' | 'train';
}

/**
 * Writes a small project with two graphs where KG2 is a noisy copy of KG1 (other IRIs, other entity order, some
 * triples dropped, relation and attribute names renamed), labels that are similar across graphs, and gold links
 * for every pair. Returns the open database; `close()` it.
 */
export function writeSyntheticProject(path: string, options: SyntheticOptions = {}): Db {
  const n = options.entities ?? 60;
  const degree = options.degree ?? 3;
  const relations = options.relations ?? 6;
  const attributes = options.attributes ?? 8;
  const drop = options.drop ?? 0.1;
  const rng = new Rng(options.seed ?? 7);
  const db = openDatabase(path, { create: true });
  db.transaction(() => {
    db.prepare('INSERT INTO graph (side, name) VALUES (1, ?), (2, ?) ON CONFLICT (side) DO UPDATE SET name = excluded.name').run('KG1', 'KG2');
    const insEntity = db.prepare('INSERT INTO entity (id, side, iri, label) VALUES (?, ?, ?, ?)');
    // KG2 ids are interleaved and permuted so that row order differs between the graphs.
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const id1 = (i: number): number => 2 * i + 1;
    const id2 = (i: number): number => 2 * perm[i] + 2;
    for (let i = 0; i < n; i++) {
      insEntity.run(id1(i), 1, `http://kg1.example/e${i}`, `Entity number ${i}`);
      insEntity.run(id2(i), 2, `http://kg2.example/x${perm[i]}`, `entity no ${i}`);
    }
    const insRel = db.prepare('INSERT INTO relation (id, side, iri) VALUES (?, ?, ?)');
    for (let r = 0; r < relations; r++) {
      insRel.run(r + 1, 1, `http://kg1.example/r${r}`);
      insRel.run(relations + r + 1, 2, `http://kg2.example/rel${r}`);
    }
    const insTriple = db.prepare('INSERT INTO rel_triple (head, rel, tail) VALUES (?, ?, ?)');
    for (let i = 0; i < n; i++) {
      for (let d = 0; d < degree; d++) {
        const t = rng.int(n);
        if (t === i) continue;
        const r = (i + d * 7 + t) % relations;
        insTriple.run(id1(i), r + 1, id1(t));
        if (rng.next() >= drop) insTriple.run(id2(i), relations + r + 1, id2(t));
      }
    }
    const insAttr = db.prepare('INSERT INTO attribute (id, side, iri) VALUES (?, ?, ?)');
    for (let a = 0; a < attributes; a++) {
      insAttr.run(a + 1, 1, `http://kg1.example/a${a}`);
      insAttr.run(attributes + a + 1, 2, `http://kg2.example/attr${a}`);
    }
    const insAttrTriple = db.prepare('INSERT INTO attr_triple (entity, attr, value) VALUES (?, ?, ?)');
    for (let i = 0; i < n; i++) {
      for (let a = 0; a < attributes; a++) {
        if ((i >> a) % 2 !== 1) continue;
        insAttrTriple.run(id1(i), a + 1, `v${i}`);
        insAttrTriple.run(id2(i), attributes + a + 1, `v${i}`);
      }
    }
    const insGold = db.prepare('INSERT INTO gold_link (left, right, split) VALUES (?, ?, ?)');
    for (let i = 0; i < n; i++) insGold.run(id1(i), id2(i), options.split ?? 'unsplit');
  })();
  return db;
}
