import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobHub } from '../../../../src-main/ipc/job-hub';
import { wrapStore } from '../../../../src-main/ipc/project-opener';
import { createReviewHandlers } from '../../../../src-main/ipc/review-handlers';
import { createExportHandlers } from '../../../../src-main/ipc/export-handlers';
import { ProjectSession } from '../../../../src-main/ipc/session';
import { ProjectStore } from '../../../../src-main/project/project-store';
import type { JobOutcome } from '../../../../src-main/shared/progress';
import { createFixtureProject, rightOf, tempDir } from '../review/project-fixture';
import { HAS_RAPPER, parseWithN3, rapperToNTriples } from '../export/rdf-tools';

describe('review and export handlers', () => {
  let dir: string;
  let session: ProjectSession;
  let hub: JobHub;

  beforeEach(async () => {
    dir = tempDir();
    createFixtureProject(join(dir, 'p.mmea'), { n: 40, images: 6 }).close();
    session = new ProjectSession();
    hub = new JobHub();
    await session.replace(() => wrapStore(ProjectStore.open(join(dir, 'p.mmea')), 'k'));
  });
  afterEach(() => session.close(true));

  async function alignInProcess(review: ReturnType<typeof createReviewHandlers>): Promise<JobOutcome> {
    const outcomes: JobOutcome[] = [];
    const done = new Promise<JobOutcome>((resolve) => hub.subscribe(() => undefined, (o) => { outcomes.push(o); resolve(o); }));
    await review.align({ topK: 5 });
    return done;
  }

  it('runs alignment as a worker job when there is a worker, else as a job of this process', async () => {
    const started: [string, unknown][] = [];
    const worker = { start: (type: string, payload: unknown) => (started.push([type, payload]), { jobId: 'w1', result: Promise.resolve({}) }) };
    const viaWorker = createReviewHandlers({ session, hub, worker });
    expect(await viaWorker.align({ topK: 7, csls: true })).toEqual({ jobId: 'w1' });
    expect(started).toEqual([['align', { projectPath: join(dir, 'p.mmea'), options: { topK: 7, csls: true, runId: undefined } }]]);
    const local = createReviewHandlers({ session, hub });
    const outcome = await alignInProcess(local);
    expect(outcome.status).toBe('done');
    const bands = await local.bandCounts();
    expect(bands.reduce((n, b) => n + b.auto + b.review + b.hidden, 0)).toBeGreaterThan(0);
  });

  it('decides, undoes and redoes with the curator from the preferences, and reports history and quality', async () => {
    const review = createReviewHandlers({ session, hub, defaultCurator: 'fallback' });
    await alignInProcess(review);
    await review.setPreferences({ curator: 'https://orcid.org/0000-0002-1825-0097' });
    let state = await review.decide({ left: 1, right: rightOf(1), verdict: 'accept', note: 'same' });
    expect(state).toEqual({ canUndo: true, canRedo: false, decisions: 1 });
    state = await review.decide({ left: 2, right: rightOf(2), verdict: 'reject' });
    expect((await review.history(0, 10)).map((h) => [h.left, h.verdict, h.curator])).toEqual([
      [2, 'reject', 'https://orcid.org/0000-0002-1825-0097'],
      [1, 'accept', 'https://orcid.org/0000-0002-1825-0097'],
    ]);
    expect((await review.history(0, 10))[1].score).toBeTypeOf('number');
    state = await review.undo();
    expect(state).toEqual({ canUndo: true, canRedo: true, decisions: 1 });
    state = await review.redo();
    expect(state.decisions).toBe(2);
    expect((await review.quality()).decisions).toBe(2);
    // Clearing is a decision too: recorded, undoable.
    state = await review.decide({ left: 2, right: rightOf(2), verdict: 'clear' });
    expect(state.decisions).toBe(1);
    state = await review.undo();
    expect(state.decisions).toBe(2);
    await expect(review.decide({ left: rightOf(1), right: 1, verdict: 'accept' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('saves every format; each reads back to the links the project holds', async () => {
    const review = createReviewHandlers({ session, hub });
    const exporter = createExportHandlers({ session });
    await alignInProcess(review);
    // Two accepted (one chosen by the curator against the model), one rejected, one cross-modal accept.
    await review.decide({ left: 1, right: rightOf(1), verdict: 'accept' });
    await review.decide({ left: 3, right: rightOf(4), verdict: 'accept' });
    await review.decide({ left: 5, right: rightOf(5), verdict: 'reject' });
    await review.decide({ left: 6, right: rightOf(38), verdict: 'accept' });
    const expected = new Set([
      `http://kg1.example/e1 http://www.w3.org/2002/07/owl#sameAs http://kg2.example/e1`,
      `http://kg1.example/e3 http://www.w3.org/2002/07/owl#sameAs http://kg2.example/e4`,
      `http://kg1.example/e6 http://xmlns.com/foaf/0.1/depiction http://kg2.example/e38`,
    ]);
    const links = (triples: Set<string>) => new Set([...triples].filter((t) => /owl#sameAs|foaf\/0.1\/depict/.test(t.split(' ')[1])));

    const nt = await exporter.save({ format: 'sameas-nt', include: 'accepted', path: join(dir, 'out.nt') });
    expect(nt.links).toBe(3);
    expect(links(parseWithN3(readFileSync(join(dir, 'out.nt'), 'utf8'), 'N-Triples'))).toEqual(expected);
    await exporter.save({ format: 'sameas-ttl', include: 'accepted', path: join(dir, 'out.ttl') });
    expect(links(parseWithN3(readFileSync(join(dir, 'out.ttl'), 'utf8'), 'Turtle'))).toEqual(expected);
    if (HAS_RAPPER) expect(links(parseWithN3(rapperToNTriples(join(dir, 'out.ttl'), 'turtle'), 'N-Triples'))).toEqual(expected);

    await exporter.save({ format: 'sssom', include: 'all', path: join(dir, 'out.sssom.tsv') });
    const sssom = readFileSync(join(dir, 'out.sssom.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
    const header = sssom[0].split('\t');
    const rows = sssom.slice(1).map((l) => Object.fromEntries(l.split('\t').map((v, i) => [header[i], v])));
    const negated = rows.filter((r) => r.predicate_modifier === 'Not');
    expect(negated.map((r) => [r.subject_id, r.object_id])).toEqual([['kg1:e5', 'kg2:e5']]);
    const curated = rows.filter((r) => r.mapping_justification === 'semapv:ManualMappingCuration');
    expect(curated).toHaveLength(4);
    const machine = rows.filter((r) => r.mapping_justification === 'semapv:SemanticSimilarityThresholdMatching');
    expect(machine.length).toBeGreaterThan(0);
    expect(machine.every((r) => r.confidence !== '')).toBe(true);

    await exporter.save({ format: 'csv', include: 'accepted', path: join(dir, 'out.csv') });
    expect(readFileSync(join(dir, 'out.csv'), 'utf8').split('\r\n').filter(Boolean)).toHaveLength(4);

    const rdf = await exporter.save({ format: 'alignment-api', include: 'accepted', path: join(dir, 'out.rdf') });
    expect(rdf.links).toBe(3);
    if (HAS_RAPPER) {
      const triples = parseWithN3(rapperToNTriples(join(dir, 'out.rdf'), 'rdfxml'), 'N-Triples');
      const entity1 = [...triples].filter((t) => t.includes('alignment#entity1')).map((t) => t.split(' ')[2]).sort();
      expect(entity1).toEqual(['http://kg1.example/e1', 'http://kg1.example/e3', 'http://kg1.example/e6']);
    }

    const folder = await exporter.save({ format: 'openea-links', include: 'accepted', path: join(dir, 'openea') });
    expect(folder.links).toBe(2);
    expect(readFileSync(join(dir, 'openea', 'ent_links'), 'utf8')).toBe('http://kg1.example/e1\thttp://kg2.example/e1\nhttp://kg1.example/e3\thttp://kg2.example/e4\n');
    expect(readFileSync(join(dir, 'openea', '721_5fold', '1', 'test_links'), 'utf8').split('\n').filter(Boolean).length).toBeGreaterThan(0);

    expect((await exporter.preview('csv', 'accepted', 2)).split('\n')).toHaveLength(2);
    mkdirSync(join(dir, 'afolder'));
    await expect(exporter.save({ format: 'csv', include: 'accepted', path: join(dir, 'afolder') })).rejects.toMatchObject({ code: 'IO' });
    writeFileSync(join(dir, 'afile'), 'x');
    await expect(exporter.save({ format: 'openea-links', include: 'accepted', path: join(dir, 'afile') })).rejects.toMatchObject({ code: 'IO' });
  });

  it('with accepted+auto keeps auto links 1:1 and lets accepted pairs win', async () => {
    const review = createReviewHandlers({ session, hub });
    const exporter = createExportHandlers({ session });
    await alignInProcess(review);
    await review.setThresholds([{ kind: 'text-text', lower: -2, upper: -2 }]);
    await review.decide({ left: 1, right: rightOf(2), verdict: 'accept' });
    await exporter.save({ format: 'csv', include: 'accepted+auto', path: join(dir, 'auto.csv') });
    const rows = readFileSync(join(dir, 'auto.csv'), 'utf8').split('\r\n').filter(Boolean).slice(1).map((l) => l.split(','));
    const textRows = rows.filter((r) => r[5] === 'text-text');
    expect(new Set(textRows.map((r) => r[0])).size).toBe(textRows.length);
    expect(new Set(textRows.map((r) => r[3])).size).toBe(textRows.length);
    expect(textRows.find((r) => r[0] === 'http://kg1.example/e1')).toMatchObject({ 3: 'http://kg2.example/e2', 6: 'accepted' });
    expect(textRows.some((r) => r[3] === 'http://kg2.example/e2' && r[6] === 'auto')).toBe(false);
  });
});
