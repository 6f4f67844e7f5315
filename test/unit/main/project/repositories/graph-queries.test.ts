import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProjectStore } from '../../../../../src-main/project/project-store';
import { ImportWriter } from '../../../../../src-main/import/import-writer';
import type { ImportRecord } from '../../../../../src-main/import/import-format';

let store: ProjectStore;

function load(records: ImportRecord[]): void {
  store.db.transaction(() => {
    const writer = new ImportWriter(store.db);
    for (const r of records) writer.write(r);
    writer.finish();
  })();
}

const id = (side: 1 | 2, iri: string) => store.entities.byIri(side, iri)!.id;

beforeEach(() => {
  store = ProjectStore.create(':memory:', 'graph', { imageUrl: (i) => `img:${i}` });
  const records: ImportRecord[] = [
    { type: 'entity', side: 1, iri: 'http://dbpedia.org/resource/Abdullah_Gül', label: 'Abdullah Gül' },
    { type: 'entity', side: 1, iri: 'http://dbpedia.org/resource/Ankara', label: 'Ankara' },
    { type: 'entity', side: 1, iri: 'http://dbpedia.org/resource/Turkey', label: 'Turkey' },
    { type: 'entity', side: 1, iri: 'http://dbpedia.org/resource/Ankara_University', label: 'Ankara University' },
    { type: 'entity', side: 1, iri: 'http://zh.dbpedia.org/resource/柏林', label: '柏林' },
    { type: 'entity', side: 2, iri: 'http://fr.dbpedia.org/resource/Ankara', label: 'Ankara' },
    // chain a -> b -> c -> d -> e, plus a -x-> f
    ...['a', 'b', 'c', 'd', 'e', 'f'].map((n): ImportRecord => ({ type: 'entity', side: 1, iri: `x:${n}`, label: n.toUpperCase() })),
    { type: 'relTriple', side: 1, head: 'x:a', rel: 'r:next', tail: 'x:b' },
    { type: 'relTriple', side: 1, head: 'x:b', rel: 'r:next', tail: 'x:c' },
    { type: 'relTriple', side: 1, head: 'x:d', rel: 'r:next', tail: 'x:c' },
    { type: 'relTriple', side: 1, head: 'x:d', rel: 'r:next', tail: 'x:e' },
    { type: 'relTriple', side: 1, head: 'x:a', rel: 'r:other', tail: 'x:f' },
    { type: 'relTriple', side: 1, head: 'x:b', rel: 'r:next', tail: 'x:c' }, // a repeated triple
    { type: 'attrTriple', side: 1, entity: 'x:a', attr: 'p:pop', value: '12', datatype: 'xsd:int' },
    { type: 'image', side: 1, entity: 'x:a', source: 'a.png' },
    { type: 'image', side: 1, entity: 'x:a', source: 'a2.png' },
    { type: 'gold', left: 'http://dbpedia.org/resource/Ankara', right: 'http://fr.dbpedia.org/resource/Ankara', split: 'test' },
  ];
  load(records);
});
afterEach(() => store.close());

describe('search', () => {
  it('finds by label substring, ranking the exact label first, then prefixes, and ignores diacritics and case', () => {
    expect(store.graph.search(1, 'ankara', 10).map((e) => e.label)).toEqual(['Ankara', 'Ankara University']);
    expect(store.graph.search(1, 'gul', 10).map((e) => e.label)).toEqual(['Abdullah Gül']);
    expect(store.graph.search(2, 'ankara', 10).map((e) => e.side)).toEqual([2]);
  });

  it('finds by IRI local name (underscores as spaces) and by the full IRI', () => {
    store.entities.setLabel(id(1, 'http://dbpedia.org/resource/Ankara_University'), null);
    expect(store.graph.search(1, 'ara Univ', 10).map((e) => e.iri)).toEqual(['http://dbpedia.org/resource/Ankara_University']);
    expect(store.graph.search(1, 'http://dbpedia.org/resource/Turkey', 10)[0].label).toBe('Turkey');
  });

  it('handles text shorter than a trigram and text that looks like query syntax', () => {
    expect(store.graph.search(1, '柏林', 10).map((e) => e.label)).toEqual(['柏林']);
    expect(store.graph.search(1, 'a" OR "b', 10)).toEqual([]);
    expect(store.graph.search(1, '%', 10)).toEqual([]);
  });

  it('uses the trigram index, not a scan of entity', () => {
    const plan = store.db.prepare(`EXPLAIN QUERY PLAN SELECT e.id FROM entity_search f JOIN entity e ON e.id = f.rowid WHERE entity_search MATCH '"ank"' AND e.side = 1`).all() as { detail: string }[];
    const details = plan.map((p) => p.detail).join(' | ');
    expect(details).toMatch(/SCAN f VIRTUAL TABLE INDEX/);
    expect(details).toMatch(/SEARCH e USING INTEGER PRIMARY KEY/);
  });
});

