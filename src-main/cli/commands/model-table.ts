import { MODEL_IDS, MODEL_PRESETS, type ModelId, costText, isModelId } from '../../shared/model-presets';
import { AppError } from '../../shared/errors';

/** Text width the model table and help wrap to (a terminal's 100 columns, like the rest of the CLI's help). */
const WIDTH = 100;

/** Greedy word wrap of `text` into lines of at most `width` characters (a longer single word stays whole). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The models as `mmea models` prints them: id, label and cost on one line (the first is marked as the default),
 * then the description wrapped and indented under it. Cost is the measured figure or "not measured yet".
 */
export function modelsTable(width = WIDTH): string {
  const idWidth = Math.max(...MODEL_PRESETS.map((p) => p.id.length));
  const labelWidth = Math.max(...MODEL_PRESETS.map((p) => p.label.length));
  const indent = ' '.repeat(idWidth + 4);
  const head = `  ${'model'.padEnd(idWidth)}  ${'name'.padEnd(labelWidth)}  cost`;
  const body: string[] = [];
  MODEL_PRESETS.forEach((p, i) => {
    const mark = i === 0 ? '*' : ' ';
    body.push(`${mark} ${p.id.padEnd(idWidth)}  ${p.label.padEnd(labelWidth)}  ${costText(p)}`);
    for (const line of wrap(p.description, width - indent.length)) body.push(`${indent}${line}`);
  });
  const out = [head, '-'.repeat(Math.min(width, Math.max(...body.map((l) => l.length)))), ...body];
  out.push('', `* the default. Train one with: mmea train <project> --model <${MODEL_IDS.join('|')}>`);
  return out.join('\n');
}

/** The `--model` lines of `mmea train --help`: one entry per model with its description, wrapped under it. */
export function modelHelpLines(indent: number, width = WIDTH): string[] {
  const pad = ' '.repeat(indent);
  const out: string[] = [];
  MODEL_PRESETS.forEach((p, i) => {
    const head = `${pad}${p.id}${i === 0 ? ' (default)' : ''}: ${p.label}`;
    out.push(head);
    for (const line of wrap(p.description, width - indent - 2)) out.push(`${pad}  ${line}`);
  });
  return out;
}

/** Validates a `--model` value: an unknown id is BAD_INPUT naming every id, so a typo is fixed in one go. */
export function parseModelId(raw: string): ModelId {
  if (isModelId(raw)) return raw;
  throw new AppError('BAD_INPUT', `unknown model '${raw}': --model must be one of ${MODEL_IDS.join(', ')}`, { hint: 'mmea models lists them with what each does.' });
}
