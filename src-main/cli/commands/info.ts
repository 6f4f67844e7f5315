import { AppError } from '../../shared/errors';
import type { GraphCounts, ProjectInfo } from '../../shared/dto';
import { ProjectStore } from '../../project/project-store';
import { parseArgs } from '../args';
import type { CliCommand } from '../command';

const n = (value: number) => value.toLocaleString('en-US');

const ROWS: [string, (g: GraphCounts) => number][] = [
  ['entities', (g) => g.entities],
  ['  text entities', (g) => g.textEntities],
  ['  image entities', (g) => g.imageEntities],
  ['  with relations', (g) => g.withRelations],
  ['  with attributes', (g) => g.withAttributes],
  ['  with images', (g) => g.withImages],
  ['  with image features', (g) => g.withImageFeatures],
  ['  with labels', (g) => g.labelled],
  ['relations', (g) => g.relations],
  ['relation triples', (g) => g.relTriples],
  ['attributes', (g) => g.attributes],
  ['attribute triples', (g) => g.attrTriples],
  ['images', (g) => g.images],
];

/** The human-readable report `mmea info` prints. */
export function formatInfo(info: ProjectInfo): string {
  const [g1, g2] = info.graphs;
  const head = ['', `graph 1: ${g1.name}`, `graph 2: ${g2.name}`];
  const table = [head, ...ROWS.map(([label, get]) => [label, n(get(g1)), n(get(g2))])];
  const widths = head.map((_, c) => Math.max(...table.map((row) => row[c].length)));
  const lines = table.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   '));
  const gold = info.gold;
  return [
    `project  ${info.name}`,
    `file     ${info.path} (schema ${info.schemaVersion}, created ${info.createdAt})`,
    '',
    ...lines,
    '',
    `gold links  ${n(gold.total)} (train ${n(gold.train)}, valid ${n(gold.valid)}, test ${n(gold.test)}, unsplit ${n(gold.unsplit)})`,
    `decisions   ${n(info.decisions)}`,
    `runs        ${n(info.runs)}`,
    `imports     ${info.imports.length}`,
    ...info.imports.map((i) => `  #${i.id} ${i.importedAt} ${i.format}${i.side ? ` (graph ${i.side})` : ''} from ${i.source}`),
  ].join('\n');
}

/** `mmea info <file> [--json]`: counts per graph and modality, gold split, imports. */
export const infoCommand: CliCommand = {
  name: 'info',
  summary: 'show what a project holds: counts per graph and modality, gold split, imports',
  help: [
    'usage: mmea info <file> [--json]',
    '',
    'Prints entities (text/image; with relations, attributes, images, image features, labels), relations, triples,',
    'gold links by split, decisions, training runs and the import log.',
    '  --json   print the same as JSON',
  ].join('\n'),
  async run(args) {
    const parsed = parseArgs(args, { flags: ['json'] });
    const [file, extra] = parsed.positional;
    if (!file || extra !== undefined) throw new AppError('BAD_INPUT', 'expected exactly one project file', { hint: 'usage: mmea info <file> [--json]' });
    const store = ProjectStore.open(file, { readonly: true });
    try {
      const info = store.info();
      console.log(parsed.options.has('json') ? JSON.stringify(info, null, 2) : formatInfo(info));
    } finally {
      store.close();
    }
    return 0;
  },
};