describe('neighbourhood', () => {
  it('walks both directions breadth first up to the depth, with every edge between included nodes', () => {
    const n = store.graph.neighbourhood(id(1, 'x:a'), 2, null, 100);
    const depth = Object.fromEntries(n.nodes.map((x) => [x.label, x.depth]));
    expect(depth).toEqual({ A: 0, B: 1, F: 1, C: 2 });
    expect(n.edges).toHaveLength(3); // the repeated b->c triple is drawn once
    expect(n.truncated).toBe(false);
    expect(n.nodes.find((x) => x.label === 'A')?.imageUrl).toMatch(/^img:\d+$/);
    const deep = store.graph.neighbourhood(id(1, 'x:a'), 3, null, 100);
    expect(deep.nodes.map((x) => x.label).sort()).toEqual(['A', 'B', 'C', 'D', 'F']);
    expect(store.graph.neighbourhood(id(1, 'x:a'), 9, null, 100).nodes).toHaveLength(5); // depth is capped at 3
  });

  it('follows only the given relations and stops at maxNodes', () => {
    const only = store.graph.neighbourhood(id(1, 'x:a'), 1, ['r:other'], 100);
    expect(only.nodes.map((x) => x.label).sort()).toEqual(['A', 'F']);
    const capped = store.graph.neighbourhood(id(1, 'x:a'), 3, null, 3);
    expect(capped.nodes).toHaveLength(3);
    expect(capped.truncated).toBe(true);
  });

  it('uses the covering indexes for each step', () => {
    const plan = (sql: string) => (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((p) => p.detail).join(' | ');
    expect(plan('SELECT rel, tail FROM rel_triple WHERE head = 1 ORDER BY rel, tail')).toMatch(/USING COVERING INDEX rel_triple_head/);
    expect(plan('SELECT rel, head FROM rel_triple WHERE tail = 1 ORDER BY rel, head')).toMatch(/USING COVERING INDEX rel_triple_tail/);
  });

  it('looks up the cross-graph candidates of a node through the run/left and run/right indexes, never a scan', () => {
    const source = readFileSync(join(__dirname, '../../../../../src-main/project/repositories/cross-links.ts'), 'utf8');
    const sql = source.slice(source.indexOf('`SELECT x.other') + 1, source.indexOf('LIMIT 20`') + 8);
    const details = (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ id: 1, run: 1 }) as { detail: string }[]).map((p) => p.detail);
    expect(details.filter((d) => /^SEARCH c USING INDEX/.test(d))).toHaveLength(2);
    expect(details.some((d) => /^SCAN c\b/.test(d))).toBe(false);
  });
});

describe('entity, relations and gallery', () => {
  it('gives an entity with attributes, relations both ways, images with URLs and gold partners', () => {
    const a = store.graph.entity(id(1, 'x:a'));
    expect(a.attributes).toEqual([{ name: 'p:pop', value: '12', datatype: 'xsd:int' }]);
    expect(a.relations.map((r) => `${r.direction} ${r.relation} ${r.otherLabel}`).sort()).toEqual(['out r:next B', 'out r:other F']);
    expect(a.images.map((i) => i.source)).toEqual(['a.png', 'a2.png']);
    expect(a.images[0].url).toBe(`img:${a.images[0].id}`);
    const ankara = store.graph.entity(id(1, 'http://dbpedia.org/resource/Ankara'));
    expect(ankara.gold).toEqual([{ otherId: id(2, 'http://fr.dbpedia.org/resource/Ankara'), split: 'test' }]);
    expect(() => store.graph.entity(999999)).toThrow(/No entity/);
  });

  it('lists relations with triple counts', () => {
    expect(store.graph.relations(1)).toEqual([{ iri: 'r:next', count: 5 }, { iri: 'r:other', count: 1 }]);
    expect(store.graph.relations(2)).toEqual([]);
  });

  it('pages the gallery with aligned / unaligned / missing-image filters', () => {
    const all = store.graph.gallery({ side: 1, filter: 'all', offset: 0, limit: 4 });
    expect(all.total).toBe(11);
    expect(all.items).toHaveLength(4);
    expect(store.graph.gallery({ side: 1, filter: 'all', offset: 8, limit: 4 }).items).toHaveLength(3);
    const aligned = store.graph.gallery({ side: 1, filter: 'aligned', offset: 0, limit: 10 });
    expect(aligned.items.map((i) => i.label)).toEqual(['Ankara']);
    expect(aligned.items[0].aligned).toBe(true);
    expect(store.graph.gallery({ side: 1, filter: 'unaligned', offset: 0, limit: 100 }).total).toBe(10);
    expect(store.graph.gallery({ side: 1, filter: 'missing-image', offset: 0, limit: 100 }).total).toBe(10);
    const withImage = store.graph.gallery({ side: 1, filter: 'all', offset: 0, limit: 100 }).items.find((i) => i.label === 'A');
    expect(withImage?.imageUrl).toMatch(/^img:/);
  });

  it('counts a pair as aligned when its current decision accepts it', () => {
    const l = id(1, 'x:b');
    const r = id(2, 'http://fr.dbpedia.org/resource/Ankara');
    const seq = Number(store.db.prepare("INSERT INTO decision_event (left, right, left_iri, right_iri, verdict, curator, at) VALUES (?, ?, 'x:b', 'y', 'accept', 'me', 'now')").run(l, r).lastInsertRowid);
    store.db.prepare("INSERT INTO decision (left, right, verdict, seq) VALUES (?, ?, 'accept', ?)").run(l, r, seq);
    expect(store.graph.gallery({ side: 1, filter: 'aligned', offset: 0, limit: 10 }).total).toBe(2);
    store.db.prepare("UPDATE decision SET verdict = 'reject' WHERE left = ?").run(l);
    expect(store.graph.gallery({ side: 1, filter: 'aligned', offset: 0, limit: 10 }).total).toBe(1);
  });

  it('filters entities frozen by the latest finished run', () => {
    expect(store.graph.gallery({ side: 1, filter: 'frozen', offset: 0, limit: 10 }).total).toBe(0);
    const run = Number(store.db.prepare("INSERT INTO training_run (started_at, status, backend, options) VALUES ('now', 'done', 'cpu', '{}')").run().lastInsertRowid);
    store.db.prepare("INSERT INTO frozen_modality (run, entity, modality) VALUES (?, ?, 'image')").run(run, id(1, 'x:a'));
    const frozen = store.graph.gallery({ side: 1, filter: 'frozen', offset: 0, limit: 10 });
    expect(frozen.items.map((i) => [i.label, i.frozen])).toEqual([['A', true]]);
  });
});

