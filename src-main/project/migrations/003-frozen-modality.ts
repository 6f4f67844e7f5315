import type { Migration } from './migration';

/**
 * Frozen modalities per run (PMF progressive freezing): one row per (run, entity, modality) the model froze,
 * so that the gallery's "frozen by the model" filter is an indexed lookup instead of decoding embedding blobs.
 * Entities lacking a modality are never listed (missing is not frozen).
 */
export const migration003: Migration = {
  version: 3,
  name: 'training: frozen modalities per run',
  up: `
    CREATE TABLE frozen_modality (
      run INTEGER NOT NULL REFERENCES training_run(id) ON DELETE CASCADE,
      entity INTEGER NOT NULL REFERENCES entity(id),
      modality TEXT NOT NULL CHECK (modality IN ('relation', 'attribute', 'image', 'name')),
      PRIMARY KEY (run, entity, modality)
    ) STRICT, WITHOUT ROWID;
  `,
};
