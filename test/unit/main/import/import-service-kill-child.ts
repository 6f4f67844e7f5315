/**
 * Child process for the kill test: imports an id-layout folder with a tiny page cache on the import connection,
 * so that SQLite spills uncommitted pages into the WAL long before the commit (the case a kill must survive).
 *   node --import tsx import-service-kill-child.ts <project> <folder>
 */
import { IMPORT_FORMATS } from '../../../../src-main/import/formats';
import { runImport } from '../../../../src-main/import/import-service';
import { ProjectStore } from '../../../../src-main/project/project-store';

const [project, dir] = process.argv.slice(2);
const store = ProjectStore.open(project);
const openWriter = store.openWriter.bind(store);
store.openWriter = () => {
  const writer = openWriter();
  writer.db.pragma('cache_size = 50'); // pages: about 200 KB
  return writer;
};
runImport(store, IMPORT_FORMATS['id-layout']!, {
  paths: { dir },
  options: {},
  onProgress: (p) => process.stderr.write(`records ${p.rows}\n`),
}).then(
  () => process.stdout.write('finished\n'),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
