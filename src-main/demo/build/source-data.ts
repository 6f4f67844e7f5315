/**
 * Reads the npm packages the demo is built from into plain records. Build-time only: these packages are
 * devDependencies and never load in the app itself.
 */
import worldCountries from 'world-countries';
import { continents, countries as clCountries, languages as clLanguages } from 'countries-list';
import { currencies as clCurrencies } from 'countries-list/currencies';
import i18nCountries from 'i18n-iso-countries';
import frLocale from 'i18n-iso-countries/langs/fr.json';

/** A country as world-countries describes it (graph 1). */
export interface WorldCountry {
  cca2: string;
  cca3: string;
  ccn3: string;
  nameCommon: string;
  nameOfficial: string;
  capitals: string[];
  region: string;
  subregion: string;
  /** ISO 639-3 code -> English name. */
  languages: Record<string, string>;
  /** ISO 4217 code -> { name, symbol }. */
  currencies: Record<string, { name: string; symbol: string }>;
  /** cca3 codes of bordering countries. */
  borders: string[];
  area: number;
  latlng: [number, number];
  landlocked: boolean;
  independent: boolean;
  unMember: boolean;
  tld: string[];
  callingCodes: string[];
  demonym: string | null;
}

/** A country as countries-list describes it, with its French name from i18n-iso-countries (graph 2). */
export interface ListCountry {
  code: string;
  nameFr: string;
  /** True when i18n-iso-countries has no French name and the English name stands in. */
  nameFrMissing: boolean;
  nativeName: string;
  capital: string;
  continent: string;
  /** ISO 639-1 codes. */
  languages: string[];
  /** ISO 4217 codes. */
  currencies: string[];
  phone: number[];
}

/** Everything the graph builders need, already normalised. */
export interface SourceData {
  world: WorldCountry[];
  list: ListCountry[];
  listLanguages: Record<string, { name: string; native: string; rtl: boolean }>;
  listCurrencies: Record<string, { name: string; native: string; symbol: string; numeric: string | null; decimals: number | null }>;
  continents: Record<string, string>;
}

/** Loads and normalises the source packages. */
export function loadSourceData(): SourceData {
  i18nCountries.registerLocale(frLocale);
  const world: WorldCountry[] = worldCountries.map((c) => ({
    cca2: c.cca2,
    cca3: c.cca3,
    ccn3: c.ccn3,
    nameCommon: c.name.common,
    nameOfficial: c.name.official,
    capitals: [...c.capital],
    region: c.region,
    subregion: c.subregion,
    languages: { ...c.languages },
    currencies: Object.fromEntries(Object.entries(c.currencies ?? {}).map(([k, v]) => [k, { name: v.name, symbol: v.symbol }])),
    borders: [...c.borders],
    area: c.area,
    latlng: c.latlng,
    landlocked: c.landlocked,
    independent: c.independent,
    unMember: c.unMember,
    tld: [...c.tld],
    callingCodes: c.idd.root ? c.idd.suffixes.map((s) => `${c.idd.root}${s}`) : [],
    demonym: c.demonyms?.eng?.m ?? null,
  }));
  const list: ListCountry[] = Object.entries(clCountries).map(([code, c]) => {
    const fr = i18nCountries.getName(code, 'fr');
    return {
      code,
      nameFr: fr ?? c.name,
      nameFrMissing: !fr,
      nativeName: c.native,
      capital: c.capital,
      continent: c.continent,
      languages: [...c.languages],
      currencies: [...c.currency],
      phone: [...c.phone],
    };
  });
  const listLanguages = Object.fromEntries(
    Object.entries(clLanguages).map(([code, l]) => [code, { name: l.name, native: l.native, rtl: Boolean((l as { rtl?: number }).rtl) }]),
  );
  const listCurrencies = Object.fromEntries(
    Object.entries(clCurrencies).map(([code, c]) => {
      const extra = c as { numeric?: string; decimals?: number; native?: string; symbol?: string };
      return [code, { name: c.name, native: extra.native ?? c.name, symbol: extra.symbol ?? code, numeric: extra.numeric ?? null, decimals: extra.decimals ?? null }];
    }),
  );
  return { world, list, listLanguages, listCurrencies, continents: { ...continents } };
}
