import { randomUUID } from 'node:crypto';
import type { Db } from '../project/db';
import type { ExportInclude, Thresholds } from '../shared/dto';
import { MATCH_KINDS, matchKindOf, type EntityKind, type MatchKind } from '../shared/model';
import { greedyOneToOne } from '../align/conflicts';
import type { ExportLink, ExportMeta } from '../export/links';
import { CandidatesRepository } from '../project/repositories/candidates';
import { DecisionsRepository } from '../project/repositories/decisions';
import { ThresholdsRepository } from '../project/repositories/thresholds';

/** The app version written into export metadata. */
export const TOOL_VERSION = '0.1.0';

interface EntityRow {
  id: number;
  iri: string;
  label: string | null;
  kind: EntityKind;
}

/**
 * The links an export includes, curated first (in decision order), then machine-proposed (best first):
 * - 'accepted': the curator's accepted pairs;
 * - 'accepted+auto': plus undecided auto-band candidates, held to 1:1 for 1:1 kinds (an accepted pair, or a
 *   stronger auto pair, wins over a weaker one sharing an entity);
 * - 'all': plus rejected and unsure pairs and the review band (auto pairs that lost the 1:1 contest become
 *   'review'). The hidden band is never exported.
 */
export function collectLinks(db: Db, include: ExportInclude, thresholds: readonly Thresholds[] = new ThresholdsRepository(db).all()): ExportLink[] {
  const entity = db.prepare('SELECT id, iri, label, kind FROM entity WHERE id = ?');
  const cache = new Map<number, EntityRow>();
  const get = (id: number): EntityRow => {
    let row = cache.get(id);
    if (!row) cache.set(id, (row = entity.get(id) as EntityRow));
    return row;
  };
  const link = (left: number, right: number, rest: Pick<ExportLink, 'status' | 'score' | 'curator' | 'decidedAt' | 'note'>): ExportLink => {
    const l = get(left);
    const r = get(right);
    const kind = matchKindOf(l.kind, r.kind);
    return { subject: l.iri, subjectLabel: l.label, object: r.iri, objectLabel: r.label, kind, subjectIsImage: kind === 'text-image' && l.kind === 'image', ...rest };
  };
  const decisions = new DecisionsRepository(db).currentDecisions();
  const out: ExportLink[] = [];
  for (const d of decisions) {
    if (d.verdict !== 'accept' && include !== 'all') continue;
    const status = d.verdict === 'accept' ? 'accepted' : d.verdict === 'reject' ? 'rejected' : 'unsure';
    out.push(link(d.left, d.right, { status, score: d.score, curator: d.curator, decidedAt: d.at, note: d.note }));
  }
  if (include === 'accepted') return out;
  const candidates = new CandidatesRepository(db);
  for (const kind of MATCH_KINDS) {
    const t = thresholds.find((x) => x.kind === kind);
    if (!t) continue;
    const taken = { left: new Set<number>(), right: new Set<number>() };
    for (const d of decisions) {
      if (d.verdict === 'accept' && matchKindOf(get(d.left).kind, get(d.right).kind) === kind) {
        taken.left.add(d.left);
        taken.right.add(d.right);
      }
    }
    const auto = candidates.undecidedAtLeast(kind, t.upper);
    const winners = new Set(greedyOneToOne(auto, kind as MatchKind, taken));
    auto.forEach((c, i) => {
      if (winners.has(i)) out.push(link(c.left, c.right, { status: 'auto', score: c.score, curator: null, decidedAt: null, note: null }));
      else if (include === 'all') out.push(link(c.left, c.right, { status: 'review', score: c.score, curator: null, decidedAt: null, note: 'auto band, but an entity already has a stronger or accepted partner' }));
    });
    if (include === 'all') {
      for (const c of candidates.undecidedAtLeast(kind, t.lower)) {
        if (c.score < t.upper) out.push(link(c.left, c.right, { status: 'review', score: c.score, curator: null, decidedAt: null, note: null }));
      }
    }
  }
  return out;
}

/**
 * What the exports state about the set: a stable tag: IRI per project (RFC 4151; made once and kept in meta, so
 * repeated exports of one project name the same link set), the graphs' names, CC0 (links are facts), the score
 * measure of the current candidates.
 */
export function exportMeta(db: Db, created = new Date()): ExportMeta {
  const meta = (key: string) => db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
  let id = meta('export.set_id');
  if (!id) {
    id = randomUUID();
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run('export.set_id', id);
  }
  const base = `tag:mmea.studio,2026:${id}`;
  const graphName = (side: number) => (db.prepare('SELECT name FROM graph WHERE side = ?').pluck().get(side) as string | undefined) ?? `KG${side}`;
  const name = meta('name') ?? 'MMEA Studio project';
  const csls = new CandidatesRepository(db).generation()?.csls ?? false;
  return {
    created: created.toISOString(),
    title: `${name}: links between ${graphName(1)} and ${graphName(2)}`,
    setIri: `${base}/linkset`,
    subjectsTarget: { iri: `${base}/graph1`, title: graphName(1) },
    objectsTarget: { iri: `${base}/graph2`, title: graphName(2) },
    license: 'https://creativecommons.org/publicdomain/zero/1.0/',
    scoreMeasure: csls ? 'csls' : 'cosine',
    toolVersion: TOOL_VERSION,
  };
}
