import type { Migration } from './migration';

/**
 * The first schema: both graphs, gold links, images and features, plus the tables later work fills (training
 * runs, embeddings, candidates, decisions). Entity ids are one space across both graphs; `side` says which graph.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  up: `
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

    CREATE TABLE graph (
      side INTEGER PRIMARY KEY CHECK (side IN (1, 2)),
      name TEXT NOT NULL
    ) STRICT;
    -- Both graphs always exist: entity.side references them, so any import can land in either.
    INSERT INTO graph (side, name) VALUES (1, 'KG1'), (2, 'KG2');

    CREATE TABLE entity (
      id INTEGER PRIMARY KEY,
      side INTEGER NOT NULL REFERENCES graph(side),
      iri TEXT NOT NULL,
      label TEXT,
      kind TEXT NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'image')),
      UNIQUE (side, iri)
    ) STRICT;

    -- Search by label or IRI local name (underscores read as spaces): a trigram index answers substring queries
    -- of three or more characters without a scan. Contentless: the text lives in entity. No triggers: a per-row
    -- trigger makes bulk imports 6x slower, so writers index in bulk (repositories/search-index.ts).
    CREATE VIRTUAL TABLE entity_search USING fts5(
      label, name, content='', contentless_delete=1, tokenize='trigram remove_diacritics 1'
    );

    CREATE TABLE relation (
      id INTEGER PRIMARY KEY,
      side INTEGER NOT NULL REFERENCES graph(side),
      iri TEXT NOT NULL,
      UNIQUE (side, iri)
    ) STRICT;

    -- Repeated triples are kept: the benchmark files contain them and their counts are part of the data.
    CREATE TABLE rel_triple (
      head INTEGER NOT NULL REFERENCES entity(id),
      rel INTEGER NOT NULL REFERENCES relation(id),
      tail INTEGER NOT NULL REFERENCES entity(id)
    ) STRICT;
    -- Covering indexes: a neighbourhood walk reads (rel, other end) straight from the index, never the table.
    CREATE INDEX rel_triple_head ON rel_triple(head, rel, tail);
    CREATE INDEX rel_triple_tail ON rel_triple(tail, rel, head);

    CREATE TABLE attribute (
      id INTEGER PRIMARY KEY,
      side INTEGER NOT NULL REFERENCES graph(side),
      iri TEXT NOT NULL,
      UNIQUE (side, iri)
    ) STRICT;

    -- value is NULL where the source lists attribute names only (OpenEA training_attrs).
    CREATE TABLE attr_triple (
      entity INTEGER NOT NULL REFERENCES entity(id),
      attr INTEGER NOT NULL REFERENCES attribute(id),
      value TEXT,
      datatype TEXT,
      lang TEXT
    ) STRICT;
    CREATE INDEX attr_triple_entity ON attr_triple(entity);

    CREATE TABLE image (
      id INTEGER PRIMARY KEY,
      entity INTEGER NOT NULL REFERENCES entity(id),
      source TEXT NOT NULL,
      mime TEXT,
      width INTEGER,
      height INTEGER,
      thumbnail BLOB,
      feature BLOB,
      UNIQUE (entity, source)
    ) STRICT;

    -- One vector per entity (the mean of its images' features, or a row of an imported feature file).
    CREATE TABLE image_feature (
      entity INTEGER PRIMARY KEY REFERENCES entity(id),
      encoder TEXT NOT NULL,
      dim INTEGER NOT NULL,
      vector BLOB NOT NULL
    ) STRICT;

    CREATE TABLE gold_link (
      left INTEGER NOT NULL REFERENCES entity(id),
      right INTEGER NOT NULL REFERENCES entity(id),
      split TEXT NOT NULL CHECK (split IN ('train', 'valid', 'test', 'unsplit')),
      PRIMARY KEY (left, right)
    ) STRICT;
    CREATE INDEX gold_link_right ON gold_link(right);

    CREATE TABLE import_log (
      id INTEGER PRIMARY KEY,
      format TEXT NOT NULL,
      source TEXT NOT NULL,
      side INTEGER,
      fingerprint TEXT NOT NULL UNIQUE,
      imported_at TEXT NOT NULL,
      counts TEXT NOT NULL
    ) STRICT;

    -- Derived matrices (relation/attribute bags, name n-grams), recomputed when inputs_hash changes.
    CREATE TABLE feature_matrix (
      name TEXT PRIMARY KEY,
      rows INTEGER NOT NULL,
      cols INTEGER NOT NULL,
      format TEXT NOT NULL,
      data BLOB NOT NULL,
      inputs_hash TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE training_run (
      id INTEGER PRIMARY KEY,
      started_at TEXT NOT NULL,
      finished_at TEXT,
      status TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
      backend TEXT NOT NULL,
      options TEXT NOT NULL,
      best_epoch INTEGER,
      metrics TEXT,
      error TEXT
    ) STRICT;

    CREATE TABLE run_epoch (
      run INTEGER NOT NULL REFERENCES training_run(id) ON DELETE CASCADE,
      epoch INTEGER NOT NULL,
      loss REAL NOT NULL,
      hits1 REAL,
      hits10 REAL,
      mrr REAL,
      seconds REAL NOT NULL,
      PRIMARY KEY (run, epoch)
    ) STRICT;

    -- Float32 matrices: the final vectors and one per modality, rows in the order of entity_ids (Int32).
    CREATE TABLE embedding (
      run INTEGER NOT NULL REFERENCES training_run(id) ON DELETE CASCADE,
      modality TEXT NOT NULL,
      rows INTEGER NOT NULL,
      dim INTEGER NOT NULL,
      entity_ids BLOB NOT NULL,
      data BLOB NOT NULL,
      PRIMARY KEY (run, modality)
    ) STRICT;

    CREATE TABLE candidate (
      id INTEGER PRIMARY KEY,
      run INTEGER NOT NULL REFERENCES training_run(id) ON DELETE CASCADE,
      left INTEGER NOT NULL REFERENCES entity(id),
      right INTEGER NOT NULL REFERENCES entity(id),
      kind TEXT NOT NULL CHECK (kind IN ('text-text', 'image-image', 'text-image')),
      score REAL NOT NULL,
      rank_left INTEGER NOT NULL,
      rank_right INTEGER,
      mutual INTEGER NOT NULL,
      margin REAL NOT NULL,
      evidence TEXT NOT NULL,
      UNIQUE (run, left, right)
    ) STRICT;
    CREATE INDEX candidate_kind_score ON candidate(run, kind, score DESC);
    CREATE INDEX candidate_right ON candidate(right);

    CREATE TABLE thresholds (
      kind TEXT PRIMARY KEY CHECK (kind IN ('text-text', 'image-image', 'text-image')),
      lower REAL NOT NULL,
      upper REAL NOT NULL
    ) STRICT;

    -- The decision log is append-only: undo marks an event undone, never deletes it. The current decision on a
    -- pair is its latest event in state 'active'. Entities are referenced by IRI as well so that a decision
    -- survives anything that could renumber entities.
    CREATE TABLE decision_event (
      seq INTEGER PRIMARY KEY,
      left INTEGER NOT NULL REFERENCES entity(id),
      right INTEGER NOT NULL REFERENCES entity(id),
      left_iri TEXT NOT NULL,
      right_iri TEXT NOT NULL,
      verdict TEXT NOT NULL CHECK (verdict IN ('accept', 'reject', 'unsure', 'clear')),
      curator TEXT NOT NULL,
      at TEXT NOT NULL,
      note TEXT,
      score REAL,
      run INTEGER,
      batch TEXT,
      state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'undone', 'discarded'))
    ) STRICT;
    CREATE INDEX decision_event_pair ON decision_event(left, right);

    CREATE TABLE preference (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  `,
};
