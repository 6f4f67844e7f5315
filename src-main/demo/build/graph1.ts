import type { WorldCountry } from './source-data';
import { iri, text, typed, type DemoTriple } from './triples';
import { KG1, RDFS_LABEL, slug } from './vocabulary';

const O = KG1.ontology;

/** IRI of a graph-1 country (by ISO alpha-3, as world-countries keys its borders). */
export const countryIri1 = (cca3: string): string => `${KG1.country}${cca3}`;
/** IRI of a graph-1 capital city: the name plus the country, since names like "Kingston" repeat. */
export const cityIri1 = (name: string, cca3: string): string => `${KG1.city}${slug(name)}_${cca3}`;
export const languageIri1 = (code: string): string => `${KG1.language}${code}`;
export const currencyIri1 = (code: string): string => `${KG1.currency}${code}`;
export const regionIri1 = (name: string): string => `${KG1.region}${slug(name)}`;

/**
 * Graph 1: world-countries in English. Countries with their capitals, official languages, currencies, region and
 * subregion, land borders, and literal attributes (ISO codes, area, coordinates, status, domains, dialling codes).
 */
export function buildGraph1(countries: readonly WorldCountry[]): DemoTriple[] {
  const out: DemoTriple[] = [];
  const add = (s: string, p: string, o: DemoTriple['o']): void => {
    out.push({ s, p, o });
  };
  const present = new Set(countries.map((c) => c.cca3));
  // Shared entities (languages, currencies, regions) are described once, from the first country in code order.
  const sorted = [...countries].sort((a, b) => (a.cca3 < b.cca3 ? -1 : 1));
  const described = new Set<string>();
  const once = (id: string, describe: () => void): void => {
    if (described.has(id)) return;
    described.add(id);
    describe();
  };

  for (const c of sorted) {
    const s = countryIri1(c.cca3);
    add(s, RDFS_LABEL, text(c.nameCommon, 'en'));
    add(s, `${O}officialName`, text(c.nameOfficial, 'en'));
    add(s, `${O}isoAlpha2`, text(c.cca2));
    add(s, `${O}isoAlpha3`, text(c.cca3));
    if (c.ccn3) add(s, `${O}isoNumeric`, text(c.ccn3));
    add(s, `${O}area`, typed(c.area, 'decimal'));
    add(s, `${O}latitude`, typed(c.latlng[0], 'decimal'));
    add(s, `${O}longitude`, typed(c.latlng[1], 'decimal'));
    add(s, `${O}landlocked`, typed(c.landlocked, 'boolean'));
    add(s, `${O}independent`, typed(c.independent, 'boolean'));
    add(s, `${O}unMember`, typed(c.unMember, 'boolean'));
    for (const tld of c.tld) add(s, `${O}topLevelDomain`, text(tld));
    for (const code of c.callingCodes) add(s, `${O}callingCode`, text(code));
    if (c.demonym) add(s, `${O}demonym`, text(c.demonym, 'en'));

    // Borders are listed on both countries in the source; both directions are kept, as the data says.
    for (const other of c.borders) if (present.has(other)) add(s, `${O}borders`, iri(countryIri1(other)));

    for (const capital of c.capitals) {
      const city = cityIri1(capital, c.cca3);
      add(s, `${O}capital`, iri(city));
      add(city, RDFS_LABEL, text(capital, 'en'));
    }
    for (const [code, name] of Object.entries(c.languages)) {
      add(s, `${O}officialLanguage`, iri(languageIri1(code)));
      once(`lang:${code}`, () => {
        add(languageIri1(code), RDFS_LABEL, text(name, 'en'));
        add(languageIri1(code), `${O}iso639_3`, text(code));
      });
    }
    for (const [code, cur] of Object.entries(c.currencies)) {
      add(s, `${O}currency`, iri(currencyIri1(code)));
      once(`cur:${code}`, () => {
        add(currencyIri1(code), RDFS_LABEL, text(cur.name, 'en'));
        add(currencyIri1(code), `${O}iso4217`, text(code));
        if (cur.symbol) add(currencyIri1(code), `${O}symbol`, text(cur.symbol));
      });
    }
    if (c.region) {
      add(s, `${O}region`, iri(regionIri1(c.region)));
      once(`region:${c.region}`, () => add(regionIri1(c.region), RDFS_LABEL, text(c.region, 'en')));
    }
    if (c.subregion) {
      add(s, `${O}subregion`, iri(regionIri1(c.subregion)));
      once(`subregion:${c.subregion}`, () => {
        add(regionIri1(c.subregion), RDFS_LABEL, text(c.subregion, 'en'));
        if (c.region) add(regionIri1(c.subregion), `${O}partOf`, iri(regionIri1(c.region)));
      });
    }
  }
  return out;
}