describe('cross-graph links', () => {
  it('marks neighbours aligned by gold or accepted decision, and lists gold, accepted and open candidates on nodes', () => {
    const a = id(1, 'x:a');
    const b = id(1, 'x:b');
    const f = id(1, 'x:f');
    const fr = id(2, 'http://fr.dbpedia.org/resource/Ankara');
    const other = (iri: string) => {
      store.db.prepare("INSERT INTO entity (side, iri) VALUES (2, ?)").run(iri);
      return id(2, iri);
    };
    const [y1, y2, y3] = [other('y:1'), other('y:2'), other('y:3')];
    const seq = store.db.prepare("INSERT INTO decision_event (left, right, left_iri, right_iri, verdict, curator, at) VALUES (?, ?, 'x:b', 'y:1', 'accept', 'me', 'now')").run(b, y1).lastInsertRowid;
    store.db.prepare("INSERT INTO decision (left, right, verdict, seq) VALUES (?, ?, 'accept', ?)").run(b, y1, seq);
    store.db.prepare("INSERT INTO gold_link (left, right, split) VALUES (?, ?, 'train')").run(f, fr);
    const run = store.db.prepare("INSERT INTO training_run (started_at, status, backend, options) VALUES ('now', 'done', 'cpu', '{}')").run().lastInsertRowid;
    const cand = store.db.prepare("INSERT INTO candidate (run, left, right, kind, score, rank_left, mutual, margin, evidence) VALUES (?, ?, ?, 'text-text', ?, 1, 1, 0.1, '{}')");
    cand.run(run, a, y2, 0.95);
    cand.run(run, a, y3, 0.6);
    cand.run(run, a, fr, 0.1);
    cand.run(run, b, y1, 0.9); // decided: shown as accepted, not as a candidate
    store.db.prepare("INSERT INTO thresholds (kind, lower, upper) VALUES ('text-text', 0.5, 0.9)").run();

    const detail = store.graph.entity(a);
    const aligned = Object.fromEntries(detail.relations.map((r) => [r.otherLabel, r.otherAlignedTo]));
    expect(aligned).toEqual({ B: y1, F: fr });

    const n = store.graph.neighbourhood(a, 1, null, 10);
    const links = Object.fromEntries(n.nodes.map((x) => [x.label, x.links]));
    expect(links.A).toEqual([{ otherId: y2, status: 'auto', score: 0.95 }, { otherId: y3, status: 'candidate', score: 0.6 }]);
    expect(links.B).toEqual([{ otherId: y1, status: 'accepted', score: null }]);
    expect(links.F).toEqual([{ otherId: fr, status: 'gold', score: null }]);
  });
});

describe('relation counts cache', () => {
  it('sees triples added after the first call', () => {
    expect(store.graph.relations(1)[0]).toEqual({ iri: 'r:next', count: 5 });
    load([{ type: 'relTriple', side: 1, head: 'x:e', rel: 'r:other', tail: 'x:a' }, { type: 'relTriple', side: 1, head: 'x:e', rel: 'r:other', tail: 'x:b' }]);
    expect(store.graph.relations(1)).toEqual([{ iri: 'r:next', count: 5 }, { iri: 'r:other', count: 3 }]);
  });
});
