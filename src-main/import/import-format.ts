import type { EntityKind, GoldSplit, GraphSide } from '../shared/model';
import type { ImportFormatId } from '../shared/dto';

/**
 * What a format module yields: plain records naming entities by (side, IRI). The import service turns them into
 * rows inside one transaction, so format modules never see SQLite and can be tested on their own.
 */
export type ImportRecord =
  | { type: 'entity'; side: GraphSide; iri: string; label?: string; kind?: EntityKind }
  | { type: 'label'; side: GraphSide; iri: string; label: string }
  | { type: 'kind'; side: GraphSide; iri: string; kind: EntityKind }
  | { type: 'relTriple'; side: GraphSide; head: string; rel: string; tail: string }
  | { type: 'attrTriple'; side: GraphSide; entity: string; attr: string; value: string | null; datatype?: string | null; lang?: string | null }
  | { type: 'image'; side: GraphSide; entity: string; source: string; mime?: string; width?: number; height?: number; thumbnail?: Uint8Array; feature?: Float32Array }
  | { type: 'imageFeature'; side: GraphSide; entity: string; encoder: string; vector: Float32Array }
  | { type: 'gold'; left: string; right: string; split: GoldSplit };

/**
 * Optional, on a yielded batch (a non-enumerable property, so the records themselves stay as above): two numbers per
 * record, `refs[2 * i]` and `refs[2 * i + 1]`, -1 where unused. An entity record's first number is its ref, a small
 * number the format gives each entity the first time it names it (dense from 0 per side within one import); a
 * relation triple's are the refs of its head and tail, an attribute triple's first that of its entity. The writer
 * then finds their ids by array index instead of another IRI lookup. Only refs of entity records earlier in the
 * same import may be used.
 */
export const ENTITY_REFS: unique symbol = Symbol('entity refs');
export type RecordBatchArray = ImportRecord[] & { [ENTITY_REFS]?: Int32Array };

/** Where a format reports how far it got; `done`/`total` are bytes or lines, whichever the format can count. */
export interface ImportProgressInfo {
  phase: string;
  done: number;
  total: number | null;
  rows: number;
}

export interface ImportContext {
  /** Files by role (e.g. `dir`, `ent_ids_1`, `file`, `mapping`). */
  paths: Record<string, string>;
  side?: GraphSide;
  options: Record<string, string | number | boolean>;
  onProgress?: (info: ImportProgressInfo) => void;
  signal?: AbortSignal;
  /**
   * Lets a format ask what already exists in the project, e.g. image features keyed by an entity that an earlier
   * import created. Returns null when the entity does not exist.
   */
  lookupEntity?: (side: GraphSide, iri: string) => { id: number; kind: EntityKind } | null;
}

/** One option a format understands, e.g. OpenEA's `fold` or image files' `asNodes`. */
export interface ImportOptionInfo {
  name: string;
  title: string;
  type: 'boolean' | 'number' | 'string';
  /** The allowed values, where there is a short list. */
  values?: (string | number)[];
  default?: string | number | boolean;
}

/**
 * One input format. `read` yields batches of records (batches keep per-record async overhead off the hot path);
 * it throws AppError('BAD_INPUT') naming file, line and reason at the first bad line.
 */
export interface ImportFormat {
  id: ImportFormatId;
  title: string;
  /** The file roles the wizard asks for, and which are optional. */
  roles: { role: string; title: string; directory?: boolean; optional?: boolean }[];
  /** Options the format reads from `ctx.options` (for the wizard and `mmea import --help`); absent = none. */
  options?: ImportOptionInfo[];
  /**
   * True when `read` may run in a reader thread (import/reader-thread) while the import writes: it needs nothing
   * from the project but lookupEntity answers about entities this import does not create.
   */
  readsInThread?: boolean;
  /** Files whose bytes identify this import (for detecting the same data imported twice). */
  fingerprintFiles(ctx: ImportContext): Promise<string[]>;
  read(ctx: ImportContext): AsyncIterable<ImportRecord[]>;
}
