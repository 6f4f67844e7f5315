import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { built, startServer, type TestServer } from './helpers/server';
import { CHROMIUM, launchBrowser, openPage, shoot } from './helpers/browser';
import { sharedDataset } from '../helpers/shared-data';

const dataset = sharedDataset('dbp15k/zh_en');
const ready = built() && existsSync(CHROMIUM) && dataset !== null;

describe.skipIf(!ready)('new project and the import wizard, in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    ({ page, problems } = await openPage(browser, server.url));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a project, previews DBP15K zh_en and imports it with progress', async () => {
    await page.getByPlaceholder('e.g. DBpedia zh–en').fill('Wizard test');
    await page.getByLabel('New project file').fill(join(server.dataDir, 'wizard.mmea'));
    await page.getByRole('button', { name: 'Create and import data…' }).click();
    await page.getByTestId('import-wizard').waitFor();
    await page.getByRole('button', { name: /ID layout/ }).click();
    await page.getByLabel(/Dataset folder/).fill(dataset!);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('import-start').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-wizard').textContent()).toContain('ent_ids_1');
    await shoot(page, '09-import-preview');
    await page.getByTestId('import-start').click();
    await page.getByRole('button', { name: 'Go to the overview' }).waitFor({ timeout: 180_000 });
    await shoot(page, '10-import-done');
    const counts = page.getByTestId('import-wizard').locator('tbody tr').first().locator('td.num');
    expect(await counts.allTextContents()).toEqual(['19,388', '19,572']);
    expect(problems).toEqual([]);
  });

  it('says what is wrong, and what to do, for a folder that is not a dataset', async () => {
    await page.getByRole('button', { name: 'Import more' }).click();
    await page.getByRole('button', { name: /ID layout/ }).click();
    await page.getByLabel(/Dataset folder/).fill(server.dataDir);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('import-start').click();
    const error = page.locator('[data-testid=notice].error');
    await error.waitFor({ timeout: 60_000 });
    expect(await error.textContent()).toMatch(/ent_ids_1/);
    expect(await page.getByTestId('import-wizard').textContent()).toContain('Failed');
    await shoot(page, '11-import-error');
  });
});
