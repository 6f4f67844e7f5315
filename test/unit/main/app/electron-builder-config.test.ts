import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..', '..', '..');
// electron-builder's own YAML reader and schema validator (untyped CommonJS), as `npm run dist` would use them.
const requireFromRoot = createRequire(join(root, 'package.json'));

interface BuilderConfig {
  files: string[];
  asarUnpack: string[];
  extraResources: { from: string; to: string }[];
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
}

async function load(): Promise<BuilderConfig> {
  const yaml = requireFromRoot('js-yaml') as { load(text: string): unknown };
  return yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s schema validation', async () => {
    const { validateConfiguration } = requireFromRoot('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = requireFromRoot('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    const config = await load();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, linux: { ...config.linux, nonsense: 1 } }, new DebugLogger(false))).rejects.toThrow(/configuration/);
  });

  it('packs only the bundles and the manifest, ships the demo sources, and builds for every platform', async () => {
    const config = await load();
    expect(config.files).toEqual(['out/**', 'package.json']);
    expect(config.extraResources).toEqual([{ from: 'resources/demo', to: 'demo' }]);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('unpacks every native addon and the wasm files from the asar', async () => {
    const { asarUnpack } = await load();
    for (const needed of ['node_modules/better-sqlite3/**', 'node_modules/sharp/**', 'node_modules/@img/**', 'node_modules/onnxruntime-node/**', 'node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm']) {
      expect(asarUnpack).toContain(needed);
    }
  });
});
