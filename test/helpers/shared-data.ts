import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The shared data folder: MMEA_SHARED, or ../shared beside the repository (as on CI). */
export const SHARED_DIR = process.env.MMEA_SHARED ?? resolve(__dirname, '..', '..', '..', 'shared');

/**
 * The path of a dataset under ../shared/datasets, or null (with a message saying why the test is skipped) when
 * it is absent. Use with `describe.skipIf(!path)`.
 */
export function sharedDataset(relative: string): string | null {
  const path = join(SHARED_DIR, 'datasets', relative);
  if (existsSync(path)) return path;
  console.warn(`skipping: ${path} is absent (set MMEA_SHARED to the folder holding datasets/)`);
  return null;
}
