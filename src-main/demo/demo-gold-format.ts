import { readFile } from 'node:fs/promises';
import type { ImportFormatId } from '../shared/dto';
import { AppError, badInput } from '../shared/errors';
import type { GoldSplit } from '../shared/model';
import type { ImportContext, ImportFormat, ImportRecord } from '../import/import-format';

const SPLITS: ReadonlySet<string> = new Set<GoldSplit>(['train', 'valid', 'test', 'unsplit']);

/**
 * The demo's gold split files (`left IRI<TAB>right IRI<TAB>train|valid|test`), read through the real import
 * service. The RDF format brings owl:sameAs links in as 'unsplit'; this refines them to the demo's fixed split, and
 * adds the text-image gold (country -> flag image), which owl:sameAs must not express. Not a curator-facing format,
 * so it is not in IMPORT_FORMATS; its id only names it in the project's import log.
 */
export const demoGoldFormat: ImportFormat = {
  id: 'demo-gold' as ImportFormatId,
  title: 'Demo project gold splits',
  roles: [{ role: 'splits', title: 'Gold split file (TSV)' }],
  async fingerprintFiles(ctx) {
    return [requirePath(ctx)];
  },
  read: readGold,
};

function requirePath(ctx: ImportContext): string {
  const path = ctx.paths.splits;
  if (!path) throw new AppError('BAD_INPUT', 'the demo gold import needs a splits file');
  return path;
}

async function* readGold(ctx: ImportContext): AsyncGenerator<ImportRecord[]> {
  const path = requirePath(ctx);
  let bytes: Buffer;
  try {
    bytes = await readFile(path); // a few hundred lines that ship with the app: no need to stream
  } catch (error) {
    throw new AppError('IO', `Cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badInput(path, undefined, 'invalid UTF-8');
  }
  const records: ImportRecord[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const cols = line.split('\t');
    if (cols.length !== 3) throw badInput(path, i + 1, `expected 3 tab-separated columns (left IRI, right IRI, split), found ${cols.length}`);
    const [left, right, split] = cols;
    if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(left) || !/^[a-z][a-z0-9+.-]*:\S+$/i.test(right)) throw badInput(path, i + 1, 'left and right must be absolute IRIs');
    if (!SPLITS.has(split)) throw badInput(path, i + 1, `unknown split "${split}" (train, valid, test or unsplit)`);
    records.push({ type: 'gold', left, right, split: split as GoldSplit });
  });
  ctx.onProgress?.({ phase: 'gold splits', done: bytes.length, total: bytes.length, rows: records.length });
  yield records;
}
