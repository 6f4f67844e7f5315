import { defineStore } from 'pinia';
import { computed, readonly, ref, shallowRef } from 'vue';
import type {
  BandCounts, CandidateDto, CandidateStatus, DecisionDto, EntityDetail, Preferences, QualityReport, QueueQuery, Thresholds, UndoState,
} from '@shared/dto';
import type { MatchKind, Verdict } from '@shared/model';
import { useApi } from '../api';
import { useUiStore } from './ui';
import { localConflict, nextOpenIndex, withStatus, type LocalStep } from './review-local';

/** The queue is read in pages of this size; the next page loads when the cursor nears the end. */
export const QUEUE_PAGE = 100;

/** What the queue shows. */
export interface QueueFilter {
  kinds: MatchKind[];
  bands: ('auto' | 'review' | 'hidden')[];
  status: CandidateStatus[];
  disagreementsOnly: boolean;
  search: string;
}

/**
 * The review queue: thresholds and band counts per match kind, the loaded candidates with a cursor, the evidence of
 * the pair under the cursor, decisions with undo/redo, blind mode and quality against gold. Every action runs in
 * order through one chain, so a burst of key presses is applied exactly in the order typed.
 */
export const useReviewStore = defineStore('review', () => {
  const thresholds = ref<Thresholds[]>([]);
  const counts = ref<BandCounts[]>([]);
  const filter = ref<QueueFilter>({ kinds: [], bands: ['review'], status: ['open'], disagreementsOnly: false, search: '' });
  const items = shallowRef<CandidateDto[]>([]);
  const total = ref(0);
  const index = ref(0);
  const loading = ref(false);
  const undoState = ref<UndoState>({ canUndo: false, canRedo: false, decisions: 0 });
  const preferences = ref<Preferences>({ curator: '', blindMode: false });
  const quality = ref<QualityReport | null>(null);
  const history = ref<DecisionDto[]>([]);
  const details = shallowRef<Record<number, EntityDetail>>({});
  const done = ref<LocalStep[]>([]);
  const undone = ref<LocalStep[]>([]);
  const detailLoads = new Map<number, Promise<EntityDetail | null>>();
  let chain: Promise<unknown> = Promise.resolve();

  const current = computed<CandidateDto | null>(() => items.value[index.value] ?? null);
  const conflict = computed(() => (current.value ? current.value.conflict ?? localConflict(items.value, current.value) : null));
  const leftDetail = computed(() => (current.value ? details.value[current.value.left.id] ?? null : null));
  const rightDetail = computed(() => (current.value ? details.value[current.value.right.id] ?? null : null));

  /** Runs review actions one after another; errors become notices and do not break the chain. */
  function serial<T>(action: () => Promise<T>): Promise<T | undefined> {
    const run = chain.then(action).catch((error: unknown) => {
      useUiStore().reportError(error);
      return undefined;
    });
    chain = run;
    return run;
  }

  /** Loads thresholds, counts, preferences and the first page of the queue. */
  function load(): Promise<void | undefined> {
    return serial(async () => {
      const api = useApi();
      const [t, c, p] = await Promise.all([api.review.thresholds(), api.review.bandCounts(), api.review.preferences()]);
      thresholds.value = t;
      counts.value = c;
      preferences.value = p;
      await fetchQueue();
      // Quality is read beside the chain: on a large project it must not hold up the first key presses.
      void refreshQuality();
    });
  }

  function query(offset: number): QueueQuery {
    const f = filter.value;
    return {
      kinds: f.kinds.length ? f.kinds : undefined,
      bands: f.bands.length ? f.bands : undefined,
      status: f.status.length ? f.status : undefined,
      disagreementsOnly: f.disagreementsOnly || undefined,
      search: f.search.trim() || undefined,
      order: 'informative',
      offset,
      limit: QUEUE_PAGE,
    };
  }

  async function fetchQueue(): Promise<void> {
    loading.value = true;
    try {
      const page = await useApi().review.queue(query(0));
      items.value = page.items;
      total.value = page.total;
      index.value = 0;
      prefetch();
    } finally {
      loading.value = false;
    }
  }

  async function fetchMoreIfNear(): Promise<void> {
    if (index.value < items.value.length - 10 || items.value.length >= total.value) return;
    const page = await useApi().review.queue(query(items.value.length));
    const seen = new Set(items.value.map((i) => i.id));
    items.value = [...items.value, ...page.items.filter((i) => !seen.has(i.id))];
    total.value = page.total;
  }

  /** Changes the filter and reloads the queue. */
  function setFilter(change: Partial<QueueFilter>): Promise<void | undefined> {
    // Disagreements exist only on decided pairs: showing them among "not reviewed" would always be empty.
    if (change.disagreementsOnly && change.status === undefined && filter.value.status.join() === 'open') {
      change = { ...change, status: ['accept', 'reject', 'unsure'], bands: [] };
    }
    filter.value = { ...filter.value, ...change };
    return serial(fetchQueue);
  }

  /** Loads the evidence of the pair under the cursor and of the next few, so moving on is instant. */
  function prefetch(): void {
    for (const item of items.value.slice(index.value, index.value + 4)) {
      void loadDetail(item.left.id);
      void loadDetail(item.right.id);
    }
  }

  function loadDetail(id: number): Promise<EntityDetail | null> {
    if (details.value[id]) return Promise.resolve(details.value[id]);
    let load = detailLoads.get(id);
    if (!load) {
      load = useApi().graph.entity(id).then(
        (detail) => {
          details.value = { ...details.value, [id]: detail };
          return detail;
        },
        (error: unknown) => {
          detailLoads.delete(id);
          useUiStore().reportError(error);
          return null;
        },
      );
      detailLoads.set(id, load);
    }
    return load;
  }

  /** Moves the cursor to `target` (clamped). */
  function select(target: number): void {
    index.value = Math.max(0, Math.min(items.value.length - 1, target));
    prefetch();
    void serial(fetchMoreIfNear);
  }

  /** Next and previous pair. */
  const next = (): void => select(index.value + 1);
  const previous = (): void => select(index.value - 1);

  /** Records a verdict on the pair under the cursor and moves to the next open pair. */
  function decide(verdict: Verdict): Promise<void | undefined> {
    return serial(async () => {
      const item = items.value[index.value];
      if (!item) return;
      undoState.value = await useApi().review.decide({ left: item.left.id, right: item.right.id, verdict });
      items.value = withStatus(items.value, item.id, verdict);
      done.value = [...done.value, { type: 'decide', candidateId: item.id, before: item.status, after: verdict }];
      undone.value = [];
      select(nextOpenIndex(items.value, index.value));
    });
  }

  /** Leaves the pair undecided and moves on. */
  function skip(): void {
    next();
  }

  /** Reverts the last decision (or batch) and puts the cursor back on it. */
  function undo(): Promise<void | undefined> {
    return serial(async () => {
      undoState.value = await useApi().review.undo();
      const step = done.value[done.value.length - 1];
      if (!step) return void (await fetchQueue()); // decided in an earlier session: reload to show the change
      done.value = done.value.slice(0, -1);
      undone.value = [...undone.value, step];
      await applyStep(step, 'back');
    });
  }

  /** Re-applies the last undone decision (or batch). */
  function redo(): Promise<void | undefined> {
    return serial(async () => {
      undoState.value = await useApi().review.redo();
      const step = undone.value[undone.value.length - 1];
      if (!step) return void (await fetchQueue());
      undone.value = undone.value.slice(0, -1);
      done.value = [...done.value, step];
      await applyStep(step, 'forward');
    });
  }

  async function applyStep(step: LocalStep, direction: 'back' | 'forward'): Promise<void> {
    if (step.type === 'batch') {
      counts.value = await useApi().review.bandCounts();
      await fetchQueue();
      return;
    }
    items.value = withStatus(items.value, step.candidateId, direction === 'back' ? step.before : step.after);
    const at = items.value.findIndex((i) => i.id === step.candidateId);
    if (at >= 0) select(direction === 'back' ? at : nextOpenIndex(items.value, at));
  }

  /** Accepts every pair of a kind in the auto band at once (one undo reverts it). */
  function acceptBand(kind: MatchKind): Promise<number | undefined> {
    return serial(async () => {
      const result = await useApi().review.acceptBand(kind);
      undoState.value = result.state;
      done.value = [...done.value, { type: 'batch', kind, accepted: result.accepted }];
      undone.value = [];
      counts.value = await useApi().review.bandCounts();
      await fetchQueue();
      useUiStore().inform(`Accepted ${result.accepted} ${kind} pairs from the auto band. Press z to undo.`);
      return result.accepted;
    });
  }

  /** Moves one kind's thresholds; the counts per band update from the back end. */
  function setThresholds(kind: MatchKind, lower: number, upper: number): Promise<void | undefined> {
    const next = thresholds.value.map((t) => (t.kind === kind ? { kind, lower: Math.min(lower, upper), upper: Math.max(lower, upper) } : t));
    thresholds.value = next;
    return serial(async () => {
      counts.value = await useApi().review.setThresholds(next);
      await fetchQueue();
    });
  }

  /** Sets thresholds of a kind to reach `precision` on held-out gold. */
  function calibrate(kind: MatchKind, precision: number): Promise<void | undefined> {
    return serial(async () => {
      const t = await useApi().review.calibrate(kind, precision);
      thresholds.value = thresholds.value.map((x) => (x.kind === kind ? t : x));
      counts.value = await useApi().review.setThresholds(thresholds.value);
      await fetchQueue();
    });
  }

  /** Hides or shows model scores while labelling. */
  function setBlind(blindMode: boolean): Promise<void | undefined> {
    preferences.value = { ...preferences.value, blindMode };
    return serial(async () => void (preferences.value = await useApi().review.setPreferences({ blindMode })));
  }

  /** Sets the curator id written with each decision (an ORCID where the curator has one). */
  function setCurator(curator: string): Promise<void | undefined> {
    return serial(async () => void (preferences.value = await useApi().review.setPreferences({ curator })));
  }

  /** Re-reads precision, recall and F1 against gold. */
  async function refreshQuality(): Promise<void> {
    quality.value = await useApi().review.quality().catch(() => null);
  }

  /** Reads the latest decisions (newest first) for the history panel. */
  function loadHistory(limit = 50): Promise<void | undefined> {
    return serial(async () => void (history.value = await useApi().review.history(0, limit)));
  }

  /** Changes an earlier decision from the history panel. */
  function redecide(entry: DecisionDto, verdict: Verdict): Promise<void | undefined> {
    return serial(async () => {
      undoState.value = await useApi().review.decide({ left: entry.left, right: entry.right, verdict });
      const item = items.value.find((i) => i.left.id === entry.left && i.right.id === entry.right);
      if (item) {
        done.value = [...done.value, { type: 'decide', candidateId: item.id, before: item.status, after: verdict }];
        items.value = withStatus(items.value, item.id, verdict);
      }
      history.value = await useApi().review.history(0, Math.max(50, history.value.length));
    });
  }

  /** Waits for every queued action (tests and the end of a key burst). */
  const settled = (): Promise<unknown> => chain;

  return {
    thresholds: readonly(thresholds), counts: readonly(counts), filter: readonly(filter), items: computed(() => items.value),
    total: readonly(total), index: readonly(index), loading: readonly(loading), undoState: readonly(undoState),
    preferences: readonly(preferences), quality: readonly(quality), history: readonly(history),
    current, conflict, leftDetail, rightDetail,
    load, setFilter, select, next, previous, decide, skip, undo, redo, acceptBand, setThresholds, calibrate, setBlind,
    setCurator, loadHistory, redecide, settled, refreshQuality, loadDetail,
  };
});
