import type { Migration } from './migration';

/**
 * Per run, entity and modality: the standard deviation of the entity's Beta-distributed fusion weight for that
 * modality (MIMEA's probability-guided fusion, issue 7), stored beside the run's embeddings and replaced with
 * them, so the review evidence can say how sure the model was of each modality. One row per value rather than a
 * BLOB per modality: the review queue reads a page's few dozen entities by key, never a whole matrix. Only runs of
 * a model with Beta fusion have rows; an entity lacking a modality has none for it (missing is not uncertain).
 * A Beta variable on [0, 1] has a standard deviation of at most 0.5, which the CHECK holds the writer to.
 */
export const migration004: Migration = {
  version: 4,
  name: 'training: per-modality weight uncertainty per run and entity',
  up: `
    CREATE TABLE modality_uncertainty (
      run INTEGER NOT NULL REFERENCES training_run(id) ON DELETE CASCADE,
      entity INTEGER NOT NULL REFERENCES entity(id),
      modality TEXT NOT NULL CHECK (modality IN ('structure', 'relation', 'attribute', 'image', 'name')),
      weight_std REAL NOT NULL CHECK (weight_std >= 0 AND weight_std <= 0.5),
      PRIMARY KEY (run, entity, modality)
    ) STRICT, WITHOUT ROWID;
  `,
};
