import type { Api } from '@shared/api';
import type { CandidateDto, DecisionDto, EntityDetail, EntitySummary, GalleryItem, ProjectInfo, RunSummary, Thresholds, TrainingOptions, UndoState } from '@shared/dto';
import type { JobOutcome, JobProgress } from '@shared/progress';
import type { AppErrorData } from '@shared/errors';
import { DEFAULT_MODEL } from '@shared/model-presets';

/** An in-memory back end with just enough behaviour to exercise the stores: decisions, undo, bands, jobs. */
export interface FakeApi extends Api {
  calls: string[];
  emitProgress(progress: JobProgress): void;
  emitOutcome(outcome: JobOutcome): void;
  decisions: Map<string, string>;
  galleryCalls: { offset: number; limit: number }[];
  /** The options of each training.start call, as sent. */
  trainingStarts: TrainingOptions[];
  /** What training.runs returns (tests push runs here). */
  runs: RunSummary[];
}

const entity = (id: number, side: 1 | 2, label: string): EntitySummary => ({ id, side, iri: `http://kg${side}.test/${label}`, label, kind: 'text' });

/** Builds the fake with `n` candidate pairs (left i+1, right 1000+i+1, descending scores). */
export function createFakeApi(n = 5): FakeApi {
  const calls: string[] = [];
  const progressListeners = new Set<(p: JobProgress) => void>();
  const outcomeListeners = new Set<(o: JobOutcome) => void>();
  const decisions = new Map<string, string>();
  // Each undo entry restores a set of pairs to their earlier verdict (absent = no decision).
  const undoStack: { key: string; before: string | undefined; after: string }[][] = [];
  const redoStack: { key: string; before: string | undefined; after: string }[][] = [];
  const galleryCalls: { offset: number; limit: number }[] = [];
  const trainingStarts: TrainingOptions[] = [];
  const runs: RunSummary[] = [];
  let thresholds: Thresholds[] = [
    { kind: 'text-text', lower: 0.3, upper: 0.9 },
    { kind: 'image-image', lower: 0.3, upper: 0.9 },
    { kind: 'text-image', lower: 0.3, upper: 0.9 },
  ];
  const candidates: CandidateDto[] = Array.from({ length: n }, (_, i) => ({
    id: i + 1, left: entity(i + 1, 1, `L${i + 1}`), right: entity(1001 + i, 2, `R${i + 1}`), kind: 'text-text',
    score: 0.95 - i * 0.1, rank: 1, margin: 0.1, mutual: true, band: 'review', evidence: { name: 0.8, structure: 0.5 },
    status: 'open', conflict: null, disagreement: false,
    // Candidates with odd ids come from a model with Beta fusion (MIMEA): each side's weight spread per modality.
    ...(i % 2 === 0 ? { weightStd: { name: { left: 0.05 + i * 0.01, right: 0.07 }, structure: { left: 0.2 } } } : {}),
  }));
  const bandOf = (c: CandidateDto): CandidateDto['band'] => {
    const t = thresholds.find((x) => x.kind === c.kind)!;
    return c.score >= t.upper ? 'auto' : c.score >= t.lower ? 'review' : 'hidden';
  };
  const key = (l: number, r: number): string => `${l}-${r}`;
  const state = (): UndoState => ({ canUndo: undoStack.length > 0, canRedo: redoStack.length > 0, decisions: decisions.size });
  const apply = (entries: { key: string; before: string | undefined; after: string }[], forward: boolean): void => {
    for (const e of entries) {
      const v = forward ? e.after : e.before;
      if (v === undefined) decisions.delete(e.key);
      else decisions.set(e.key, v);
    }
  };
  const counts = () => thresholds.map((t) => {
    const of = candidates.filter((c) => c.kind === t.kind).map(bandOf);
    return { kind: t.kind, auto: of.filter((b) => b === 'auto').length, review: of.filter((b) => b === 'review').length, hidden: of.filter((b) => b === 'hidden').length };
  });
  const info: ProjectInfo = {
    path: '/tmp/demo.mmea', name: 'Demo', schemaVersion: 1, createdAt: '2026-01-01',
    graphs: [1, 2].map((side) => ({ side, name: `G${side}`, entities: 10, textEntities: 10, imageEntities: 0, relations: 2, relTriples: 20, attributes: 1, attrTriples: 5, labelled: 10, withImages: 3, images: 3, withImageFeatures: 3, withRelations: 8, withAttributes: 6 })) as ProjectInfo['graphs'],
    gold: { train: 3, valid: 1, test: 1, unsplit: 0, total: 5 }, imports: [], decisions: 0, runs: 0,
  };
  const notFound = (what: string): AppErrorData => ({ code: 'NOT_FOUND', message: `${what} not found`, hint: 'Pick another.' });
  const rec = <T>(name: string, value: T): Promise<T> => {
    calls.push(name);
    return Promise.resolve(value);
  };
  let jobs = 0;

  const api: FakeApi = {
    calls, decisions, galleryCalls, trainingStarts, runs,
    emitProgress: (p) => progressListeners.forEach((l) => l(p)),
    emitOutcome: (o) => outcomeListeners.forEach((l) => l(o)),
    project: {
      recent: () => rec('project.recent', [{ path: info.path, name: info.name, openedAt: '2026-01-02' }]),
      create: (path, name) => rec('project.create', { ...info, path, name }),
      open: (path) => (path === info.path ? rec('project.open', info) : Promise.reject({ code: 'NOT_FOUND', message: `No project file at ${path}`, hint: 'Create a new project or pick another file.' })),
      openDemo: () => rec('project.openDemo', info),
      info: () => rec('project.info', info),
      close: () => rec('project.close', undefined),
    },
    graph: {
      entity: (id) => {
        const c = candidates.find((x) => x.left.id === id || x.right.id === id);
        if (!c) return Promise.reject(notFound(`entity ${id}`));
        const e = c.left.id === id ? c.left : c.right;
        return rec('graph.entity', { ...e, attributes: [], relations: [], images: [], hasImageFeature: false, gold: [] } as EntityDetail);
      },
      search: (side, text) => rec('graph.search', candidates.map((c) => (side === 1 ? c.left : c.right)).filter((e) => e.label!.includes(text))),
      neighbourhood: (id, depth) => rec('graph.neighbourhood', {
        center: id, truncated: false, edges: [{ source: id, target: id + 1, relation: 'r' }],
        nodes: [{ ...entity(id, 1, `L${id}`), depth: 0, imageUrl: null, links: [{ otherId: 1000 + id, status: 'gold' as const, score: null }] }, { ...entity(id + 1, 1, `L${id + 1}`), depth, imageUrl: null }],
      }),
      relations: (side) => rec('graph.relations', [{ iri: `http://kg${side}.test/r`, count: 3 }]),
      gallery: (filter) => {
        galleryCalls.push({ offset: filter.offset, limit: filter.limit });
        const total = 1000;
        const items: GalleryItem[] = [];
        for (let i = filter.offset; i < Math.min(total, filter.offset + filter.limit); i++) {
          items.push({ entityId: i, side: filter.side, label: `E${i}`, iri: `x:${i}`, kind: 'text', imageUrl: `/img/${i}`, aligned: i % 2 === 0, frozen: false });
        }
        return rec('graph.gallery', { total, items });
      },
    },
    import: {
      formats: () => rec('import.formats', [{ id: 'id-layout' as const, title: 'ID layout', roles: [{ role: 'dir', title: 'Dataset folder', directory: true }] }]),
      preview: (request) => rec('import.preview', { format: request.format, samples: [], estimatedRows: 10 }),
      start: () => rec('import.start', { jobId: `job-${++jobs}` }),
    },
    training: {
      backend: () => rec('training.backend', { name: 'wasm', tried: [{ name: 'wasm', ok: true }] }),
      defaults: () => rec('training.defaults', {
        model: DEFAULT_MODEL, epochs: 10, learningRate: 0.005, batchSize: 512, dim: 100, gatLayers: 2, fusion: 'low-rank', adaptiveWeights: true, reflection: true,
        freezing: true, associationLoss: true, iterative: false, useNames: true, useImages: true, useAttributes: true, useDecisions: true,
        csls: true, seed: 1, trainRatio: 0.3, validRatio: 0.1,
      }),
      start: (options) => {
        trainingStarts.push(options);
        return rec('training.start', { jobId: `job-${++jobs}`, runId: 1 });
      },
      runs: () => rec('training.runs', [...runs]),
    },
    review: {
      align: () => rec('review.align', { jobId: `job-${++jobs}` }),
      thresholds: () => rec('review.thresholds', thresholds),
      setThresholds: (t) => {
        thresholds = t;
        return rec('review.setThresholds', counts());
      },
      bandCounts: () => rec('review.bandCounts', counts()),
      calibrate: (kind) => rec('review.calibrate', { kind, lower: 0.5, upper: 0.8 }),
      queue: (q) => {
        const matching = candidates
          .map((c) => ({ ...c, band: bandOf(c), status: (decisions.get(key(c.left.id, c.right.id)) ?? 'open') as CandidateDto['status'] }))
          .filter((c) => (!q.bands || q.bands.includes(c.band)) && (!q.status || q.status.includes(c.status)));
        return rec('review.queue', { total: matching.length, items: matching.slice(q.offset, q.offset + q.limit) });
      },
      decide: (d) => {
        const k = key(d.left, d.right);
        undoStack.push([{ key: k, before: decisions.get(k), after: d.verdict }]);
        redoStack.length = 0;
        decisions.set(k, d.verdict);
        return rec(`review.decide:${d.left}:${d.verdict}`, state());
      },
      acceptBand: (kind) => {
        const entries = candidates.filter((c) => c.kind === kind && bandOf(c) === 'auto').map((c) => ({ key: key(c.left.id, c.right.id), before: decisions.get(key(c.left.id, c.right.id)), after: 'accept' }));
        apply(entries, true);
        undoStack.push(entries);
        return rec('review.acceptBand', { accepted: entries.length, state: state() });
      },
      undo: () => {
        const entries = undoStack.pop();
        if (entries) {
          apply(entries, false);
          redoStack.push(entries);
        }
        return rec('review.undo', state());
      },
      redo: () => {
        const entries = redoStack.pop();
        if (entries) {
          apply(entries, true);
          undoStack.push(entries);
        }
        return rec('review.redo', state());
      },
      history: () => rec('review.history', [...decisions].map(([k, v], i): DecisionDto => {
        const [left, right] = k.split('-').map(Number);
        return { seq: i + 1, left, right, verdict: v as DecisionDto['verdict'], curator: 'me', at: '', note: null, score: null, runId: null, batch: null };
      })),
      quality: () => rec('review.quality', { perKind: [], overall: { precision: 1, recall: 0.5, f1: 0.67 }, prCurve: [], ranking: null, decisions: decisions.size }),
      preferences: () => rec('review.preferences', { curator: 'me', blindMode: false }),
      setPreferences: (p) => rec('review.setPreferences', { curator: 'me', blindMode: false, ...p }),
    },
    export: {
      preview: (format, include, lines) => rec('export.preview', `${format} ${include} ${lines}`),
      save: (request) => rec('export.save', { path: request.path, links: decisions.size }),
    },
    jobs: {
      cancel: (jobId) => rec(`jobs.cancel:${jobId}`, undefined),
      subscribe: (onProgress, onOutcome) => {
        progressListeners.add(onProgress);
        outcomeListeners.add(onOutcome);
        return () => {
          progressListeners.delete(onProgress);
          outcomeListeners.delete(onOutcome);
        };
      },
    },
    dialogs: { openFile: () => Promise.resolve(null), saveFile: () => Promise.resolve(null) },
  };
  return api;
}
