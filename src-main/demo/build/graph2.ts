import { createHash } from 'node:crypto';
import type { ListCountry, SourceData } from './source-data';
import { iri, text, typed, type DemoTriple } from './triples';
import { FOAF_DEPICTS, KG2, RDF_TYPE, RDFS_LABEL, SCHEMA_IMAGE_OBJECT, slug } from './vocabulary';

const V = KG2.vocabulaire;

export const countryIri2 = (code: string): string => `${KG2.pays}${code}`;
export const cityIri2 = (name: string, code: string): string => `${KG2.ville}${slug(name)}_${code}`;
export const languageIri2 = (code: string): string => `${KG2.langue}${code}`;
export const currencyIri2 = (code: string): string => `${KG2.monnaie}${code}`;
export const continentIri2 = (code: string): string => `${KG2.continent}${code}`;
/**
 * IRI of a flag image node (image-node variant only). Its local name is an opaque hash, not the country code:
 * importers label unlabelled entities from their IRI, and a label "FR" would hand the name features the answer
 * that text-image matching is meant to find from the picture.
 */
export const flagIri2 = (code: string): string => {
  // Digits only: hex could spell a code by chance ("af…" for Afghanistan), digits share no n-gram with any label.
  const digits = [...createHash('sha256').update(`mmea-demo/flag/${code}`).digest().subarray(0, 10)].map((b) => b % 10).join('');
  return `${KG2.drapeau}${digits}`;
};

/** French names of countries-list's seven continents (the package names them in English only). */
export const CONTINENTS_FR: Record<string, string> = {
  AF: 'Afrique',
  AN: 'Antarctique',
  AS: 'Asie',
  EU: 'Europe',
  NA: 'Amérique du Nord',
  OC: 'Océanie',
  SA: 'Amérique du Sud',
};

/**
 * Graph 2: countries-list with French country names from i18n-iso-countries. A different source with different
 * attributes (native name, dialling prefix) and relations (no borders; continents instead of UN regions).
 * `flagNodes` lists the codes whose flag becomes an image entity of its own (the image-node variant): the flag is
 * typed schema:ImageObject and linked to its country by foaf:depicts; it has no label and an opaque, digits-only IRI, so
 * matching it to a country must come from the picture and the structure, not from a name.
 */
export function buildGraph2(source: SourceData, countries: readonly ListCountry[], flagNodes: ReadonlySet<string> = new Set()): DemoTriple[] {
  const out: DemoTriple[] = [];
  const add = (s: string, p: string, o: DemoTriple['o']): void => {
    out.push({ s, p, o });
  };
  for (const c of countries) {
    const s = countryIri2(c.code);
    // Two territories have no French name in i18n-iso-countries: their English name stands in, untagged.
    add(s, RDFS_LABEL, c.nameFrMissing ? text(c.nameFr) : text(c.nameFr, 'fr'));
    if (c.nativeName) add(s, `${V}nomNatif`, text(c.nativeName));
    for (const phone of c.phone) add(s, `${V}indicatifTelephonique`, typed(phone, 'integer'));
    if (c.capital) {
      const city = cityIri2(c.capital, c.code);
      add(s, `${V}capitale`, iri(city));
      add(city, RDFS_LABEL, text(c.capital));
    }
    for (const code of c.languages) {
      add(s, `${V}langue`, iri(languageIri2(code)));
      const lang = source.listLanguages[code];
      add(languageIri2(code), RDFS_LABEL, text(lang?.native ?? code));
      add(languageIri2(code), `${V}codeIso639_1`, text(code));
      if (lang?.rtl) add(languageIri2(code), `${V}ecritureDeDroiteAGauche`, typed(true, 'boolean'));
    }
    for (const code of c.currencies) {
      add(s, `${V}monnaie`, iri(currencyIri2(code)));
      const cur = source.listCurrencies[code];
      add(currencyIri2(code), RDFS_LABEL, text(cur?.native ?? code));
      add(currencyIri2(code), `${V}codeIso4217`, text(code));
      if (cur?.symbol) add(currencyIri2(code), `${V}symbole`, text(cur.symbol));
      if (cur?.numeric) add(currencyIri2(code), `${V}codeNumerique`, text(cur.numeric));
      if (cur?.decimals !== null && cur?.decimals !== undefined) add(currencyIri2(code), `${V}decimales`, typed(cur.decimals, 'integer'));
    }
    add(s, `${V}continent`, iri(continentIri2(c.continent)));
    add(continentIri2(c.continent), RDFS_LABEL, text(CONTINENTS_FR[c.continent] ?? source.continents[c.continent] ?? c.continent, 'fr'));
    if (flagNodes.has(c.code)) {
      add(flagIri2(c.code), RDF_TYPE, iri(SCHEMA_IMAGE_OBJECT));
      add(flagIri2(c.code), FOAF_DEPICTS, iri(s));
    }
  }
  return out;
}
