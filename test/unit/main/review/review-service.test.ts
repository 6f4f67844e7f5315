import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../../src-main/project/db';
import { runAlign } from '../../../../src-main/review/align-job';
import { ReviewService } from '../../../../src-main/review/review-service';
import { createFixtureProject, rightOf, tempDir, weightSpread } from './project-fixture';

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

async function aligned(options: Parameters<typeof createFixtureProject>[1] = {}) {
  const db = createFixtureProject(join(tempDir(), 'p.mmea'), options);
  open.push(db);
  const result = await runAlign(db, { topK: 5 });
  return { db, result, review: new ReviewService(db, { defaultCurator: 'Ada Curator' }) };
}

describe('review service', () => {
  it('gives each queue item both sides\' Beta weight spread per modality when the candidates\' run has one', async () => {
    const { review } = await aligned({ n: 40, weightStd: true });
    const { items } = review.queue({ offset: 0, limit: 50, order: 'score' });
    expect(items.length).toBeGreaterThan(10);
    for (const c of items) {
      expect(c.weightStd?.name?.left).toBeCloseTo(weightSpread(c.left.id, 'name'), 6);
      expect(c.weightStd?.name?.right).toBeCloseTo(weightSpread(c.right.id, 'name'), 6);
      // Left entities have no image in this fixture: only the right side reports a spread for it.
      expect(c.weightStd?.image?.left).toBeUndefined();
      expect(c.weightStd?.image?.right).toBeCloseTo(weightSpread(c.right.id, 'image'), 6);
      expect(c.weightStd?.relation).toBeUndefined();
    }
  });

  it('leaves weightStd out for a run without Beta fusion', async () => {
    const { review } = await aligned({ n: 40 });
    const { items } = review.queue({ offset: 0, limit: 20 });
    expect(items.length).toBeGreaterThan(0);
    for (const c of items) expect(c).not.toHaveProperty('weightStd');
  });

  it('generates candidates from the run, counts bands and calibrates thresholds from validation gold', async () => {
    const { db, result, review } = await aligned({ n: 60 });
    expect(result.generation).toMatchObject({ run: 1, topK: 5, csls: false });
    expect(result.generation.count).toBe(db.prepare('SELECT count(*) FROM candidate').pluck().get());
    // No thresholds were stored, the project has 'valid' gold: text-text is calibrated at once.
    expect(result.calibrated).toEqual(['text-text']);
    const bands = review.bandCounts().find((b) => b.kind === 'text-text')!;
    expect(bands.auto + bands.review + bands.hidden).toBe(result.generation.count);
    // Test-split ranking of the run's embeddings is stored with the candidates.
    expect(result.ranking?.pairs).toBe(36);
    expect(result.ranking!.hits1).toBeGreaterThan(0.5);
    expect(review.quality().ranking).toEqual(result.ranking);
  });

  it('moves counts between bands as thresholds move, and refuses bad thresholds', async () => {
    const { review } = await aligned();
    const total = (k = 'text-text') => review.bandCounts().find((b) => b.kind === k)!;
    const all = total();
    const n = all.auto + all.review + all.hidden;
    let counts = review.setThresholds([{ kind: 'text-text', lower: -1, upper: 2 }]).find((b) => b.kind === 'text-text')!;
    expect(counts).toEqual({ kind: 'text-text', auto: 0, review: n, hidden: 0 });
    counts = review.setThresholds([{ kind: 'text-text', lower: -1, upper: -1 }]).find((b) => b.kind === 'text-text')!;
    expect(counts.auto).toBe(n);
    expect(() => review.setThresholds([{ kind: 'text-text', lower: 0.9, upper: 0.1 }])).toThrow(/lower threshold/);
    expect(() => review.setThresholds([{ kind: 'text-text', lower: Number.NaN, upper: 0.1 }])).toThrow(/finite/);
    expect(review.thresholds().find((t) => t.kind === 'text-text')).toEqual({ kind: 'text-text', lower: -1, upper: -1 });
  });

  it('calibrates to the asked precision on validation pairs', async () => {
    const { db, review } = await aligned({ n: 200, noise: 1.2 });
    const t = review.calibrate('text-text', 0.9);
    // Check against the definition: among candidates touching a validation entity, those >= upper are >= 90% gold.
    const rows = db.prepare(
      `SELECT c.score, EXISTS (SELECT 1 FROM gold_link g WHERE g.left = c.left AND g.right = c.right AND g.split = 'valid') AS ok
       FROM candidate c WHERE c.left IN (SELECT left FROM gold_link WHERE split = 'valid') OR c.right IN (SELECT right FROM gold_link WHERE split = 'valid')`,
    ).all() as { score: number; ok: number }[];
    const above = rows.filter((r) => r.score >= t.upper);
    expect(above.length).toBeGreaterThan(0);
    expect(above.filter((r) => r.ok).length / above.length).toBeGreaterThanOrEqual(0.9);
    // One step lower (the next distinct score) would fall below the target, or there is no lower score.
    const next = Math.max(...rows.filter((r) => r.score < t.upper).map((r) => r.score));
    const wider = rows.filter((r) => r.score >= next);
    if (Number.isFinite(next)) expect(wider.filter((r) => r.ok).length / wider.length).toBeLessThan(0.9 + 1e-9);
    expect(t.lower).toBeLessThanOrEqual(t.upper);
    expect(review.thresholds().find((x) => x.kind === 'text-text')).toEqual(t);
    expect(() => review.calibrate('image-image', 0.9)).toThrow(/nothing to calibrate/);
  });

  it('flags 1:1 conflicts and keeps cross-modal matches free of them', async () => {
    const { review } = await aligned({ n: 40, images: 10 });
    review.setThresholds(['text-text', 'image-image', 'text-image'].map((kind) => ({ kind: kind as 'text-text', lower: -2, upper: 2 })));
    review.decide({ left: 1, right: rightOf(1), verdict: 'accept' });
    const page = review.queue({ kinds: ['text-text'], offset: 0, limit: 1000 });
    const others = page.items.filter((c) => c.left.id === 1 && c.right.id !== rightOf(1));
    expect(others.length).toBeGreaterThan(0);
    for (const c of others) expect(c.conflict).toMatch(/left entity already accepted with Right 1/);
    // A pair that is not its entities' best competes with a stronger candidate.
    const weaker = page.items.filter((c) => c.left.id !== 1 && c.right.id !== rightOf(1) && c.rank > 1);
    expect(weaker.length).toBeGreaterThan(0);
    for (const c of weaker) expect(c.conflict).toMatch(/^competes with .* \(score -?\d\.\d{3}\)$/);
    // The best pair of both its entities, untouched by accepted ones, has no conflict.
    expect(page.items.some((c) => c.left.id !== 1 && c.mutual && c.conflict === null)).toBe(true);
    const crossModal = review.queue({ kinds: ['text-image'], offset: 0, limit: 1000 });
    expect(crossModal.items.length).toBeGreaterThan(0);
    for (const c of crossModal.items) expect(c.conflict).toBeNull();
  });

  it('accepts an auto band 1:1 as one batch and undoes it as one step', async () => {
    const { review } = await aligned({ n: 60 });
    review.setThresholds([{ kind: 'text-text', lower: 0, upper: 0.5 }]);
    review.decide({ left: 2, right: rightOf(2), verdict: 'reject' });
    const before = review.undoState();
    const { accepted, state } = review.acceptBand('text-text');
    expect(accepted).toBeGreaterThan(0);
    expect(state.decisions).toBe(before.decisions + accepted);
    const acceptedPairs = review.decisions.currentDecisions(['accept']);
    // 1:1: no entity twice; the rejected pair stays rejected.
    expect(new Set(acceptedPairs.map((d) => d.left)).size).toBe(acceptedPairs.length);
    expect(new Set(acceptedPairs.map((d) => d.right)).size).toBe(acceptedPairs.length);
    expect(review.decisions.verdictOf(2, rightOf(2))).toBe('reject');
    expect(acceptedPairs.every((d) => d.score !== null && d.score >= 0.5 && d.run === 1)).toBe(true);
    const after = review.undo();
    expect(after.decisions).toBe(before.decisions);
    expect(review.decisions.verdictOf(2, rightOf(2))).toBe('reject');
  });

  it('keeps decisions through a re-run of candidate generation and a re-import', async () => {
    const { db, review } = await aligned({ n: 30 });
    review.decide({ left: 3, right: rightOf(3), verdict: 'accept', note: 'checked by hand' });
    review.decide({ left: 4, right: rightOf(5), verdict: 'reject' });
    const before = review.decisions.currentDecisions();
    // A re-import adds entities and gold; then candidates are generated again (with CSLS this time).
    db.prepare("INSERT INTO entity (id, side, iri, label) VALUES (500, 1, 'http://kg1.example/new', 'New'), (1500, 2, 'http://kg2.example/new', 'New')").run();
    db.prepare("INSERT INTO gold_link (left, right, split) VALUES (500, 1500, 'test')").run();
    await runAlign(db, { topK: 3, csls: true });
    expect(review.decisions.currentDecisions()).toEqual(before);
    const decided = review.queue({ status: ['accept', 'reject'], offset: 0, limit: 100 }).items;
    expect(decided.find((c) => c.left.id === 3 && c.right.id === rightOf(3))?.status).toBe('accept');
    expect(review.history(0, 10)[0]).toMatchObject({ left: 4, right: rightOf(5), verdict: 'reject', curator: 'Ada Curator' });
  });

  it('filters the queue by band, status, search and disagreement', async () => {
    const { review } = await aligned({ n: 40 });
    review.setThresholds([{ kind: 'text-text', lower: 0.2, upper: 0.6 }]);
    const all = review.queue({ offset: 0, limit: 1000 });
    const review1 = review.queue({ bands: ['review'], offset: 0, limit: 1000 });
    expect(review1.items.every((c) => c.band === 'review' && c.score >= 0.2 && c.score < 0.6)).toBe(true);
    const counts = review.bandCounts().find((b) => b.kind === 'text-text')!;
    expect(review1.total).toBe(counts.review);
    expect(all.total).toBe(counts.auto + counts.review + counts.hidden);
    const top = review.queue({ bands: ['auto'], order: 'score', offset: 0, limit: 1 }).items[0];
    review.decide({ left: top.left.id, right: top.right.id, verdict: 'reject' });
    const disagreements = review.queue({ disagreementsOnly: true, offset: 0, limit: 10 });
    expect(disagreements.items.map((c) => c.id)).toContain(top.id);
    expect(review.queue({ status: ['open'], offset: 0, limit: 1000 }).total).toBe(all.total - 1);
    const found = review.queue({ search: 'Left 7', offset: 0, limit: 100 });
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.every((c) => c.left.label === 'Left 7' || c.right.label?.startsWith('Left 7'))).toBe(true);
    expect(() => review.queue({ offset: -1, limit: 10 })).toThrow(/offset/);
  });

  it('reports P/R/F1 per kind at the current thresholds, with the curator decisions applied', async () => {
    const { db, review } = await aligned({ n: 50 });
    review.setThresholds([{ kind: 'text-text', lower: 0, upper: 0.7 }]);
    const q = review.quality();
    const test = db.prepare("SELECT left, right FROM gold_link WHERE split = 'test'").all() as { left: number; right: number }[];
    const goldKeys = new Set(test.map((g) => `${g.left}:${g.right}`));
    const lefts = new Set(test.map((g) => g.left));
    const rights = new Set(test.map((g) => g.right));
    const predicted = (db.prepare('SELECT left, right FROM candidate WHERE score >= 0.7').all() as { left: number; right: number }[])
      .filter((c) => lefts.has(c.left) || rights.has(c.right));
    const correct = predicted.filter((c) => goldKeys.has(`${c.left}:${c.right}`)).length;
    const tt = q.perKind.find((k) => k.kind === 'text-text')!;
    expect(tt.gold).toBe(test.length);
    expect(tt.predicted).toBe(predicted.length);
    expect(tt.precision).toBeCloseTo(correct / predicted.length, 10);
    expect(tt.recall).toBeCloseTo(correct / test.length, 10);
    expect(q.overall.f1).toBeCloseTo(tt.f1, 10);
    const curve = q.prCurve.find((c) => c.kind === 'text-text')!.points;
    expect(curve.length).toBeGreaterThan(5);
    // Recall never falls as the threshold falls.
    for (let i = 1; i < curve.length; i++) {
      expect(curve[i].threshold).toBeLessThan(curve[i - 1].threshold);
      expect(curve[i].recall).toBeGreaterThanOrEqual(curve[i - 1].recall);
    }
    expect(q.decisions).toBe(0);
    // Rejecting a correct auto link lowers recall by one pair.
    const wrongful = predicted.find((c) => goldKeys.has(`${c.left}:${c.right}`))!;
    review.decide({ left: wrongful.left, right: wrongful.right, verdict: 'reject' });
    const after = review.quality();
    expect(after.perKind.find((k) => k.kind === 'text-text')!.recall).toBeCloseTo((correct - 1) / test.length, 10);
    expect(after.decisions).toBe(1);
  });

  it('grades on the run\'s own split when the gold comes without one', async () => {
    const { db, result, review } = await aligned({ n: 100, unsplit: true });
    // seed 3, 30% train (of which 10% valid), 70% test: the same split the trainer made.
    expect(result.ranking?.pairs).toBe(70);
    expect(result.calibrated).toEqual(['text-text']);
    const q = review.quality();
    expect(q.perKind.find((k) => k.kind === 'text-text')!.gold).toBe(70);
    const { validationGold } = await import('../../../../src-main/review/calibration');
    const valid = validationGold(db);
    expect(valid.source).toBe('run valid split');
    expect(valid.pairs).toHaveLength(3);
    // Validation pairs are never test pairs.
    const test = new Set((await import('../../../../src-main/review/run-splits')).runSplits(db, 1)!.test.map((p) => p.left));
    for (const p of valid.pairs) expect(test.has(p.left)).toBe(false);
  });
});
