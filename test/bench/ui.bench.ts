/**
 * The UI at DBP15K zh_en scale, in Chromium over the browser transport: the review queue with 20,000 candidates
 * (time from a key press to the next pair with its evidence on screen), a 2-hop neighbourhood of the biggest hub
 * capped at 500 nodes (click to drawn), and the gallery of 15,000 thumbnails (what it loads, and how fast a screen
 * fills). Times are measured inside the page (performance.now around the key press or click, until the DOM shows
 * the result and a frame has passed). Needs `npm run build` and /usr/bin/chromium; measures, never asserts.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Benchmark, BenchRow } from './harness';
import { skipped } from './harness';
import { sharedDataset } from '../helpers/shared-data';
import { ROOT, built, startServer, type TestServer } from '../e2e/helpers/server';
import { CHROMIUM, launchBrowser, openPage } from '../e2e/helpers/browser';
import sharp from 'sharp';
import { openDatabase } from '../../src-main/project/db';
import { RunsRepository } from '../../src-main/project/repositories/runs';
import { CandidatesRepository } from '../../src-main/project/repositories/candidates';
import { MATCH_KINDS, MODALITIES } from '../../src-main/shared/model';
import type { CandidateTable } from '../../src-main/align/candidate-table';

const CLI = join(ROOT, 'out', 'main', 'cli.cjs');
const CANDIDATES = 20_000;
const IMAGES = 15_000;

/** A seeded uniform [0, 1) sequence (the same project every run). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

/**
 * The UI benchmark's project: DBP15K zh_en imported through the CLI, `images` generated thumbnails attached to the
 * first graph-1 entities (image-files import), and `candidates` review candidates written the way candidate
 * generation writes them (gold pairs plus wrong ones, seeded scores), under a finished run.
 */
