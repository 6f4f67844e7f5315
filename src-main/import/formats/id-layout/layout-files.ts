import { join } from 'node:path';
import { fileSize } from '../lib/files';

/** The files of one id-layout folder; null where absent. */
export interface LayoutFiles {
  ent1: string | null;
  ent2: string | null;
  triples1: string | null;
  triples2: string | null;
  gold: string | null;
  train: string | null;
  test: string | null;
  valid: string | null;
  rels: string[];
  trainingAttrs1: string | null;
  trainingAttrs2: string | null;
  attr: string | null;
  images1: string | null;
  images2: string | null;
  found: string[];
  absent: string[];
}

// ill_ent_ids (MCLEA) and ref_ent_ids (GCN-Align, DH-MEA) hold the same all-gold list: the first found wins.
const GOLD = ['ill_ent_ids', 'ref_ent_ids'];
const RELS = ['rel_ids', 'rel_ids_1', 'rel_ids_2', 'rel_ids1', 'rel_ids2'];
// Files whose absence is worth telling the curator about (the rest are extras some releases have).
const EXPECTED = ['ent_ids_1', 'ent_ids_2', 'triples_1', 'triples_2'];

/** Looks up which of the known file names exist in `dir`. */
export async function findLayoutFiles(dir: string): Promise<LayoutFiles> {
  const found: string[] = [];
  const at = async (name: string): Promise<string | null> => {
    const path = join(dir, name);
    if ((await fileSize(path)) === null) return null;
    found.push(name);
    return path;
  };
  const first = async (names: string[]): Promise<string | null> => {
    for (const name of names) {
      const path = await at(name);
      if (path) return path;
    }
    return null;
  };
  const files: Omit<LayoutFiles, 'found' | 'absent' | 'rels'> = {
    ent1: await at('ent_ids_1'),
    ent2: await at('ent_ids_2'),
    triples1: await at('triples_1'),
    triples2: await at('triples_2'),
    gold: await first(GOLD),
    train: await at('sup_ent_ids'),
    test: await at('dev_ent_ids'),
    valid: await at('valid_ent_ids'),
    trainingAttrs1: await at('training_attrs_1'),
    trainingAttrs2: await at('training_attrs_2'),
    attr: await at('attr'),
    images1: await at('image_ids_1'),
    images2: await at('image_ids_2'),
  };
  const rels: string[] = [];
  for (const name of RELS) {
    const path = await at(name);
    if (path) rels.push(path);
  }
  const absent = EXPECTED.filter((name) => !found.includes(name));
  if (!files.gold) absent.push('ill_ent_ids/ref_ent_ids');
  return { ...files, rels, found, absent };
}

/** Every existing file, in reading order. */
export function layoutPaths(files: LayoutFiles): string[] {
  const all = [files.ent1, files.ent2, ...files.rels, files.images1, files.images2, files.triples1, files.triples2,
    files.trainingAttrs1, files.trainingAttrs2, files.attr, files.gold, files.train, files.test, files.valid];
  return all.filter((path): path is string => path !== null);
}
