import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';
import { badInput } from '../../../shared/errors';
import { ioError } from './line-reader';

/** One element of a top-level JSON array, with the line it starts on. */
export interface JsonElement {
  value: unknown;
  line: number;
}

/**
 * Streams the elements of a top-level JSON array of arrays/objects (such as a names file `[[id, [tokens]], ...]`)
 * without holding the whole file: a small scanner finds where each element ends and JSON.parse reads just that.
 */
export async function* readJsonArray(path: string): AsyncGenerator<JsonElement[]> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let depth = 0;
  let inString = false;
  let escaped = false;
  let ended = false;
  let line = 1;
  let element = '';
  let elementLine = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const piece of stream as AsyncIterable<Buffer>) {
      let text: string;
      try {
        text = decoder.decode(piece, { stream: true });
      } catch {
        throw badInput(path, line, 'invalid UTF-8');
      }
      const out: JsonElement[] = [];
      let start = depth >= 2 ? 0 : -1;
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (inString) {
          if (escaped) escaped = false;
          else if (c === '\\') escaped = true;
          else if (c === '"') inString = false;
          continue;
        }
        if (c === '\n') line++;
        else if (c === '"') {
          if (depth < 2) throw badInput(path, line, 'expected a JSON array of arrays, found a string at the top');
          inString = true;
        } else if (c === '[' || c === '{') {
          if (ended) throw badInput(path, line, 'text after the end of the JSON array');
          if (depth === 0 && c === '{') throw badInput(path, line, 'expected a JSON array, found an object');
          depth++;
          if (depth === 2) {
            start = i;
            element = '';
            elementLine = line;
          }
        } else if (c === ']' || c === '}') {
          depth--;
          if (depth < 0) throw badInput(path, line, 'unbalanced brackets');
          if (depth === 1) {
            element += text.slice(start, i + 1);
            start = -1;
            out.push({ value: parseElement(element, path, elementLine), line: elementLine });
            element = '';
          } else if (depth === 0) ended = true;
        } else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== ',' && depth < 2) {
          throw badInput(path, line, `unexpected "${c}" (expected a JSON array of arrays)`);
        }
      }
      if (start >= 0) element += text.slice(start);
      if (out.length > 0) yield out;
    }
  } catch (error) {
    throw ioError(path, error);
  }
  if (!ended) throw badInput(path, line, 'the JSON array is not closed (truncated file?)');
}

function parseElement(text: string, path: string, line: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badInput(path, line, `bad JSON: ${(error as Error).message}`);
  }
}