export async function buildUiProject(dir: string, dataset: string, counts: { images: number; candidates: number }): Promise<string> {
  const project = join(dir, 'ui-bench.mmea');
  const cli = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { stdio: 'pipe' });
  cli('create', project, '--name', 'UI benchmark: DBP15K zh_en');
  cli('import', project, '--format', 'id-layout', '--dir', dataset);

  const ent1 = readFileSync(join(dataset, 'ent_ids_1'), 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t')[1]);
  const imageDir = join(dir, 'images');
  mkdirSync(imageDir, { recursive: true });
  const mapping: string[] = [];
  const random = rng(7);
  for (let i = 0; i < Math.min(counts.images, ent1.length); i++) {
    const file = `${i}.png`;
    const [r, g, b] = [random(), random(), random()].map((v) => Math.round(v * 255));
    await sharp({ create: { width: 96, height: 64, channels: 3, background: { r, g, b } } }).png().toFile(join(imageDir, file));
    mapping.push(`${ent1[i]}\t${file}`);
  }
  writeFileSync(join(dir, 'mapping.tsv'), `${mapping.join('\n')}\n`);
  cli('import', project, '--format', 'image-files', '--side', '1', '--dir', imageDir, '--mapping', join(dir, 'mapping.tsv'));

  const db = openDatabase(project);
  try {
    const ids = new Map((db.prepare('SELECT id, iri FROM entity').all() as { id: number; iri: string }[]).map((r) => [r.iri, r.id]));
    const iriOf = (side: 1 | 2) => new Map(readFileSync(join(dataset, `ent_ids_${side}`), 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t') as [string, string]));
    const [one, two] = [iriOf(1), iriOf(2)];
    const gold = readFileSync(join(dataset, 'ill_ent_ids'), 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t'))
      .map(([a, b]) => [ids.get(one.get(a)!)!, ids.get(two.get(b)!)!] as const);
    const n = counts.candidates;
    const width = MODALITIES.length;
    const table: CandidateTable = {
      count: n, left: new Int32Array(n), right: new Int32Array(n), kind: new Uint8Array(n), score: new Float32Array(n),
      rankLeft: new Int32Array(n), rankRight: new Int32Array(n), mutual: new Uint8Array(n), margin: new Float32Array(n),
      evidence: new Float32Array(n * width),
    };
    for (let r = 0; r < n; r++) {
      const right = r < gold.length ? gold[r][1] : gold[Math.floor(random() * gold.length)][1];
      table.left[r] = gold[r % gold.length][0];
      table.right[r] = right;
      table.kind[r] = MATCH_KINDS.indexOf('text-text');
      table.score[r] = 0.2 + 0.75 * random();
      table.rankLeft[r] = r < gold.length ? 1 : 2;
      table.mutual[r] = r < gold.length ? 1 : 0;
      table.margin[r] = 0.1 * random();
      for (let q = 0; q < width; q++) table.evidence[r * width + q] = MODALITIES[q] === 'image' ? Number.NaN : random();
    }
    const runs = new RunsRepository(db);
    const run = runs.create('bench', { epochs: 0 });
    runs.finish(run, 'done', { bestEpoch: null, metrics: null });
    new CandidatesRepository(db).replace(table, { run, topK: 10, csls: false, generatedAt: new Date().toISOString(), seconds: 0 });
  } finally {
    db.close();
  }
  return project;
}

/** The graph-1 entity with the most relation triples (the hardest 2-hop neighbourhood). */
export function hubOf(project: string): { id: number; label: string; iri: string; degree: number } {
  const db = openDatabase(project, { readonly: true });
  try {
    return db.prepare(`SELECT e.id, coalesce(e.label, e.iri) AS label, e.iri, count(*) AS degree FROM rel_triple t
      JOIN entity e ON e.id = t.head WHERE e.side = 1 GROUP BY e.id ORDER BY degree DESC LIMIT 1`).get() as { id: number; label: string; iri: string; degree: number };
  } finally {
    db.close();
  }
}

interface Session {
  page: Page;
  server: TestServer;
  hub: ReturnType<typeof hubOf>;
  imageRequests: () => number;
  galleryItemsFetched: () => number;
  close: () => Promise<void>;
}

let session: Promise<Session> | null = null;

/** Builds the project once and opens it in Chromium; every benchmark of this module shares it. */
function open(dataset: string): Promise<Session> {
  session ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mmea-ui-bench-'));
    const project = await buildUiProject(dir, dataset, { images: IMAGES, candidates: CANDIDATES });
    const hub = hubOf(project);
    const server = await startServer(['--project', project]);
    const browser = await launchBrowser();
    const { page } = await openPage(browser, server.url);
    let images = 0;
    let galleryItems = 0;
    page.on('request', (r) => void (r.url().includes('/images/') && images++));
    page.on('websocket', (ws) => ws.on('framesent', (f) => {
      const m = /"method":"graph\.gallery".*"limit":(\d+)/.exec(String(f.payload));
      if (m) galleryItems += Number(m[1]);
    }));
    await page.locator('[data-view=overview]').waitFor({ timeout: 120_000 });
    return {
      page, server, hub, imageRequests: () => images, galleryItemsFetched: () => galleryItems,
      close: async () => {
        await browser.close();
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  })();
  return session;
}

const stats = (ms: number[]): BenchRow => {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { n: ms.length, 'median ms': at(0.5), 'p95 ms': at(0.95), 'max ms': sorted[sorted.length - 1] };
};

/** Presses `key` in the page and resolves with the ms until another pair, with its evidence, is on screen. */
const PRESS_AND_WAIT = (key: string) => `new Promise((resolve) => {
  const pair = () => document.querySelector('[data-testid=pair]');
  const before = pair() && pair().getAttribute('data-candidate');
  const t0 = performance.now();
  const ready = () => { const p = pair(); return p && p.getAttribute('data-candidate') !== before && !p.textContent.includes('loading…'); };
  const obs = new MutationObserver(() => { if (ready()) { obs.disconnect(); requestAnimationFrame(() => resolve(performance.now() - t0)); } });
  obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  window.dispatchEvent(new KeyboardEvent('keydown', { key: ${JSON.stringify(key)}, bubbles: true }));
  setTimeout(() => { obs.disconnect(); resolve(-1); }, 15000);
})`;

/** Clicks depth `d` in pane 1 and resolves with the ms until the footer shows the new neighbourhood, and it. */
const DEPTH_AND_WAIT = (d: number) => `new Promise((resolve) => {
  const foot = () => (document.querySelector('[data-testid=pane-1] footer') || {}).textContent || '';
  const before = foot();
  const t0 = performance.now();
  const obs = new MutationObserver(() => { const f = foot(); if (f !== before && /\\d+ nodes/.test(f) && !f.includes('loading')) { obs.disconnect(); requestAnimationFrame(() => resolve([performance.now() - t0, f])); } });
  obs.observe(document.body, { subtree: true, childList: true, characterData: true });
  [...document.querySelectorAll('[data-testid=pane-1] .depth button')].find((b) => b.textContent.trim() === '${d}').click();
  setTimeout(() => { obs.disconnect(); resolve([-1, foot()]); }, 30000);
})`;

const dataset = () => sharedDataset('dbp15k/zh_en');
const ready = (): string | null => (!built() ? 'out/main/server.cjs or out/renderer (npm run build)' : !existsSync(CHROMIUM) ? CHROMIUM : null);

export const benchmarks: Benchmark[] = [
  {
    name: `review: next pair (j), ${CANDIDATES.toLocaleString('en-US')} candidates`,
    async run() {
      const dir = dataset();
      if (!dir || ready()) return skipped(dir ? ready()! : 'dbp15k/zh_en');
      const { page } = await open(dir);
      await page.locator('[data-nav=review]').click();
      await page.getByTestId('pair').waitFor({ timeout: 60_000 });
      await page.getByTestId('filter-band').selectOption('all');
      await page.getByTestId('pair').waitFor();
      const total = (await page.getByTestId('queue-total').textContent())?.trim() ?? '';
      const ms: number[] = [];
      for (let i = 0; i < 40; i++) ms.push((await page.evaluate(PRESS_AND_WAIT('j'))) as number);
      return { ...stats(ms.filter((m) => m >= 0)), 'timed out': ms.filter((m) => m < 0).length, queue: total };
    },
  },
  {
    name: 'review: accept (a) and move on',
    async run() {
      const dir = dataset();
      if (!dir || ready()) return skipped(dir ? ready()! : 'dbp15k/zh_en');
      const { page } = await open(dir);
      await page.getByTestId('pair').waitFor();
      const ms: number[] = [];
      for (let i = 0; i < 20; i++) ms.push((await page.evaluate(PRESS_AND_WAIT('a'))) as number);
      for (let i = 0; i < 20; i++) await page.keyboard.press('z'); // leave the project as it was
      return { ...stats(ms.filter((m) => m >= 0)), 'timed out': ms.filter((m) => m < 0).length };
    },
  },
  {
    name: '2-hop neighbourhood of the biggest hub, max 500 nodes',
    async run() {
      const dir = dataset();
      if (!dir || ready()) return skipped(dir ? ready()! : 'dbp15k/zh_en');
      const { page, hub } = await open(dir);
      await page.locator('[data-nav=graph]').click();
      await page.getByTestId('graph-search-1').fill(hub.iri.slice(hub.iri.lastIndexOf('/') + 1));
      await page.locator('[role=option]').first().waitFor({ timeout: 30_000 });
      await page.getByTestId('graph-search-1').press('Enter');
      await page.locator('[data-testid=pane-1] footer').filter({ hasText: 'nodes' }).waitFor();
      const ms: number[] = [];
      let footer = '';
      for (let i = 0; i < 3; i++) {
        await page.evaluate(DEPTH_AND_WAIT(1));
        const [t, f] = (await page.evaluate(DEPTH_AND_WAIT(2))) as [number, string];
        ms.push(t);
        footer = f;
      }
      return { ...stats(ms), hub: hub.label, degree: hub.degree, shown: footer.replace(/\s+/g, ' ').trim().slice(0, 60) };
    },
  },
  {
    name: `gallery: ${IMAGES.toLocaleString('en-US')} thumbnails, virtual grid`,
    async run() {
      const dir = dataset();
      if (!dir || ready()) return skipped(dir ? ready()! : 'dbp15k/zh_en');
      const s = await open(dir);
      const { page } = s;
      const imagesBefore = s.imageRequests();
      const t0 = Date.now();
      await page.locator('[data-nav=gallery]').click();
      const grid = page.getByTestId('gallery-grid');
      await grid.locator('img').first().waitFor();
      const firstScreen = Date.now() - t0;
      const jumps: number[] = [];
      for (const at of [0.25, 0.5, 0.75, 0.999]) {
        const t = Date.now();
        await grid.evaluate((el, f) => el.scrollTo(0, el.scrollHeight * f), at);
        // The screen is filled when no placeholder cell is left (its page of items has arrived).
        await page.waitForTimeout(20);
        while ((await grid.locator('.skeleton').count()) > 0) await page.waitForTimeout(20);
        jumps.push(Date.now() - t);
      }
      const cells = await grid.locator('.cell').count();
      const total = (await page.getByTestId('gallery-total').textContent())?.trim() ?? '';
      const row = {
        entities: total, 'first screen ms': firstScreen, 'median jump ms': [...jumps].sort((a, b) => a - b)[2], 'cells in DOM': cells,
        'items fetched': s.galleryItemsFetched(), 'thumbnails requested': s.imageRequests() - imagesBefore,
      };
      await s.close();
      session = null;
      return row;
    },
  },
];
