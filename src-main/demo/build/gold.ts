import { createHash } from 'node:crypto';
import type { GoldSplit } from '../../shared/model';
import { cityIri1, countryIri1, currencyIri1 } from './graph1';
import { cityIri2, countryIri2, currencyIri2, flagIri2 } from './graph2';
import type { ListCountry, WorldCountry } from './source-data';

/** One gold pair: graph-1 IRI, graph-2 IRI, and what kind of thing it links. */
export interface GoldPair {
  left: string;
  right: string;
  what: 'country' | 'capital' | 'currency' | 'flag';
}

/**
 * Gold links from ISO codes only, never from names: countries by ISO 3166 alpha-2, currencies by ISO 4217,
 * capitals through their country's code (when graph 1 lists exactly one capital and graph 2 has one; South Africa
 * and Bolivia list several in world-countries, and a curator could not say which one the other graph means).
 * Languages get none: world-countries keys them by ISO 639-3, countries-list by ISO 639-1, and neither ships
 * a mapping between the two.
 */
export function textGold(world: readonly WorldCountry[], list: readonly ListCountry[]): GoldPair[] {
  const byCode = new Map(list.map((c) => [c.code, c]));
  const pairs: GoldPair[] = [];
  const currencies1 = new Set<string>();
  const currencies2 = new Set(list.flatMap((c) => c.currencies));
  for (const c1 of world) {
    for (const code of Object.keys(c1.currencies)) currencies1.add(code);
    const c2 = byCode.get(c1.cca2);
    if (!c2) continue;
    pairs.push({ left: countryIri1(c1.cca3), right: countryIri2(c2.code), what: 'country' });
    if (c1.capitals.length === 1 && c2.capital) {
      pairs.push({ left: cityIri1(c1.capitals[0], c1.cca3), right: cityIri2(c2.capital, c2.code), what: 'capital' });
    }
  }
  for (const code of currencies1) {
    if (currencies2.has(code)) pairs.push({ left: currencyIri1(code), right: currencyIri2(code), what: 'currency' });
  }
  return sortPairs(pairs);
}

/** Text-image gold of the image-node variant: each graph-1 country and the flag image node of the same country. */
export function flagGold(world: readonly WorldCountry[], flagNodes: ReadonlySet<string>): GoldPair[] {
  return sortPairs(world.filter((c) => flagNodes.has(c.cca2)).map((c) => ({ left: countryIri1(c.cca3), right: flagIri2(c.cca2), what: 'flag' as const })));
}

function sortPairs(pairs: GoldPair[]): GoldPair[] {
  return pairs.sort((a, b) => (a.left === b.left ? (a.right < b.right ? -1 : 1) : a.left < b.left ? -1 : 1));
}

/** Split ratios of the shipped split (train / valid; the rest is test). */
export const SPLIT_RATIOS = { train: 0.7, valid: 0.1 } as const;

/**
 * A fixed train/valid/test split: text pairs ordered by a hash of the pair, the first 70% train, the next 10%
 * valid, the rest test. A flag pair takes the split of its country's pair, so a country never trains on one
 * modality while being tested on the other.
 */
export function splitGold(text: readonly GoldPair[], flags: readonly GoldPair[]): Map<string, GoldSplit> {
  const hashed = text.map((p) => ({ p, h: createHash('sha256').update(`${p.left}\t${p.right}`).digest('hex') }));
  hashed.sort((a, b) => (a.h < b.h ? -1 : a.h > b.h ? 1 : 0));
  const nTrain = Math.floor(hashed.length * SPLIT_RATIOS.train);
  const nValid = Math.floor(hashed.length * SPLIT_RATIOS.valid);
  const split = new Map<string, GoldSplit>();
  const byLeft = new Map<string, GoldSplit>();
  hashed.forEach(({ p }, i) => {
    const s: GoldSplit = i < nTrain ? 'train' : i < nTrain + nValid ? 'valid' : 'test';
    split.set(pairKey(p.left, p.right), s);
    if (p.what === 'country') byLeft.set(p.left, s);
  });
  for (const p of flags) split.set(pairKey(p.left, p.right), byLeft.get(p.left) ?? 'test');
  return split;
}

/** The key of a pair in split maps. */
export const pairKey = (left: string, right: string): string => `${left}\t${right}`;
