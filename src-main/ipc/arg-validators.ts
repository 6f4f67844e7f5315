import type { API_METHODS, Api } from '../shared/api';
import type { DecisionInput, ExportRequest, GalleryFilter, ImportRequest, Preferences, QueueQuery, Thresholds, TrainingOptions } from '../shared/dto';
import { MATCH_KINDS } from '../shared/model';
import { MODEL_IDS } from '../shared/model-presets';
import { args, arrayOf, bool, filePath, int, num, object, oneOf, optional, nullable, recordOf, str, either, type Validator } from './validate';

/**
 * One validator per routed API method, checking the whole argument list. The mapped type makes the compiler
 * demand a validator for every method in API_METHODS whose output matches that method's parameters, so adding a
 * method to the contract without a validator fails type-checking.
 */
export type ArgValidators = {
  [D in keyof typeof API_METHODS]: {
    [M in (typeof API_METHODS)[D][number]]: Validator<M extends keyof Api[D] ? (Api[D][M] extends (...a: infer A) => unknown ? A : never) : never>;
  };
};

const side = oneOf([1, 2] as const);
const matchKind = oneOf(MATCH_KINDS as readonly ('text-text' | 'image-image' | 'text-image')[]);
const entityId = int(0);
const offset = int(0);
const pageSize = int(1, 1000);
const band = oneOf(['auto', 'review', 'hidden'] as const);
const candidateStatus = oneOf(['open', 'accept', 'reject', 'unsure'] as const);
const exportFormat = oneOf(['sameas-nt', 'sameas-ttl', 'sssom', 'alignment-api', 'openea-links', 'csv'] as const);
const exportInclude = oneOf(['accepted', 'accepted+auto', 'all'] as const);
const importFormat = oneOf(['id-layout', 'openea', 'mmkg', 'rdf', 'image-features', 'image-files'] as const);
// Scores are similarities; CSLS can move them slightly outside [-1, 1], so thresholds get a little slack.
const threshold = num(-2, 2);

const galleryFilter = object<GalleryFilter>({
  side,
  filter: oneOf(['all', 'aligned', 'unaligned', 'missing-image', 'frozen'] as const),
  offset,
  limit: pageSize,
});

const importRequest = object<ImportRequest>({
  format: importFormat,
  side: optional(side),
  paths: recordOf(filePath, 20),
  options: optional(recordOf(either(either(str({ max: 4096 }), num(), 'a string or number'), bool, 'a string, number or boolean'), 50)),
});

const trainingOptions = object<TrainingOptions>({
  model: optional(oneOf(MODEL_IDS)),
  epochs: optional(int(1, 10_000)),
  learningRate: optional(num(1e-7, 10)),
  batchSize: optional(int(1, 1_000_000)),
  dim: optional(int(1, 4096)),
  gatLayers: optional(int(0, 8)),
  fusion: optional(oneOf(['low-rank', 'concat', 'beta', 'transformer'] as const)),
  adaptiveWeights: optional(bool),
  reflection: optional(bool),
  freezing: optional(bool),
  associationLoss: optional(bool),
  iterative: optional(bool),
  useNames: optional(bool),
  useImages: optional(bool),
  useAttributes: optional(bool),
  useDecisions: optional(bool),
  csls: optional(bool),
  seed: optional(int(0, 2 ** 31 - 1)),
  trainRatio: optional(num(0, 1)),
  validRatio: optional(num(0, 1)),
});

const thresholds = object<Thresholds>({ kind: matchKind, lower: threshold, upper: threshold });

const queueQuery = object<QueueQuery>({
  kinds: optional(arrayOf(matchKind, 3)),
  bands: optional(arrayOf(band, 3)),
  status: optional(arrayOf(candidateStatus, 4)),
  disagreementsOnly: optional(bool),
  search: optional(str({ max: 500 })),
  order: optional(oneOf(['informative', 'score'] as const)),
  offset,
  limit: pageSize,
});

const decisionInput = object<DecisionInput>({
  left: entityId,
  right: entityId,
  verdict: oneOf(['accept', 'reject', 'unsure', 'clear'] as const),
  note: optional(str({ max: 2000 })),
});

const preferences = object<Partial<Preferences>>({ curator: optional(str({ min: 1, max: 200 })), blindMode: optional(bool) });

const exportRequest = object<ExportRequest>({ format: exportFormat, include: exportInclude, path: filePath });

const fileFilter = object<{ name: string; extensions: string[] }>({ name: str({ max: 200 }), extensions: arrayOf(str({ min: 1, max: 20 }), 50) });

/** The validators of every routed method. */
export const ARG_VALIDATORS: ArgValidators = {
  project: {
    recent: args(),
    create: args(filePath, str({ min: 1, max: 200 })),
    open: args(filePath),
    openDemo: args(optional(oneOf(['attributes', 'image-nodes'] as const))),
    info: args(),
    close: args(),
  },
  graph: {
    entity: args(entityId),
    search: args(side, str({ max: 500 }), int(1, 500)),
    neighbourhood: args(entityId, int(1, 3), nullable(arrayOf(str({ min: 1, max: 2000 }), 1000)), int(1, 5000)),
    relations: args(side),
    gallery: args(galleryFilter),
  },
  import: {
    formats: args(),
    preview: args(importRequest),
    start: args(importRequest),
  },
  training: {
    backend: args(),
    defaults: args(),
    start: args(trainingOptions),
    runs: args(),
  },
  review: {
    align: args(object<{ topK?: number; csls?: boolean; runId?: number }>({ topK: optional(int(1, 100)), csls: optional(bool), runId: optional(int(1)) })),
    thresholds: args(),
    setThresholds: args(arrayOf(thresholds, 3)),
    bandCounts: args(),
    calibrate: args(matchKind, num(0, 1)),
    queue: args(queueQuery),
    decide: args(decisionInput),
    acceptBand: args(matchKind),
    undo: args(),
    redo: args(),
    history: args(offset, pageSize),
    quality: args(),
    preferences: args(),
    setPreferences: args(preferences),
  },
  export: {
    preview: args(exportFormat, exportInclude, int(1, 1000)),
    save: args(exportRequest),
  },
  jobs: {
    cancel: args(str({ min: 1, max: 100 })),
  },
  dialogs: {
    openFile: args(object<{ title: string; directory?: boolean; filters?: { name: string; extensions: string[] }[] }>({
      title: str({ max: 200 }),
      directory: optional(bool),
      filters: optional(arrayOf(fileFilter, 20)),
    })),
    saveFile: args(object<{ title: string; defaultPath?: string }>({ title: str({ max: 200 }), defaultPath: optional(filePath) })),
  },
};
