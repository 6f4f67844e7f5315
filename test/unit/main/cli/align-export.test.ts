import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../src-main/project/db';
import { DecisionsRepository } from '../../../../src-main/project/repositories/decisions';
import { buildCli } from './cli-harness';
import { createFixtureProject, rightOf, tempDir } from '../review/project-fixture';

describe('mmea align / mmea export', () => {
  let cli: string;
  beforeAll(async () => {
    cli = await buildCli();
  });
  const mmea = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

  it('generates candidates, prints bands and quality, then exports the accepted links', () => {
    const dir = tempDir();
    const file = join(dir, 'p.mmea');
    createFixtureProject(file, { n: 60 }).close();
    const out = mmea('align', file, '--top-k', '5');
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^\d+ candidates from run 1 \(top-5, cosine\)/);
    expect(out.stdout).toMatch(/thresholds calibrated on validation gold for: text-text/);
    expect(out.stdout).toMatch(/text-text +-?\d\.\d{3} +-?\d\.\d{3} +\d+ +\d+ +\d+/);
    expect(out.stdout).toMatch(/overall +P \d+\.\d% +R \d+\.\d% +F1/);
    expect(out.stdout).toMatch(/ranking of test pairs: H@1 \d+\.\d%/);

    const json = JSON.parse(execFileSync(process.execPath, [cli, 'align', file, '--top-k', '3', '--csls', '--json'], { encoding: 'utf8' })) as { generation: { csls: boolean; topK: number } };
    expect(json.generation).toMatchObject({ csls: true, topK: 3 });

    const db = openDatabase(file);
    new DecisionsRepository(db).record({ left: 1, right: rightOf(1), verdict: 'accept', curator: 'Ada' });
    db.close();
    const exported = mmea('export', file, '--format', 'sameas-nt', '--out', join(dir, 'links.nt'));
    expect(exported.status).toBe(0);
    expect(exported.stdout).toMatch(/^1 links written to .*links\.nt/);
    expect(readFileSync(join(dir, 'links.nt'), 'utf8')).toContain('<http://kg1.example/e1> <http://www.w3.org/2002/07/owl#sameAs> <http://kg2.example/e1> .');
  });

  it('refuses bad options with a readable message', () => {
    const dir = tempDir();
    const file = join(dir, 'p.mmea');
    createFixtureProject(file, { n: 10 }).close();
    expect(mmea('align', file, '--top-k', '0').stderr).toMatch(/--top-k must be a number between 1 and 1000/);
    expect(mmea('align', file, '--run', '9').stderr).toMatch(/Run 9 has no final embeddings/);
    expect(mmea('export', file, '--format', 'xml', '--out', 'x').stderr).toMatch(/--format must be one of sameas-nt/);
    expect(mmea('export', file, '--format', 'csv').stderr).toMatch(/--out is required/);
    expect(mmea('export', file, '--format', 'csv', '--include', 'some', '--out', 'x').stderr).toMatch(/--include must be one of/);
  });
});
