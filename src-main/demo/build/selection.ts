import { createHash } from 'node:crypto';
import type { SourceData } from './source-data';

/** Which ISO 3166 alpha-2 codes each graph keeps. */
export interface Selection {
  graph1: Set<string>;
  graph2: Set<string>;
}

/**
 * Both sources list the same 250 territories, which would make the two graphs suspiciously complete mirrors.
 * A few countries are left out of one side so that some entities have no counterpart, as in any real pair of
 * graphs. Which ones is decided by a salted hash of the code: reproducible, and not hand-picked to be easy.
 * About 2.3% of the shared codes go to each side (first hash byte < 6, or 6..11).
 */
export function selectCountries(source: SourceData): Selection {
  const inWorld = new Set(source.world.map((c) => c.cca2));
  const inList = new Set(source.list.map((c) => c.code));
  const graph1 = new Set<string>();
  const graph2 = new Set<string>();
  for (const code of inWorld) {
    if (!inList.has(code) || oneSideOnly(code) !== 2) graph1.add(code);
  }
  for (const code of inList) {
    if (!inWorld.has(code) || oneSideOnly(code) !== 1) graph2.add(code);
  }
  return { graph1, graph2 };
}

/** 1 = kept only in graph 1, 2 = kept only in graph 2, 0 = kept in both. */
export function oneSideOnly(code: string): 0 | 1 | 2 {
  const byte = createHash('sha256').update(`mmea-demo/one-side/${code}`).digest()[0];
  if (byte < 6) return 1;
  if (byte < 12) return 2;
  return 0;
}
