import type {
  BackendInfo, BandCounts, CandidateDto, DecisionDto, DecisionInput, EntityDetail, EntitySummary, ExportFormatId,
  ExportInclude, ExportRequest, GalleryFilter, GalleryItem, ImportFormatInfo, ImportPreview, ImportRequest, Neighbourhood,
  Preferences, ProjectInfo, QualityReport, QueueQuery, RecentProject, RunSummary, Thresholds, TrainingOptions, UndoState,
} from './dto';
import type { JobOutcome, JobProgress } from './progress';
import type { GraphSide, MatchKind } from './model';

/**
 * The one contract between the renderer and the back end. The Electron preload and the browser transport both
 * implement exactly this; every method returns a Promise and rejects with AppErrorData.
 */
export interface Api {
  project: {
    recent(): Promise<RecentProject[]>;
    create(path: string, name: string): Promise<ProjectInfo>;
    open(path: string): Promise<ProjectInfo>;
    openDemo(variant?: 'attributes' | 'image-nodes'): Promise<ProjectInfo>;
    info(): Promise<ProjectInfo | null>;
    close(): Promise<void>;
  };
  graph: {
    entity(id: number): Promise<EntityDetail>;
    search(side: GraphSide, text: string, limit: number): Promise<EntitySummary[]>;
    neighbourhood(id: number, depth: number, relations: string[] | null, maxNodes: number): Promise<Neighbourhood>;
    relations(side: GraphSide): Promise<{ iri: string; count: number }[]>;
    gallery(filter: GalleryFilter): Promise<{ total: number; items: GalleryItem[] }>;
  };
  import: {
    /** The formats the wizard offers, with the file roles each one asks for (from import/formats). */
    formats(): Promise<ImportFormatInfo[]>;
    preview(request: ImportRequest): Promise<ImportPreview>;
    /** Starts an import job; progress arrives through jobs.onProgress. */
    start(request: ImportRequest): Promise<{ jobId: string }>;
  };
  training: {
    backend(): Promise<BackendInfo>;
    defaults(): Promise<Required<TrainingOptions>>;
    start(options: TrainingOptions): Promise<{ jobId: string; runId: number }>;
    runs(): Promise<RunSummary[]>;
  };
  review: {
    align(options: { topK?: number; csls?: boolean; runId?: number }): Promise<{ jobId: string }>;
    thresholds(): Promise<Thresholds[]>;
    setThresholds(thresholds: Thresholds[]): Promise<BandCounts[]>;
    bandCounts(): Promise<BandCounts[]>;
    calibrate(kind: MatchKind, precision: number): Promise<Thresholds>;
    queue(query: QueueQuery): Promise<{ total: number; items: CandidateDto[] }>;
    decide(decision: DecisionInput): Promise<UndoState>;
    acceptBand(kind: MatchKind): Promise<{ accepted: number; state: UndoState }>;
    undo(): Promise<UndoState>;
    redo(): Promise<UndoState>;
    history(offset: number, limit: number): Promise<DecisionDto[]>;
    quality(): Promise<QualityReport>;
    preferences(): Promise<Preferences>;
    setPreferences(preferences: Partial<Preferences>): Promise<Preferences>;
  };
  export: {
    preview(format: ExportFormatId, include: ExportInclude, lines: number): Promise<string>;
    save(request: ExportRequest): Promise<{ path: string; links: number }>;
  };
  jobs: {
    cancel(jobId: string): Promise<void>;
    /** Subscribes to progress and outcomes of every job; returns an unsubscribe function. */
    subscribe(onProgress: (progress: JobProgress) => void, onOutcome: (outcome: JobOutcome) => void): () => void;
  };
  dialogs: {
    /** Native dialogs in Electron; in a browser, returns null and the UI asks for a path as text. */
    openFile(options: { title: string; directory?: boolean; filters?: { name: string; extensions: string[] }[] }): Promise<string | null>;
    saveFile(options: { title: string; defaultPath?: string }): Promise<string | null>;
  };
  /**
   * Electron only (absent in a browser): commands from the native menu. The main process itself carries out
   * Open, Open Recent, Open Demo and Close and then sends `project-changed`; the others need the renderer's UI.
   * Returns an unsubscribe function. While nothing listens, `project-changed` reloads the page instead.
   */
  menu?: {
    onCommand(listener: (command: MenuCommand) => void): () => void;
  };
}

/** What the native menu asks the renderer to do. */
export type MenuCommand =
  | { type: 'project-changed'; info: ProjectInfo | null }
  | { type: 'new-project' }
  | { type: 'export' }
  | { type: 'shortcuts' };

/** The names of every API method as "domain.method", for transports that route by name. */
export type ApiDomain = Exclude<keyof Api, 'jobs' | 'menu'>;
export const API_METHODS = {
  project: ['recent', 'create', 'open', 'openDemo', 'info', 'close'],
  graph: ['entity', 'search', 'neighbourhood', 'relations', 'gallery'],
  import: ['formats', 'preview', 'start'],
  training: ['backend', 'defaults', 'start', 'runs'],
  review: ['align', 'thresholds', 'setThresholds', 'bandCounts', 'calibrate', 'queue', 'decide', 'acceptBand', 'undo', 'redo', 'history', 'quality', 'preferences', 'setPreferences'],
  export: ['preview', 'save'],
  jobs: ['cancel'],
  dialogs: ['openFile', 'saveFile'],
} as const satisfies { [D in keyof Api]: readonly (keyof Api[D])[] };
