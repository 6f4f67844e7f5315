import type { EntityKind, GoldSplit, GraphSide, MatchKind, Modality, Verdict } from './model';
import type { ModelId } from './model-presets';

/** Counts of one graph of the project. */
export interface GraphCounts {
  side: GraphSide;
  name: string;
  entities: number;
  textEntities: number;
  imageEntities: number;
  relations: number;
  relTriples: number;
  attributes: number;
  attrTriples: number;
  labelled: number;
  /** Entities with at least one image attached (attribute-style images). */
  withImages: number;
  images: number;
  /** Entities with an image feature vector. */
  withImageFeatures: number;
  /** Entities that take part in at least one relation triple (as head or tail). */
  withRelations: number;
  /** Entities with at least one attribute triple. */
  withAttributes: number;
}

export interface ProjectInfo {
  path: string;
  name: string;
  schemaVersion: number;
  createdAt: string;
  graphs: [GraphCounts, GraphCounts];
  gold: Record<GoldSplit, number> & { total: number };
  imports: ImportLogEntry[];
  decisions: number;
  runs: number;
}

export interface ImportLogEntry {
  id: number;
  format: string;
  source: string;
  side: GraphSide | null;
  importedAt: string;
  counts: Record<string, number>;
}

export interface RecentProject {
  path: string;
  name: string;
  openedAt: string;
}

/** One entity with everything the evidence panes show. */
export interface EntityDetail {
  id: number;
  side: GraphSide;
  iri: string;
  label: string | null;
  kind: EntityKind;
  attributes: { name: string; value: string; datatype: string | null }[];
  /** `otherAlignedTo` (optional): the entity of the other graph the neighbour is aligned to (gold or accepted). */
  relations: { direction: 'out' | 'in'; relation: string; otherId: number; otherLabel: string | null; otherIri: string; otherKind: EntityKind; otherAlignedTo?: number | null }[];
  images: { id: number; source: string; url: string }[];
  hasImageFeature: boolean;
  gold: { otherId: number; split: GoldSplit }[];
}

/** A link from an entity to one of the other graph: a gold pair, a curator's decision or a model candidate. */
export interface CrossLink {
  otherId: number;
  status: 'gold' | 'accepted' | 'auto' | 'candidate';
  score: number | null;
}

export interface EntitySummary {
  id: number;
  side: GraphSide;
  iri: string;
  label: string | null;
  kind: EntityKind;
}

/** A neighbourhood for the graph view: nodes and edges, plain data (the renderer builds graphology from it). */
export interface Neighbourhood {
  center: number;
  /** `links` (optional): this node's links into the other graph, so the two panes can be joined by lines. */
  nodes: (EntitySummary & { depth: number; imageUrl: string | null; links?: CrossLink[] })[];
  edges: { source: number; target: number; relation: string }[];
  truncated: boolean;
}

export interface GalleryItem {
  entityId: number;
  side: GraphSide;
  label: string | null;
  iri: string;
  kind: EntityKind;
  imageUrl: string | null;
  aligned: boolean;
  frozen: boolean;
}

export interface GalleryFilter {
  side: GraphSide;
  filter: 'all' | 'aligned' | 'unaligned' | 'missing-image' | 'frozen';
  offset: number;
  limit: number;
}

/** Import request: a format id and the files it needs, by role. */
export interface ImportRequest {
  format: ImportFormatId;
  /** For single-graph formats (RDF, image files, features): which graph receives the data. */
  side?: GraphSide;
  /** Role -> path (a folder for layouts that are folders). */
  paths: Record<string, string>;
  options?: Record<string, string | number | boolean>;
}

/** A format as the import wizard shows it: its title and the files (by role) it asks for. */
export interface ImportFormatInfo {
  id: ImportFormatId;
  title: string;
  /** `side`: true when the format fills one graph and the wizard must ask which. */
  singleGraph?: boolean;
  roles: { role: string; title: string; directory?: boolean; optional?: boolean }[];
}

export type ImportFormatId = 'id-layout' | 'openea' | 'mmkg' | 'rdf' | 'image-features' | 'image-files';

export interface ImportPreview {
  format: ImportFormatId;
  /** First lines of each file, for the wizard. */
  samples: { role: string; path: string; lines: string[] }[];
  estimatedRows: number;
}

export interface ImportResult {
  counts: Record<string, number>;
  seconds: number;
}

