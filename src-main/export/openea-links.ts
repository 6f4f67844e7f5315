import { type ExportLink, isPositive } from './links';

/** Number of folds OpenEA releases carry (721_5fold: 20% train, 10% valid, 70% test per fold). */
export const OPENEA_FOLDS = 5;

/** A stable hash of a link, so folds do not depend on row order and repeat from one export to the next. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * OpenEA `ent_links` plus `721_5fold/<1..5>/{train,valid,test}_links`, as files of a folder (path -> content).
 * Positive 1:1-kind links only: OpenEA tools read identity links, so cross-modal ones are left out. Links are
 * ordered by a hash and cut into five fifths; fold f trains on fifth f, validates on half of fifth f+1, tests on
 * the rest.
 */
export function writeOpenEaLinks(links: readonly ExportLink[]): Map<string, string> {
  const kept = links.filter((l) => isPositive(l) && l.kind !== 'text-image').map((l) => `${l.subject}\t${l.object}`);
  const files = new Map<string, string>();
  const text = (lines: string[]) => lines.map((l) => `${l}\n`).join('');
  files.set('ent_links', text(kept));
  const shuffled = [...kept].sort((a, b) => hash(a) - hash(b) || (a < b ? -1 : a > b ? 1 : 0));
  const fifths = Array.from({ length: OPENEA_FOLDS }, (_, f) => shuffled.slice(Math.round((f * shuffled.length) / OPENEA_FOLDS), Math.round(((f + 1) * shuffled.length) / OPENEA_FOLDS)));
  for (let f = 0; f < OPENEA_FOLDS; f++) {
    const train = fifths[f];
    const next = fifths[(f + 1) % OPENEA_FOLDS];
    const valid = next.slice(0, Math.round(next.length / 2));
    const used = new Set([...train, ...valid]);
    const test = shuffled.filter((l) => !used.has(l));
    files.set(`721_5fold/${f + 1}/train_links`, text(train));
    files.set(`721_5fold/${f + 1}/valid_links`, text(valid));
    files.set(`721_5fold/${f + 1}/test_links`, text(test));
  }
  return files;
}
