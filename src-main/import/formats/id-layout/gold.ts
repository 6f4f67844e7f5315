import { badInput } from '../../../shared/errors';
import type { GoldSplit } from '../../../shared/model';
import type { ImportRecord } from '../../import-format';
import { forEachLine } from '../lib/line-reader';
import { type RecordBatch } from '../lib/record-batch';
import { columns, isBlank, parseId } from '../lib/tsv';
import { type EntityTable } from './entity-table';

/** The gold and split files of a folder. */
export interface GoldFiles {
  gold: string | null;
  train: string | null;
  test: string | null;
  valid: string | null;
}

interface Pair {
  left: number;
  right: number;
}

/**
 * Reads gold links and their splits. `sup_ent_ids` -> train, `dev_ent_ids` -> test (in this lineage "dev" is the
 * held-out part), `valid_ent_ids` -> valid. A gold pair in no split file is 'unsplit'; a split pair missing from the
 * gold file is still gold (so no given link is lost). Repeated pairs are read once: a link is a set member.
 */
export async function* readGold(files: GoldFiles, table: EntityTable, out: RecordBatch): AsyncGenerator<ImportRecord[]> {
  const splits = new Map<string, GoldSplit>();
  const order: Pair[] = [];
  const seen = new Set<string>();
  const add = (pair: Pair): void => {
    const key = `${pair.left}\t${pair.right}`;
    if (!seen.has(key)) {
      seen.add(key);
      order.push(pair);
    }
  };
  const given: [string | null, GoldSplit][] = [[files.train, 'train'], [files.valid, 'valid'], [files.test, 'test']];
  for (const [path, split] of given) {
    if (!path) continue;
    out.startPhase(`reading ${path.slice(path.lastIndexOf('/') + 1)}`);
    await forEachLine(path, (line, n) => {
      const pair = readPair(line, path, n, table);
      if (!pair) return;
      const key = `${pair.left}\t${pair.right}`;
      const before = splits.get(key);
      if (before && before !== split) throw badInput(path, n, `pair ${pair.left}, ${pair.right} is in both the ${before} and the ${split} split`);
      splits.set(key, split);
    }, (bytes) => out.setFileBytes(bytes));
  }
  if (files.gold) {
    const path = files.gold;
    out.startPhase(`reading ${path.slice(path.lastIndexOf('/') + 1)}`);
    await forEachLine(path, (line, n) => {
      const pair = readPair(line, path, n, table);
      if (pair) add(pair);
    }, (bytes) => out.setFileBytes(bytes));
  }
  for (const [key] of splits) {
    const [left, right] = key.split('\t').map(Number);
    add({ left, right });
  }
  for (const pair of order) {
    out.push({
      type: 'gold',
      left: table.get(pair.left)!.iri,
      right: table.get(pair.right)!.iri,
      split: splits.get(`${pair.left}\t${pair.right}`) ?? 'unsplit',
    });
    if (out.full) yield out.take();
  }
}

function readPair(line: string, path: string, n: number, table: EntityTable): Pair | null {
  if (isBlank(line)) return null;
  const [a, b] = columns(line, 2, path, n, 'id of graph 1, id of graph 2');
  const left = parseId(a, path, n);
  const right = parseId(b, path, n);
  table.iriOn(left, 1, path, n);
  table.iriOn(right, 2, path, n);
  return { left, right };
}