/** Trainer options as the curator sets them; every field has a documented default in model/config. */
export interface TrainingOptions {
  /** The model to train (shared/model-presets.ts); its option bundle comes first, the fields below override it. */
  model?: ModelId;
  epochs?: number;
  learningRate?: number;
  batchSize?: number;
  dim?: number;
  gatLayers?: number;
  /** 'beta' (MIMEA) and 'transformer' (MEAformer-style) usually come with a model preset; see docs/MODEL-OPTIONS.md. */
  fusion?: 'low-rank' | 'concat' | 'beta' | 'transformer';
  adaptiveWeights?: boolean;
  reflection?: boolean;
  freezing?: boolean;
  associationLoss?: boolean;
  iterative?: boolean;
  useNames?: boolean;
  useImages?: boolean;
  useAttributes?: boolean;
  useDecisions?: boolean;
  csls?: boolean;
  seed?: number;
  trainRatio?: number;
  validRatio?: number;
}

export interface RunSummary {
  id: number;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  backend: string;
  options: TrainingOptions;
  bestEpoch: number | null;
  metrics: EvalMetrics | null;
  epochs: { epoch: number; loss: number; hits1: number | null; mrr: number | null; seconds: number }[];
}

export interface EvalMetrics {
  hits1: number;
  hits10: number;
  mrr: number;
  /** Ranked against all entities of the other graph, which is what a curator faces. */
  all?: { hits1: number; hits10: number; mrr: number };
  pairs: number;
}

export interface BackendInfo {
  name: string;
  tried: { name: string; ok: boolean; reason?: string }[];
}

/** Per match kind: at or above `upper` auto-accepted, between review, below `lower` hidden. */
export interface Thresholds {
  kind: MatchKind;
  lower: number;
  upper: number;
}

export interface BandCounts {
  kind: MatchKind;
  auto: number;
  review: number;
  hidden: number;
}

export type CandidateStatus = 'open' | Verdict;

export interface CandidateDto {
  id: number;
  left: EntitySummary;
  right: EntitySummary;
  kind: MatchKind;
  score: number;
  rank: number;
  margin: number;
  mutual: boolean;
  band: 'auto' | 'review' | 'hidden';
  evidence: Partial<Record<Modality, number>>;
  /**
   * Only for candidates of a model with Beta fusion (MIMEA): per modality, the standard deviation of each side's
   * fusion weight for it, 0..0.5 (small: the model is sure how much that modality counts for the entity). A side
   * is absent where its entity lacks the modality.
   */
  weightStd?: Partial<Record<Modality, { left?: number; right?: number }>>;
  status: CandidateStatus;
  conflict: string | null;
  /** True when the latest model disagrees with the curator's decision on this pair. */
  disagreement: boolean;
}

export interface QueueQuery {
  kinds?: MatchKind[];
  bands?: ('auto' | 'review' | 'hidden')[];
  status?: CandidateStatus[];
  disagreementsOnly?: boolean;
  search?: string;
  order?: 'informative' | 'score';
  offset: number;
  limit: number;
}

export interface DecisionInput {
  left: number;
  right: number;
  /** 'clear' removes the pair's decision (recorded as an event, so it is undoable like any other). */
  verdict: Verdict | 'clear';
  note?: string;
}

export interface DecisionDto {
  seq: number;
  left: number;
  right: number;
  verdict: Verdict | 'clear';
  curator: string;
  at: string;
  note: string | null;
  score: number | null;
  runId: number | null;
  batch: string | null;
}

export interface UndoState {
  canUndo: boolean;
  canRedo: boolean;
  decisions: number;
}

export interface QualityReport {
  perKind: { kind: MatchKind; precision: number; recall: number; f1: number; gold: number; predicted: number }[];
  overall: { precision: number; recall: number; f1: number };
  prCurve: { kind: MatchKind; points: { threshold: number; precision: number; recall: number }[] }[];
  ranking: EvalMetrics | null;
  decisions: number;
}

export type ExportFormatId = 'sameas-nt' | 'sameas-ttl' | 'sssom' | 'alignment-api' | 'openea-links' | 'csv';
export type ExportInclude = 'accepted' | 'accepted+auto' | 'all';

export interface ExportRequest {
  format: ExportFormatId;
  include: ExportInclude;
  path: string;
}

export interface Preferences {
  curator: string;
  blindMode: boolean;
}
