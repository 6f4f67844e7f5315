import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPORT_FORMATS } from '../../../../src-main/import/formats';
import { runImport } from '../../../../src-main/import/import-service';
import { ProjectStore } from '../../../../src-main/project/project-store';
import { EmbeddingsRepository } from '../../../../src-main/project/repositories/embeddings';
import { runAlign } from '../../../../src-main/review/align-job';
import { ReviewService } from '../../../../src-main/review/review-service';
import { writeIdLayout } from '../cli/cli-harness';
import { tempDir } from './project-fixture';

/** Gives every entity a vector; gold partners close together, so the candidates are the gold pairs. */
function storeRun(store: ProjectStore, runId: number): void {
  const db = store.db;
  const ids = db.prepare('SELECT id FROM entity ORDER BY id').pluck().all() as number[];
  const partner = new Map((db.prepare('SELECT left, right FROM gold_link').all() as { left: number; right: number }[]).map((g) => [g.right, g.left]));
  const dim = 8;
  const row = new Map(ids.map((id, i) => [id, i]));
  const data = new Float32Array(ids.length * dim);
  ids.forEach((id, i) => {
    const source = partner.has(id) ? row.get(partner.get(id)!)! : i;
    for (let k = 0; k < dim; k++) data[i * dim + k] = Math.sin((source + 1) * (k + 1)) + (source === i ? 0 : 0.01 * k);
  });
  db.prepare("INSERT INTO training_run (id, started_at, status, backend, options) VALUES (?, '2026-01-01', 'done', 'wasm', '{}')").run(runId);
  new EmbeddingsRepository(db).saveAll(runId, [{ modality: 'final', entityIds: Int32Array.from(ids), dim, data }]);
}

describe('decisions and a real re-import', () => {
  it('survive importing more data, a refused duplicate import, a new run and new candidates', async () => {
    const dir = tempDir();
    const store = ProjectStore.create(join(dir, 'p.mmea'), 'reimport');
    try {
      const layout = writeIdLayout(join(dir, 'layout'), { entities: 40, triples: 80, gold: 30 });
      await runImport(store, IMPORT_FORMATS['id-layout']!, { paths: { dir: layout }, options: {} });
      storeRun(store, 1);
      await runAlign(store.db, { topK: 3 });
      const review = new ReviewService(store.db, { defaultCurator: 'Ada' });
      const page = review.queue({ order: 'score', offset: 0, limit: 3 }).items;
      review.decide({ left: page[0].left.id, right: page[0].right.id, verdict: 'accept', note: 'kept' });
      review.decide({ left: page[1].left.id, right: page[1].right.id, verdict: 'reject' });
      review.setThresholds([{ kind: 'text-text', lower: -1, upper: 0.5 }]);
      expect(review.acceptBand('text-text').accepted).toBeGreaterThan(0);
      const before = review.decisions.currentDecisions();
      const history = review.history(0, 1000);
      expect(before.length).toBeGreaterThan(2);

      // The same files again: refused, nothing changes.
      await expect(runImport(store, IMPORT_FORMATS['id-layout']!, { paths: { dir: layout }, options: {} })).rejects.toMatchObject({ code: 'ALREADY_IMPORTED' });
      // More data into graph 1 (an RDF file naming some existing entities and new ones), a new run, new candidates.
      const iri = (store.db.prepare('SELECT iri FROM entity WHERE side = 1 ORDER BY id LIMIT 1').pluck().get() as string);
      writeFileSync(join(dir, 'more.nt'), `<${iri}> <http://www.w3.org/2000/01/rdf-schema#label> "renamed" .\n<http://example.org/kg1/new> <http://example.org/p> <${iri}> .\n`);
      await runImport(store, IMPORT_FORMATS.rdf!, { paths: { file: join(dir, 'more.nt') }, side: 1, options: {} });
      storeRun(store, 2);
      await runAlign(store.db, { topK: 5, csls: true });
      expect(review.candidates.currentRun()).toBe(2);
      expect(review.decisions.currentDecisions()).toEqual(before);
      expect(review.history(0, 1000)).toEqual(history);
      expect(review.undoState().canUndo).toBe(true);
    } finally {
      store.close();
    }
  });
});
