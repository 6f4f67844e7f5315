import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { built, startServer, type TestServer } from './helpers/server';
import { CHROMIUM, launchBrowser, openPage, shoot } from './helpers/browser';

/** The machine is shared and slow at times: give polled conditions time (vitest's default is one second). */
const POLL = { timeout: 20_000, interval: 100 };

const ready = built() && existsSync(CHROMIUM);

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The overview's count cells of both graphs, as shown. */
async function overviewCounts(page: Page): Promise<string[][]> {
  await page.locator('[data-nav=overview]').click();
  await page.getByTestId('graph-1').waitFor();
  return Promise.all([1, 2].map((side) => page.getByTestId(`graph-${side}`).locator('tbody tr td.num').allTextContents()));
}

/** The one error notice on screen (after waiting for it), as text. */
async function errorNotice(page: Page): Promise<string> {
  const error = page.locator('[data-testid=notice].error');
  await error.first().waitFor({ timeout: 60_000 });
  expect(await error.count()).toBe(1);
  return (await error.first().textContent()) ?? '';
}

/** Dismisses every notice, so the next case starts from a clean screen. */
async function dismissAll(page: Page): Promise<void> {
  const buttons = page.getByTestId('notice').getByRole('button', { name: 'Dismiss' });
  while ((await buttons.count()) > 0) await buttons.first().click();
}

describe.skipIf(!ready)('bad input through the UI, in Chromium: a clear message, nothing changed', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let work: string;

  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const notices = await page?.getByTestId('notice').allTextContents().catch(() => []);
    if (notices?.length) console.error(`notices on screen:\n${notices.join('\n')}`);
    await shoot(page, `failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`).catch(() => undefined);
    console.error(`server log:\n${server.log().slice(-3000)}`);
  });

  beforeAll(async () => {
    server = await startServer();
    work = join(server.dataDir, 'bad-input');
    mkdirSync(work);
    browser = await launchBrowser();
    ({ page, problems } = await openPage(browser, server.url));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('refuses a text file and a foreign SQLite file from the open field, leaving both untouched', async () => {
    const text = join(work, 'notes.mmea');
    writeFileSync(text, 'These are my notes, not a project.\n');
    const foreign = join(work, 'other.sqlite');
    const db = new Database(foreign);
    db.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('kept')");
    db.close();
    const before = { text: sha(text), foreign: sha(foreign) };
    const listing = readdirSync(work).sort();

    await page.getByRole('heading', { name: 'MMEA Studio' }).waitFor();
    for (const [path, what] of [[text, 'not an SQLite file'], [foreign, 'is an SQLite file but not']] as const) {
      await page.getByLabel('Open project').fill(path);
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      const message = await errorNotice(page);
      expect(message).toContain(path);
      expect(message).toContain('not an MMEA Studio project');
      expect(message).toContain(what);
      expect(message).toMatch(/Open a \.mmea project file|Create a new project/);
      if (path === foreign) await shoot(page, '14-open-non-project');
      // Still on the start view, nothing open.
      expect(await page.locator('main.content').getAttribute('data-view')).toBe('start');
      await dismissAll(page);
    }
    expect(sha(text)).toBe(before.text);
    expect(sha(foreign)).toBe(before.foreign);
    // No -wal/-shm/-journal left beside them: the foreign database was not converted to WAL.
    expect(readdirSync(work).sort()).toEqual(listing);

    // The app stays usable: the demo opens after the refusals.
    await page.getByTestId('demo-attributes').click();
    await page.locator('[data-view=overview], [data-testid=notice]').first().waitFor({ timeout: 240_000 });
    expect(await page.getByTestId('notice').allTextContents()).toEqual([]);
    await page.getByTestId('graph-1').waitFor();
  }, 300_000);

  it('names the file and line of a malformed N-Triples file in the wizard and imports nothing', async () => {
    const before = await overviewCounts(page);
    const overviewBefore = await page.locator('.view.overview .graphs').allTextContents();
    const bad = join(work, 'broken-graph.nt');
    writeFileSync(bad, [
      '<http://example.org/a> <http://example.org/p> <http://example.org/b> .',
      '<http://example.org/b> <http://example.org/p> <http://example.org/c> .',
      '<http://example.org/c> <http://example.org/p> this is not a term .',
      '<http://example.org/d> <http://example.org/p> <http://example.org/e> .',
      '',
    ].join('\n'));

    await page.getByRole('button', { name: 'Import data…' }).click();
    await page.getByTestId('import-wizard').waitFor();
    await page.getByRole('button', { name: /RDF \(N-Triples/ }).click();
    await page.getByLabel('One graph (with a side)').fill(bad);
    await page.getByRole('button', { name: 'Preview' }).click();
    // The preview only shows the first lines; the import reads them all and must stop at line 3.
    await page.locator('[data-testid=import-start], [data-testid=notice].error').first().waitFor({ timeout: 60_000 });
    if (await page.getByTestId('import-start').isVisible()) await page.getByTestId('import-start').click();
    const message = await errorNotice(page);
    expect(message).toContain('broken-graph.nt');
    expect(message).toMatch(/broken-graph\.nt:3\b|line 3\b/);
    expect(message).toContain('Fix line 3 of broken-graph.nt');
    await expect.poll(() => page.getByTestId('import-wizard').textContent(), POLL).toContain('Failed: nothing was imported');
    await shoot(page, '12-bad-ntriples');
    await dismissAll(page);

    expect(await overviewCounts(page)).toEqual(before);
    // Gold links and the import history too: no import row for the failed file.
    const overviewAfter = await page.locator('.view.overview .graphs').allTextContents();
    expect(overviewAfter).toEqual(overviewBefore);
    expect(overviewAfter.join(' ')).not.toContain('broken-graph.nt');
  }, 180_000);

  it('says it cannot write an export under a file, and what to do, writing nothing', async () => {
    const blocker = join(work, 'somefile');
    writeFileSync(blocker, 'a regular file where a folder should be\n');
    const listing = readdirSync(work).sort();
    const target = join(blocker, 'out.nt');

    await page.locator('[data-nav=export]').click();
    await expect.poll(() => page.getByTestId('export-preview').textContent(), POLL).not.toBe('loading…');
    for (const path of [target, '/proc/mmea/out.nt']) {
      await page.getByLabel('Export links').fill(path);
      await page.getByTestId('export-save').click();
      const message = await errorNotice(page);
      expect(message).toContain(`Cannot write ${path}: ${path === target ? 'a part of ' + blocker + ' is a file, not a folder' : 'the folder /proc/mmea does not exist'}`);
      expect(message).not.toContain('.tmp');
      expect(message).toContain('Pick a folder you can write to.');
      expect(await page.getByTestId('export-saved').count()).toBe(0);
      if (path === target) await shoot(page, '13-export-unwritable');
      await dismissAll(page);
    }
    expect(readFileSync(blocker, 'utf8')).toBe('a regular file where a folder should be\n');
    expect(readdirSync(work).sort()).toEqual(listing);
    expect(existsSync('/proc/mmea')).toBe(false);
    expect(problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
  }, 120_000);
});
