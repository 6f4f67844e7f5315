import { beforeEach, describe, expect, it } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { setApi } from '../../../../src-renderer/api';
import { useReviewStore } from '../../../../src-renderer/stores/review';
import { useUiStore } from '../../../../src-renderer/stores/ui';
import { createFakeApi, type FakeApi } from '../fake-api';

describe('review store', () => {
  let api: FakeApi;
  beforeEach(() => {
    setActivePinia(createPinia());
    api = createFakeApi(5); // scores 0.95, 0.85, 0.75, 0.65, 0.55: one auto, four review
    setApi(api);
  });

  it('loads thresholds, band counts and the review band of open pairs', async () => {
    const review = useReviewStore();
    await review.load();
    expect(review.counts[0]).toEqual({ kind: 'text-text', auto: 1, review: 4, hidden: 0 });
    expect(review.items.map((i) => i.left.label)).toEqual(['L2', 'L3', 'L4', 'L5']);
    expect(review.current?.left.label).toBe('L2');
  });

  it('applies a burst of decisions in the order typed and moves to the next open pair', async () => {
    const review = useReviewStore();
    await review.load();
    void review.decide('accept');
    void review.decide('accept');
    void review.decide('reject');
    await review.settled();
    expect(api.calls.filter((c) => c.startsWith('review.decide'))).toEqual(['review.decide:2:accept', 'review.decide:3:accept', 'review.decide:4:reject']);
    expect(review.items.map((i) => i.status)).toEqual(['accept', 'accept', 'reject', 'open']);
    expect(review.current?.left.label).toBe('L5');
    expect(review.undoState).toEqual({ canUndo: true, canRedo: false, decisions: 3 });
  });

  it('undo reverts the last decision and puts the cursor back on it; redo re-applies it', async () => {
    const review = useReviewStore();
    await review.load();
    await review.decide('accept');
    await review.decide('reject');
    await review.undo();
    expect(api.decisions.get('3-1003')).toBeUndefined();
    expect(review.items[1].status).toBe('open');
    expect(review.current?.left.label).toBe('L3');
    expect(review.undoState.canRedo).toBe(true);
    await review.redo();
    expect(api.decisions.get('3-1003')).toBe('reject');
    expect(review.items[1].status).toBe('reject');
    expect(review.current?.left.label).toBe('L4');
  });

  it('accepts the auto band in one batch that one undo reverts', async () => {
    const review = useReviewStore();
    await review.load();
    expect(await review.acceptBand('text-text')).toBe(1);
    expect(api.decisions.get('1-1001')).toBe('accept');
    await review.undo();
    expect(api.decisions.size).toBe(0);
  });

  it('moving a threshold updates the live counts and the queue', async () => {
    const review = useReviewStore();
    await review.load();
    await review.setThresholds('text-text', 0.7, 0.8);
    expect(review.counts[0]).toEqual({ kind: 'text-text', auto: 2, review: 1, hidden: 2 });
    expect(review.items.map((i) => i.left.label)).toEqual(['L3']);
  });

  it('flags a 1:1 conflict with a pair accepted in this session', async () => {
    const review = useReviewStore();
    await review.load();
    await review.setFilter({ bands: [], status: [] });
    await review.decide('accept'); // L1-R1
    review.select(0);
    expect(review.conflict).toBeNull();
    // Make a second candidate that shares L1: the fake has none, so check the helper's rule through the store's items.
    const { localConflict } = await import('../../../../src-renderer/stores/review-local');
    const clash = { ...review.items[1], left: review.items[0].left };
    expect(localConflict(review.items, clash)).toMatch(/L1 is already accepted with R1/);
  });

  it('keeps going after a failed action and shows the error with its hint', async () => {
    const review = useReviewStore();
    await review.load();
    api.review.decide = () => Promise.reject({ code: 'IO', message: 'disk full', hint: 'Free some space.' });
    await review.decide('accept');
    expect(review.items[0].status).toBe('open');
    expect(useUiStore().notices.at(-1)?.error?.hint).toBe('Free some space.');
    await review.next();
    expect(review.current?.left.label).toBe('L3');
  });

  it('prefetches the evidence of the pair under the cursor and the next ones', async () => {
    const review = useReviewStore();
    await review.load();
    await new Promise((r) => setTimeout(r, 0));
    expect(review.leftDetail?.id).toBe(2);
    expect(api.calls.filter((c) => c === 'graph.entity').length).toBe(8);
  });
});

describe('review store filters', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    setApi(createFakeApi(5));
  });

  it('looks for disagreements among decided pairs of every band', async () => {
    const review = useReviewStore();
    await review.load();
    await review.setFilter({ disagreementsOnly: true });
    expect(review.filter).toMatchObject({ disagreementsOnly: true, status: ['accept', 'reject', 'unsure'], bands: [] });
  });
});
