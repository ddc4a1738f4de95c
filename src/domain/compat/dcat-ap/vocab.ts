/**
 * The vocabularies DCAT-AP 3 describes datasets with, and how Plaza's own
 * values map onto the European Union's authority tables (ADR 45).
 */

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatap: 'http://data.europa.eu/r5r/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  locn: 'http://www.w3.org/ns/locn#',
  gsp: 'http://www.opengis.net/ont/geosparql#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
} as const;

export type Prefix = keyof typeof NS;

const EU = 'http://publications.europa.eu/resource/authority/';
export const EU_DATA_THEME_SCHEME = `${EU}data-theme`;
export const euDataTheme = (code: string): string => `${EU}data-theme/${code}`;
export const euFrequency = (code: string): string => `${EU}frequency/${code}`;
export const euLanguage = (code: string): string => `${EU}language/${code}`;
export const euAccessRight = (code: string): string => `${EU}access-right/${code}`;
export const euFileType = (code: string): string => `${EU}file-type/${code}`;
export const euAvailability = (code: string): string => `${EU}planned-availability/${code}`;
export const ianaMediaType = (type: string): string => `https://www.iana.org/assignments/media-types/${type}`;
export const admsPublisherType = (code: string): string => `http://purl.org/adms/publishertype/${code}`;
export const admsLicenceType = (code: string): string => `http://purl.org/adms/licencetype/${code}`;

/** The EU data themes, by code, with their English labels. */
export const EU_DATA_THEMES: Readonly<Record<string, string>> = {
  AGRI: 'Agriculture, fisheries, forestry and food',
  ECON: 'Economy and finance',
  EDUC: 'Education, culture and sport',
  ENER: 'Energy',
  ENVI: 'Environment',
  GOVE: 'Government and public sector',
  HEAL: 'Health',
  INTR: 'International issues',
  JUST: 'Justice, legal system and public safety',
  REGI: 'Regions and cities',
  SOCI: 'Population and society',
  TECH: 'Science and technology',
  TRAN: 'Transport',
};

/** Plaza's default themes (lowercased) → the EU data theme that says the same; the rest stay the site's own concepts only. */
const THEME_TO_EU: Readonly<Record<string, string>> = {
  'arts and culture': 'EDUC',
  'budget and finance': 'ECON',
  'business and economy': 'ECON',
  education: 'EDUC',
  environment: 'ENVI',
  government: 'GOVE',
  health: 'HEAL',
  'housing and development': 'REGI',
  'parks and recreation': 'EDUC',
  'public safety': 'JUST',
  'social services': 'SOCI',
  transportation: 'TRAN',
  transport: 'TRAN',
  energy: 'ENER',
  agriculture: 'AGRI',
};

/** The EU data theme code for a Plaza theme, when one says the same. */
export const euThemeOf = (theme: string): string | undefined => THEME_TO_EU[theme.trim().toLowerCase()];

/** The theme a dataset without any is filed under: a city's data is public-sector data. */
export const FALLBACK_EU_THEME = 'GOVE';

/** Plaza's frequency ids → the EU frequency table. */
export const FREQUENCY_TO_EU: Readonly<Record<string, string>> = {
  continuous: 'CONT',
  hourly: 'HOURLY',
  daily: 'DAILY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  quarterly: 'QUARTERLY',
  semiannual: 'ANNUAL_2',
  annual: 'ANNUAL',
  irregular: 'IRREG',
  never: 'NEVER',
};

/** ISO 639-1 → the EU language table's ISO 639-3 codes, for the languages cities publish in. */
export const LANGUAGE_TO_EU: Readonly<Record<string, string>> = {
  ar: 'ARA', bg: 'BUL', bn: 'BEN', ca: 'CAT', cs: 'CES', da: 'DAN', de: 'DEU', el: 'ELL', en: 'ENG', es: 'SPA', et: 'EST',
  eu: 'EUS', fa: 'FAS', fi: 'FIN', fr: 'FRA', ga: 'GLE', gl: 'GLG', he: 'HEB', hi: 'HIN', hr: 'HRV', ht: 'HAT', hu: 'HUN',
  it: 'ITA', ja: 'JPN', ko: 'KOR', lt: 'LIT', lv: 'LAV', mt: 'MLT', nl: 'NLD', no: 'NOR', pl: 'POL', pt: 'POR', ro: 'RON',
  ru: 'RUS', sk: 'SLK', sl: 'SLV', so: 'SOM', sv: 'SWE', tl: 'TGL', tr: 'TUR', uk: 'UKR', ur: 'URD', vi: 'VIE', zh: 'ZHO',
};

/** The EU language URI for a language tag (`en`, `pt-BR`), when the table has it. */
export function euLanguageOf(tag: string): string | undefined {
  const code = LANGUAGE_TO_EU[tag.toLowerCase().split('-')[0] ?? ''];
  return code ? euLanguage(code) : undefined;
}

/** Plaza's access levels → the EU access-right table. */
export const ACCESS_TO_EU: Readonly<Record<string, string>> = { public: 'PUBLIC', restricted: 'RESTRICTED', private: 'NON_PUBLIC' };

/** A format as Plaza names it → the EU file type and the IANA media type. */
export const FORMATS: Readonly<Record<string, { fileType: string; mediaType: string | null }>> = {
  csv: { fileType: 'CSV', mediaType: 'text/csv' },
  json: { fileType: 'JSON', mediaType: 'application/json' },
  ndjson: { fileType: 'JSON', mediaType: null },
  geojson: { fileType: 'GEOJSON', mediaType: 'application/geo+json' },
  xlsx: { fileType: 'XLSX', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  xls: { fileType: 'XLS', mediaType: 'application/vnd.ms-excel' },
  parquet: { fileType: 'PARQUET', mediaType: null },
  xml: { fileType: 'XML', mediaType: 'application/xml' },
  pdf: { fileType: 'PDF', mediaType: 'application/pdf' },
  html: { fileType: 'HTML', mediaType: 'text/html' },
  zip: { fileType: 'ZIP', mediaType: 'application/zip' },
  shp: { fileType: 'SHP', mediaType: null },
  kml: { fileType: 'KML', mediaType: 'application/vnd.google-earth.kml+xml' },
  txt: { fileType: 'TXT', mediaType: 'text/plain' },
};

/** The ADMS licence type of each Plaza license id. */
export const LICENSE_TYPE: Readonly<Record<string, string>> = {
  'cc-by-4.0': 'Attribution',
  'cc-by-sa-4.0': 'ShareAlike',
  'cc0-1.0': 'PublicDomain',
  'odc-by-1.0': 'Attribution',
  'odbl-1.0': 'ShareAlike',
  'pddl-1.0': 'PublicDomain',
  'ogl-uk-3.0': 'Attribution',
  'us-pd': 'PublicDomain',
  'other-open': 'UnknownIPR',
  'other-closed': 'UnknownIPR',
};

/** The license of the catalog's own metadata (the descriptions, not the data): CC0, so that any portal may harvest it. */
export const CATALOG_METADATA_LICENSE = 'cc0-1.0';
