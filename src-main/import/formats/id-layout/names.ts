import { badInput } from '../../../shared/errors';
import { readJsonArray } from '../lib/json-array';
import { throwIfCancelled } from '../lib/record-batch';

/** Labels by entity id with the line each came from (to name it if the id turns out to be unknown). */
export interface NameTable {
  labels: Map<number, string>;
  lines: Map<number, number>;
}

/**
 * Reads a translated-names file `[[id, [token, ...]], ...]` (MCLEA/EVA `translated_ent_name/*.json`, one file for
 * both graphs): label = tokens joined by a space. A plain string instead of the token list is accepted too.
 */
export async function readNames(path: string, signal?: AbortSignal): Promise<NameTable> {
  const labels = new Map<number, string>();
  const lines = new Map<number, number>();
  for await (const elements of readJsonArray(path)) {
    throwIfCancelled(signal);
    for (const { value, line } of elements) {
      if (!Array.isArray(value) || value.length !== 2) throw badInput(path, line, 'expected [id, [tokens]]');
      const [id, tokens] = value as [unknown, unknown];
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) throw badInput(path, line, `bad id ${JSON.stringify(id)} (expected a non-negative integer)`);
      let label: string;
      if (typeof tokens === 'string') label = tokens;
      else if (Array.isArray(tokens) && tokens.every((t) => typeof t === 'string')) label = tokens.join(' ');
      else throw badInput(path, line, `bad name for id ${id} (expected a list of strings)`);
      if (labels.has(id)) throw badInput(path, line, `entity id ${id} is named twice`);
      label = label.trim();
      // An empty token list says nothing: the IRI's local name is the better label then.
      if (label.length > 0) labels.set(id, label);
      lines.set(id, line);
    }
  }
  return { labels, lines };
}
