import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoResourcesDir, demoSourceHash, listDemoFiles } from '../../../../src-main/demo/demo-resources';

const ROOT = join(__dirname, '..', '..', '..', '..');
const temps: string[] = [];
afterEach(() => {
  delete process.env.MMEA_DEMO_DIR;
  while (temps.length) rmSync(temps.pop()!, { recursive: true, force: true });
});

describe('demoResourcesDir', () => {
  it('finds resources/demo beside package.json in a checkout', () => {
    expect(demoResourcesDir()).toBe(join(ROOT, 'resources', 'demo'));
  });

  it('prefers MMEA_DEMO_DIR when it holds the demo files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-res-'));
    temps.push(dir);
    writeFileSync(join(dir, 'graph1.ttl'), '');
    process.env.MMEA_DEMO_DIR = dir;
    expect(demoResourcesDir()).toBe(dir);
  });
});

describe('demoSourceHash', () => {
  it('changes with any byte of any file and with the variant, and not otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-hash-'));
    temps.push(dir);
    cpSync(join(ROOT, 'resources', 'demo', 'licenses'), join(dir, 'licenses'), { recursive: true });
    writeFileSync(join(dir, 'graph1.ttl'), 'a');
    const base = demoSourceHash(dir, 'attributes');
    expect(demoSourceHash(dir, 'attributes')).toBe(base);
    expect(demoSourceHash(dir, 'image-nodes')).not.toBe(base);
    writeFileSync(join(dir, 'graph1.ttl'), 'b');
    expect(demoSourceHash(dir, 'attributes')).not.toBe(base);
    writeFileSync(join(dir, 'graph1.ttl'), 'a');
    writeFileSync(join(dir, 'extra.txt'), '');
    expect(demoSourceHash(dir, 'attributes')).not.toBe(base);
  });

  it('lists files with forward slashes in a stable order', () => {
    const files = listDemoFiles(join(ROOT, 'resources', 'demo'));
    expect(files).toContain('images/1/fr.svg');
    expect([...files].sort()).toEqual(files);
  });
});
