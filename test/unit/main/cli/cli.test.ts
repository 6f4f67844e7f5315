import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, writeIdLayout } from './cli-harness';

let dir: string;
let cli: string;
const mmea = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mmea-cli-'));
  cli = await buildCli();
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(cli, { force: true });
});

describe('mmea create / import / info', () => {
  it('creates a project, imports a folder with progress on stderr, and reports counts per graph and gold', () => {
    const project = join(dir, 'cities.mmea');
    const created = mmea('create', project, '--name', 'Cities');
    expect(created.status).toBe(0);
    expect(created.stdout).toContain('"Cities"');
    const data = writeIdLayout(join(dir, 'data'), { entities: 120, triples: 400, gold: 30 });
    const imported = mmea('import', project, '--format', 'id-layout', '--dir', data);
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/^import: .*records/m);
    expect(imported.stdout).toMatch(/entities 240, relations \d+, relTriples 800, gold 30/);
    const info = mmea('info', project);
    expect(info.status).toBe(0);
    expect(info.stdout).toMatch(/^entities\s+120\s+120$/m);
    expect(info.stdout).toMatch(/^relation triples\s+400\s+400$/m);
    expect(info.stdout).toMatch(/^ {2}with relations\s+\d+\s+\d+$/m);
    expect(info.stdout).toContain('gold links  30 (train 0, valid 0, test 0, unsplit 30)');
    const json = JSON.parse(mmea('info', project, '--json').stdout) as { name: string; graphs: { relTriples: number }[] };
    expect(json.name).toBe('Cities');
    expect(json.graphs.map((g) => g.relTriples)).toEqual([400, 400]);

    const twice = mmea('import', project, '--format', 'id-layout', '--dir', data);
    expect(twice.status).toBe(1);
    expect(twice.stderr).toMatch(/already imported on/);
  });

  it('explains bad usage in one line with a non-zero exit', () => {
    const project = join(dir, 'p.mmea');
    expect(mmea('create', project).status).toBe(0);
    expect(mmea('create', project).stderr).toMatch(/already exists/);
    const unknown = mmea('import', project, '--format', 'nope', '--dir', dir);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/unknown format 'nope'[\s\S]*formats: .*id-layout/);
    expect(mmea('import', project, '--format', 'id-layout').stderr).toMatch(/--dir is required/);
    expect(mmea('import', project, '--format', 'id-layout', '--dir', dir, '--side', '3').stderr).toMatch(/--side must be 1 or 2/);
    expect(mmea('import', project, '--format', 'id-layout', '--dir', dir, '--option', 'novalue').stderr).toMatch(/key=value/);
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello');
    const notProject = mmea('info', text);
    expect(notProject.status).toBe(1);
    expect(notProject.stderr).toMatch(/not an MMEA Studio project/);
    expect(mmea('info', join(dir, 'missing.mmea')).stderr).toMatch(/No project file/);
  });

  it('names the file and line of bad input and leaves the project unchanged', () => {
    const project = join(dir, 'bad.mmea');
    mmea('create', project);
    const data = writeIdLayout(join(dir, 'bad'), { entities: 10, triples: 20, gold: 5 });
    writeFileSync(join(data, 'triples_2'), '10\t2001\t11\n10\tnot-a-number\t12\n');
    const result = mmea('import', project, '--format', 'id-layout', '--dir', data);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/triples_2:2: /);
    expect(mmea('info', project).stdout).toMatch(/^entities\s+0\s+0$/m);
  });

  it('lists the commands and their help', () => {
    const help = mmea('--help');
    expect(help.stdout).toMatch(/create\s+create a new/);
    expect(help.stdout).toMatch(/import\s+import graphs/);
    expect(mmea('import', '--help').stdout).toMatch(/--dir <folder>/);
  });
});
