import { badInput } from '../../../shared/errors';

/** True for lines that carry no data (empty or only spaces/tabs); such lines are skipped where a format allows. */
export function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Splits a tab-separated line and checks it has exactly `count` columns. */
export function columns(line: string, count: number, file: string, lineNumber: number, what: string): string[] {
  const cols = line.split('\t');
  if (cols.length !== count) {
    throw badInput(file, lineNumber, `expected ${count} tab-separated columns (${what}), found ${cols.length}${cols.length < count ? ' (truncated line?)' : ''}`);
  }
  return cols;
}

/** Parses a non-negative integer id (digits only). */
export function parseId(text: string, file: string, lineNumber: number): number {
  const trimmed = text.trim();
  if (!/^\d{1,15}$/.test(trimmed)) throw badInput(file, lineNumber, `bad id "${trimmed}" (expected a non-negative integer)`);
  return Number(trimmed);
}
