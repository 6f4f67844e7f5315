import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

/**
 * Lint, including the walls between layers (ARCHITECTURE.md): shared/ reaches nothing else, the renderer reaches
 * only shared/ and its own api/, the model never touches the database or IPC, TF.js stays out of main and renderer.
 */
export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'resources/**', '.cache/**', 'tmp/**', '**/*.tmp.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['src-main/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'electron', 'better-sqlite3', '@tensorflow/*', 'vue', 'pinia', '../*', '!./*'], message: 'shared/ imports nothing but itself.' }] }],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.vue'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['node:*', 'electron', 'better-sqlite3', '@tensorflow/*'], message: 'The renderer runs in a sandbox: no Node, Electron, SQLite or TF.js.' },
        { group: ['**/src-main/*', '!**/src-main/shared', '**/src-main/!(shared)/**'], message: 'The renderer reaches only src-main/shared (types).' },
      ] }],
    },
  },
  {
    files: ['src-main/model/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['better-sqlite3', 'electron', 'node:worker_threads', '**/project/**', '**/ipc/**', '**/worker/**'], message: 'model/ takes arrays and returns arrays.' }] }],
    },
  },
  {
    files: ['src-main/import/**/*.ts', 'src-main/export/**/*.ts', 'src-main/align/**/*.ts', 'src-main/app/**/*.ts', 'src-main/ipc/**/*.ts', 'src-main/server/**/*.ts', 'src-main/project/**/*.ts', 'src-main/review/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@tensorflow/*', '**/model/*', '!**/model/training-data'], message: 'TF.js lives in the worker (and the CLI training command) only.' }] }],
    },
  },
);
