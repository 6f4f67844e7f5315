import { resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import type { ExportFormatId, ExportInclude } from '../../shared/dto';
import { openDatabase } from '../../project/db';
import { EXPORT_WRITERS } from '../../export/writers';
import { saveExport } from '../../review/export-service';
import { parseArgs, stringOption } from '../args';
import type { CliCommand } from '../command';

const INCLUDES: ExportInclude[] = ['accepted', 'accepted+auto', 'all'];

/** `mmea export <project> --format F [--include accepted] --out PATH`. */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write the curated links as owl:sameAs, SSSOM, Alignment API, OpenEA links or CSV',
  help: [
    'usage: mmea export <project> --format FORMAT [--include accepted|accepted+auto|all] --out PATH',
    '',
    'formats:',
    ...Object.values(EXPORT_WRITERS).map((w) => `  ${w.id.padEnd(14)} ${w.title}`),
    '',
    '  --include accepted        the curator\'s accepted links (default)',
    '  --include accepted+auto   plus undecided links in the auto band (held 1:1)',
    '  --include all             everything with its status: also rejected (SSSOM: predicate_modifier Not),',
    '                            unsure and review-band links (status-less formats keep the positive ones)',
    '  --out PATH                a file, or a folder for openea-links',
    'Cross-modal links (text entity to image entity) are written with foaf:depiction / foaf:depicts.',
  ].join('\n'),
  async run(args) {
    const parsed = parseArgs(args, { values: ['format', 'include', 'out'] });
    const [file, extra] = parsed.positional;
    if (!file || extra !== undefined) throw new AppError('BAD_INPUT', 'expected exactly one project file', { hint: 'usage: mmea export <project> --format FORMAT --out PATH' });
    const format = stringOption(parsed, 'format') as ExportFormatId | undefined;
    if (!format || !(format in EXPORT_WRITERS)) {
      throw new AppError('BAD_INPUT', `--format must be one of ${Object.keys(EXPORT_WRITERS).join(', ')}`);
    }
    const include = (stringOption(parsed, 'include') ?? 'accepted') as ExportInclude;
    if (!INCLUDES.includes(include)) throw new AppError('BAD_INPUT', `--include must be one of ${INCLUDES.join(', ')}`);
    const out = stringOption(parsed, 'out');
    if (!out) throw new AppError('BAD_INPUT', '--out is required (a file, or a folder for openea-links)');
    const db = openDatabase(file);
    try {
      const result = saveExport(db, { format, include, path: resolve(out) });
      console.log(`${result.links} links written to ${result.path} (${EXPORT_WRITERS[format].title}, ${include})`);
      return 0;
    } finally {
      db.close();
    }
  },
};
