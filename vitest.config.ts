import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';

const shared = fileURLToPath(new URL('./src-main/shared', import.meta.url));

export default defineConfig({
  plugins: [vue()],
  resolve: { alias: { '@shared': shared } },
  test: {
    // Two cores: keep heavy suites (TF.js, native builds, Chromium) from fighting each other.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], environment: 'node', fileParallelism: false, testTimeout: 300_000 },
      },
    ],
  },
});
