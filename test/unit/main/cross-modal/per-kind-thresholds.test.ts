import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../../src-main/project/db';
import { runAlign } from '../../../../src-main/review/align-job';
import { labelledCandidates, validationGold } from '../../../../src-main/review/calibration';
import { qualityReport } from '../../../../src-main/review/quality-report';
import { ReviewService } from '../../../../src-main/review/review-service';
import type { Thresholds } from '../../../../src-main/shared/dto';
import { MATCH_KINDS, type MatchKind } from '../../../../src-main/shared/model';
import { tempDir } from '../review/project-fixture';
import { createCrossModalProject } from './cross-modal-project';

/**
 * Per-kind thresholds on a project whose three match kinds live on different score scales: candidates of every
 * kind, each kind calibrated on its own validation pairs, quality per kind and overall, and what one shared
 * threshold would cost.
 */

const open: Db[] = [];
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});

async function aligned() {
  const db = createCrossModalProject(join(tempDir('mmea-cross-modal-'), 'p.mmea'));
  open.push(db);
  const result = await runAlign(db, { topK: 5 });
  return { db, result, review: new ReviewService(db, { defaultCurator: 'Ada Curator' }) };
}

const byKind = (list: readonly Thresholds[]) => Object.fromEntries(list.map((t) => [t.kind, t])) as Record<MatchKind, Thresholds>;

describe('per-kind thresholds and calibration', () => {
  it('generates candidates of every kind and calibrates each kind on its own validation pairs', async () => {
    const { db, result, review } = await aligned();
    for (const kind of MATCH_KINDS) expect(review.queue({ kinds: [kind], offset: 0, limit: 1 }).total).toBeGreaterThan(0);
    expect([...result.calibrated].sort()).toEqual([...MATCH_KINDS].sort());
    // Validation gold is split by kind: 6 text-text, 6 + 2 text-image (both directions), 2 image-image.
    const gold = validationGold(db);
    expect(gold.source).toBe('valid');
    const count = (kind: MatchKind) => gold.pairs.filter((p) => p.kind === kind).length;
    expect([count('text-text'), count('text-image'), count('image-image')]).toEqual([6, 8, 2]);
    for (const kind of MATCH_KINDS) {
      const { labelled, goldTotal } = labelledCandidates(db, kind, gold);
      expect(goldTotal).toBe(count(kind));
      expect(labelled.some((l) => l.correct)).toBe(true);
    }
    const t = byKind(review.thresholds());
    // The scales differ, so do the thresholds: true text-image pairs score well below any text-text threshold.
    expect(t['text-image'].upper).toBeLessThan(t['text-text'].lower);
    for (const kind of MATCH_KINDS) expect(t[kind].lower).toBeLessThanOrEqual(t[kind].upper);
  });

  it('reports P/R/F1 per kind and overall; per-kind thresholds beat one shared threshold', async () => {
    const { db, review } = await aligned();
    const perKind = qualityReport(db, review.thresholds());
    const f1 = (report: typeof perKind, kind: MatchKind) => report.perKind.find((k) => k.kind === kind)?.f1 ?? 0;
    for (const kind of MATCH_KINDS) expect(f1(perKind, kind)).toBeGreaterThan(0.5);
    expect(perKind.overall.f1).toBeGreaterThan(0.6);
    // Counts add up: overall recall is over the gold of all kinds.
    const goldAll = perKind.perKind.reduce((s, k) => s + k.gold, 0);
    expect(goldAll).toBe((db.prepare("SELECT count(*) FROM gold_link WHERE split = 'test'").pluck().get() as number));
    // One shared threshold (text-text's, the kind with the most pairs) for every kind loses the cross-modal links.
    const shared = byKind(review.thresholds())['text-text'];
    const one = qualityReport(db, MATCH_KINDS.map((kind) => ({ ...shared, kind })));
    expect(f1(one, 'text-image')).toBe(0);
    expect(one.overall.f1).toBeLessThan(perKind.overall.f1);
  });

  it('recalibrates only the kind asked for, to the asked precision, and keeps curator-set thresholds', async () => {
    const { review } = await aligned();
    const before = byKind(review.thresholds());
    review.setThresholds([{ kind: 'image-image', lower: 0.1, upper: 0.95 }]);
    const t = review.calibrate('text-image', 1);
    const after = byKind(review.thresholds());
    expect(after['text-image']).toEqual(t);
    expect(after['text-text']).toEqual(before['text-text']);
    expect(after['image-image']).toEqual({ kind: 'image-image', lower: 0.1, upper: 0.95 });
  });
});
