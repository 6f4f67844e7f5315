import type { Migration } from './migration';
import { migration001 } from './001-initial';
import { migration002 } from './002-review';
import { migration003 } from './003-frozen-modality';
import { migration004 } from './004-modality-uncertainty';

/** Every migration in order; the last version is the schema this build writes. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
