/**
 * `npm run demo:build`: regenerates resources/demo (the built-in demo project's sources) from npm packages.
 * Run it after upgrading world-countries, countries-list, i18n-iso-countries, flag-icons or svg-country-flags,
 * and commit the result; the app builds its demo project file from resources/demo on first use.
 */
import { join } from 'node:path';
import { buildDemoFiles } from '../demo/build/build-demo-files';

const outDir = process.argv[2] ?? join(__dirname, '..', '..', 'resources', 'demo');
const summary = buildDemoFiles(outDir);
console.log(`demo sources written to ${outDir}: ${summary.files.length} files, ${(summary.bytes / 1e6).toFixed(2)} MB`);
console.log(`  graph 1: ${summary.graph1.countries} countries, ${summary.graph1.triples} triples, ${summary.graph1.flags} flags (SVG)`);
console.log(`  graph 2: ${summary.graph2.countries} countries, ${summary.graph2.triples} triples, ${summary.graph2.flags} flags (PNG)`);
console.log(`  graph 2 image-node variant: ${summary.graph2ImageNodes.triples} triples, ${summary.graph2ImageNodes.flagNodes} flag nodes`);
const g = summary.gold;
console.log(`  gold: ${g.country} countries, ${g.capital} capitals, ${g.currency} currencies (owl:sameAs); ${g.flag} country-flag (text-image)`);
