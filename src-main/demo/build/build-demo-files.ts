/**
 * Writes the demo project's source files: two Turtle graphs (and the image-node variant of graph 2), gold links,
 * the image mapping files, the flags themselves, and the attribution. Deterministic: the same installed packages
 * always give byte-identical files (everything sorted, no timestamps).
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attributionMarkdown, rdfHeader, type SourceVersions } from './attribution';
import { flagGold, pairKey, splitGold, textGold, type GoldPair } from './gold';
import { buildGraph1, countryIri1 } from './graph1';
import { buildGraph2, countryIri2, flagIri2 } from './graph2';
import { selectCountries } from './selection';
import { loadSourceData } from './source-data';
import { sortTriples, writeRdf, type DemoTriple } from './triples';
import { FOAF_DEPICTION, KG1_PREFIXES, KG2_PREFIXES, OWL_SAME_AS } from './vocabulary';

/** What a build wrote, for the build script's summary and the tests. */
export interface DemoBuildSummary {
  files: string[];
  graph1: { countries: number; triples: number; flags: number };
  graph2: { countries: number; triples: number; flags: number };
  graph2ImageNodes: { triples: number; flagNodes: number };
  gold: { country: number; capital: number; currency: number; flag: number };
  bytes: number;
}

/** The folder of an installed package, found the way Node looks (some packages export no package.json). */
function packageDir(name: string): string {
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = join(base, name);
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`The demo is built from the npm package ${name}, which is not installed (run npm install).`);
}

function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version: string }).version;
}

/** Builds every demo source file into `outDir` (created if needed; its generated parts are replaced). */
export function buildDemoFiles(outDir: string): DemoBuildSummary {
  const versions: SourceVersions = {
    worldCountries: packageVersion('world-countries'),
    countriesList: packageVersion('countries-list'),
    i18nIsoCountries: packageVersion('i18n-iso-countries'),
    flagIcons: packageVersion('flag-icons'),
    svgCountryFlags: packageVersion('svg-country-flags'),
  };
  const flags1Dir = join(packageDir('flag-icons'), 'flags', '4x3');
  const flags2Dir = join(packageDir('svg-country-flags'), 'png100px');
  const source = loadSourceData();
  const selection = selectCountries(source);
  const world = source.world.filter((c) => selection.graph1.has(c.cca2)).sort((a, b) => (a.cca2 < b.cca2 ? -1 : 1));
  const list = source.list.filter((c) => selection.graph2.has(c.code)).sort((a, b) => (a.code < b.code ? -1 : 1));
  const flag1 = (code: string): string => join(flags1Dir, `${code.toLowerCase()}.svg`);
  const flag2 = (code: string): string => join(flags2Dir, `${code.toLowerCase()}.png`);
  const flags1 = world.filter((c) => existsSync(flag1(c.cca2))).map((c) => c.cca2);
  const flags2 = list.filter((c) => existsSync(flag2(c.code))).map((c) => c.code);

  // Replace what earlier builds generated, so that a country dropped from the demo leaves no stale flag behind.
  for (const sub of ['images', 'licenses']) rmSync(join(outDir, sub), { recursive: true, force: true });
  mkdirSync(join(outDir, 'images', '1'), { recursive: true });
  mkdirSync(join(outDir, 'images', '2'), { recursive: true });
  mkdirSync(join(outDir, 'licenses'), { recursive: true });
  const files: string[] = [];
  let bytes = 0;
  const write = (name: string, content: string): void => {
    writeFileSync(join(outDir, name), content);
    files.push(name);
    bytes += Buffer.byteLength(content);
  };
  const copy = (from: string, name: string): void => {
    copyFileSync(from, join(outDir, name));
    files.push(name);
    bytes += readFileSync(from).length;
  };

  // Sorted and deduplicated up front so that the summary counts what the files contain.
  const g1 = sortTriples(buildGraph1(world));
  const g2 = sortTriples(buildGraph2(source, list));
  const g2Nodes = sortTriples(buildGraph2(source, list, new Set(flags2)));
  write('graph1.ttl', writeRdf(g1, 'turtle', KG1_PREFIXES, rdfHeader('graph 1 (world-countries, English)', versions)));
  write('graph2.ttl', writeRdf(g2, 'turtle', KG2_PREFIXES, rdfHeader('graph 2 (countries-list, French names)', versions)));
  write('graph2-image-nodes.ttl', writeRdf(g2Nodes, 'turtle', KG2_PREFIXES, rdfHeader('graph 2, flags as image entities', versions)));

  const text = textGold(world, list);
  const flagNodes = new Set(flags2);
  const flags = flagGold(world, flagNodes);
  const links = (pairs: GoldPair[], predicate: string): DemoTriple[] => pairs.map((p) => ({ s: p.left, p: predicate, o: { iri: p.right } }));
  write('links.nt', writeRdf(links(text, OWL_SAME_AS), 'n-triples'));
  write('links-image-nodes.nt', writeRdf(links(flags, FOAF_DEPICTION), 'n-triples'));
  const split = splitGold(text, flags);
  const splitLines = (pairs: GoldPair[]): string => pairs.map((p) => `${pairKey(p.left, p.right)}\t${split.get(pairKey(p.left, p.right))}`).sort().join('\n') + '\n';
  // Two files, because the flag pairs name image entities that only the image-node variant has.
  write('gold-splits.tsv', splitLines(text));
  write('gold-splits-image-nodes.tsv', splitLines(flags));

  write('images-1.tsv', mapping(flags1.map((code) => [countryIri1(world.find((c) => c.cca2 === code)!.cca3), `images/1/${code.toLowerCase()}.svg`])));
  write('images-2.tsv', mapping(flags2.map((code) => [countryIri2(code), `images/2/${code.toLowerCase()}.png`])));
  write('images-2-nodes.tsv', mapping(flags2.map((code) => [flagIri2(code), `images/2/${code.toLowerCase()}.png`])));
  for (const code of flags1) copy(flag1(code), `images/1/${code.toLowerCase()}.svg`);
  for (const code of flags2) copy(flag2(code), `images/2/${code.toLowerCase()}.png`);

  write('ATTRIBUTION.md', attributionMarkdown(versions));
  copy(join(packageDir('world-countries'), 'LICENSE'), 'licenses/world-countries-ODbL-1.0.txt');
  copy(join(packageDir('countries-list'), 'LICENSE'), 'licenses/countries-list-MIT.txt');
  copy(join(packageDir('i18n-iso-countries'), 'LICENSE'), 'licenses/i18n-iso-countries-MIT.txt');
  copy(join(packageDir('flag-icons'), 'LICENSE'), 'licenses/flag-icons-MIT.txt');

  const count = (what: GoldPair['what']): number => text.filter((p) => p.what === what).length;
  return {
    files: files.sort(),
    graph1: { countries: world.length, triples: g1.length, flags: flags1.length },
    graph2: { countries: list.length, triples: g2.length, flags: flags2.length },
    graph2ImageNodes: { triples: g2Nodes.length, flagNodes: flagNodes.size },
    gold: { country: count('country'), capital: count('capital'), currency: count('currency'), flag: flags.length },
    bytes,
  };
}

function mapping(rows: [string, string][]): string {
  return rows.map(([entity, path]) => `${entity}\t${path}`).sort().join('\n') + '\n';
}
