import type { EntityKind, GraphSide } from '../shared/model';
import { ENTITY_REFS, type ImportRecord, type RecordBatchArray } from './import-format';

/** Record kinds in an encoded batch; everything else travels as a plain record in `others`. */
export const enum Coded {
  Entity = 0,
  RelTriple = 1,
  AttrTriple = 2,
  Other = 3,
}

/** Numbers per record in `ints`. */
export const INTS_PER_RECORD = 5;
const NONE = -1;
const KIND_CODES: Record<EntityKind, number> = { text: 1, image: 2 };
const KINDS: (EntityKind | undefined)[] = [undefined, 'text', 'image'];

/**
 * A batch of import records in a form that crosses threads cheaply: typed arrays (transferred, not copied) and
 * one flat array of strings, instead of an object per record. Names (relations, attributes, datatypes, language
 * tags) are sent once per import: `names` holds those first used in this batch. Triples name their entities by
 * ref only (see ENTITY_REFS), so the IRIs of a triple never cross; records without refs and the rare kinds
 * (labels, kinds, images, gold) go as they are in `others`.
 *
 * Per record, `ints[5 i ...]`: entity = side, ref, kind code, -, -; relation triple = side, head ref, tail ref,
 * relation name, -; attribute triple = side, entity ref, attribute name, datatype name, language name (-1 = none).
 * `strings` in record order: an entity's IRI and label (null = none), an attribute triple's value.
 */
export interface EncodedBatch {
  count: number;
  types: Uint8Array;
  ints: Int32Array;
  strings: (string | null)[];
  names: string[];
  others: ImportRecord[];
}

/** Encodes batches of one import; keeps the name table, so batches must be decoded in order by one decoder. */
export class RecordEncoder {
  private readonly names = new Map<string, number>();
  private fresh: string[] = [];

  /** The batch in encoded form. */
  encode(batch: RecordBatchArray): EncodedBatch {
    const refs = batch[ENTITY_REFS];
    const n = batch.length;
    const types = new Uint8Array(n);
    const ints = new Int32Array(n * INTS_PER_RECORD).fill(NONE);
    const strings: (string | null)[] = [];
    const others: ImportRecord[] = [];
    for (let i = 0; i < n; i++) {
      const r = batch[i];
      const first = refs ? refs[2 * i] : NONE;
      const second = refs ? refs[2 * i + 1] : NONE;
      const at = i * INTS_PER_RECORD;
      if (r.type === 'entity' && first >= 0) {
        types[i] = Coded.Entity;
        ints[at] = r.side;
        ints[at + 1] = first;
        ints[at + 2] = r.kind ? KIND_CODES[r.kind] : 0;
        strings.push(r.iri, r.label ?? null);
      } else if (r.type === 'relTriple' && first >= 0 && second >= 0) {
        types[i] = Coded.RelTriple;
        ints[at] = r.side;
        ints[at + 1] = first;
        ints[at + 2] = second;
        ints[at + 3] = this.name(r.rel);
      } else if (r.type === 'attrTriple' && first >= 0) {
        types[i] = Coded.AttrTriple;
        ints[at] = r.side;
        ints[at + 1] = first;
        ints[at + 2] = this.name(r.attr);
        ints[at + 3] = this.name(r.datatype ?? null);
        ints[at + 4] = this.name(r.lang ?? null);
        strings.push(r.value);
      } else {
        types[i] = Coded.Other;
        others.push(r);
      }
    }
    const names = this.fresh;
    this.fresh = [];
    return { count: n, types, ints, strings, names, others };
  }

  private name(text: string | null): number {
    if (text === null) return NONE;
    let index = this.names.get(text);
    if (index === undefined) {
      index = this.names.size;
      this.names.set(text, index);
      this.fresh.push(text);
    }
    return index;
  }
}

/** The records of encoded batches again, in order (for tests and for writers that take records). */
export class RecordDecoder {
  /** Every name received so far, by index. */
  readonly names: string[] = [];

  /** Takes the batch's new names; call once per batch, in order, before reading its records. */
  receive(batch: EncodedBatch): void {
    for (const name of batch.names) this.names.push(name);
  }

  /** The batch as records with their refs. */
  decode(batch: EncodedBatch): RecordBatchArray {
    this.receive(batch);
    const out: RecordBatchArray = [];
    const refs = new Int32Array(batch.count * 2).fill(NONE);
    const name = (index: number) => (index === NONE ? null : this.names[index]);
    let s = 0;
    let o = 0;
    for (let i = 0; i < batch.count; i++) {
      const at = i * INTS_PER_RECORD;
      const side = batch.ints[at] as GraphSide;
      switch (batch.types[i] as Coded) {
        case Coded.Entity: {
          const record: ImportRecord = { type: 'entity', side, iri: batch.strings[s++]!, label: batch.strings[s++] ?? undefined };
          const kind = KINDS[batch.ints[at + 2]];
          out.push(kind ? { ...record, kind } : record);
          refs[2 * i] = batch.ints[at + 1];
          break;
        }
        case Coded.RelTriple:
          // The IRIs never crossed: a writer finds them by ref.
          out.push({ type: 'relTriple', side, head: '', rel: name(batch.ints[at + 3])!, tail: '' });
          refs[2 * i] = batch.ints[at + 1];
          refs[2 * i + 1] = batch.ints[at + 2];
          break;
        case Coded.AttrTriple:
          out.push({ type: 'attrTriple', side, entity: '', attr: name(batch.ints[at + 2])!, value: batch.strings[s++], datatype: name(batch.ints[at + 3]), lang: name(batch.ints[at + 4]) });
          refs[2 * i] = batch.ints[at + 1];
          break;
        default:
          out.push(batch.others[o++]);
      }
    }
    Object.defineProperty(out, ENTITY_REFS, { value: refs, enumerable: false });
    return out;
  }
}
