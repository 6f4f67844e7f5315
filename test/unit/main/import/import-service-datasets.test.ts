import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectStore } from '../../../../src-main/project/project-store';
import { runImport } from '../../../../src-main/import/import-service';
import { IMPORT_FORMATS } from '../../../../src-main/import/formats';
import { sharedDataset } from '../../../helpers/shared-data';

const dbp15k = sharedDataset('dbp15k/zh_en');
const openea = sharedDataset('openea/OEA_EN_FR_15K_V1');

let dir: string;
let store: ProjectStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mmea-real-'));
  store = ProjectStore.create(join(dir, 'p.mmea'), 'real');
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function importFolder(path: string) {
  return runImport(store, IMPORT_FORMATS['id-layout']!, { paths: { dir: path }, options: {} });
}

function healthy(): void {
  expect(store.db.pragma('foreign_key_check')).toEqual([]);
  expect(store.db.pragma('quick_check', { simple: true })).toBe('ok');
}

describe.skipIf(!dbp15k)('DBP15K zh_en through the import service', () => {
  it('gives exactly 19,388 + 19,572 entities, 70,414 + 95,142 triples and 15,000 gold pairs', async () => {
    await importFolder(dbp15k!);
    const info = store.info();
    expect(info.graphs.map((g) => g.entities)).toEqual([19388, 19572]);
    expect(info.graphs.map((g) => g.relTriples)).toEqual([70414, 95142]);
    expect(info.gold.total).toBe(15000);
    expect(info.graphs.map((g) => g.withRelations)).toEqual([19388, 19572]);
    healthy();
    // The same folder again is the same data.
    await expect(importFolder(dbp15k!)).rejects.toMatchObject({ code: 'ALREADY_IMPORTED' });
    expect(store.info().graphs.map((g) => g.relTriples)).toEqual([70414, 95142]);
    expect(store.graph.search(2, 'Abdullah Gül', 3)[0]?.iri).toBe('http://dbpedia.org/resource/Abdullah_Gül');
  });
});

describe.skipIf(!openea)('OpenEA EN-FR-15K-V1 through the import service', () => {
  it('gives 15,000 + 15,000 entities, 47,334 + 40,864 triples, 15,000 gold and the attribute triples', async () => {
    await importFolder(openea!);
    const info = store.info();
    expect(info.graphs.map((g) => g.entities)).toEqual([15000, 15000]);
    expect(info.graphs.map((g) => g.relTriples)).toEqual([47334, 40864]);
    expect(info.gold.total).toBe(15000);
    // training_attrs list attribute names per entity (no values): one triple per listed name.
    expect(info.graphs.map((g) => g.attrTriples)).toEqual([73121, 67167]);
    expect(info.graphs.map((g) => g.withAttributes)).toEqual([14501, 13713]);
    healthy();
  });
});
