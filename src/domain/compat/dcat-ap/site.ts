import { describeAgent, describeEuTheme, describeLicense } from './nodes.ts';
import { dateLiteral, iri, text, Triples, typed } from './terms.ts';
import { CATALOG_METADATA_LICENSE, euDataTheme, EU_DATA_THEME_SCHEME, euLanguageOf, euThemeOf } from './vocab.ts';

/** What the catalog says of the site itself. */
export interface DcatSite {
  /** The site's address, without a trailing slash. */
  baseUrl: string;
  name: string;
  /** The languages offered, the main one first (BCP 47 tags). */
  languages: string[];
  /** The site's themes, in its own words. */
  themes: string[];
}

/** When the catalog began and last changed. */
export interface CatalogDates {
  issued: string;
  modified: string;
}

/** Hydra paging of the catalog: 1-based page numbers. */
export interface CatalogPaging {
  page: number;
  perPage: number;
  total: number;
  /** The address of the listing without `page` (its other parameters kept), to add `page=N` to. */
  pageUrl: (page: number) => string;
}

export const catalogIri = (site: DcatSite): string => `${site.baseUrl}/catalog`;
export const dataServiceIri = (site: DcatSite): string => `${site.baseUrl}/api/v1#service`;
export const themeSchemeIri = (site: DcatSite): string => `${site.baseUrl}/themes`;
export const ownThemeIri = (site: DcatSite, theme: string): string => `${themeSchemeIri(site)}#${encodeURIComponent(theme.trim().toLowerCase().replace(/\s+/g, '-'))}`;
/** The area the site's data covers, named by the site: the fallback of a dataset that gives no place. */
export const siteAreaIri = (site: DcatSite): string => `${site.baseUrl}/catalog#area`;

/**
 * The catalog's own statements: the catalog, its publisher, its theme
 * taxonomies (the EU data themes and the site's own scheme), the records API
 * as a data service, and Hydra paging when the listing is paged.
 */
export function catalogTriples(site: DcatSite, dates: CatalogDates, paging?: CatalogPaging): Triples {
  const t = new Triples();
  const cat = iri(catalogIri(site));
  const lang = site.languages[0] ?? 'en';
  t.a(cat, ['dcat', 'Catalog']);
  t.add(cat, ['dct', 'title'], text(site.name, lang));
  t.add(cat, ['dct', 'description'], text(`The open data catalog of ${site.name}.`, 'en'));
  t.add(cat, ['foaf', 'homepage'], iri(`${site.baseUrl}/`));
  t.a(iri(`${site.baseUrl}/`), ['foaf', 'Document']);
  t.add(cat, ['dct', 'issued'], dateLiteral(dates.issued)).add(cat, ['dct', 'modified'], dateLiteral(dates.modified));
  const languages = new Set(site.languages.flatMap((l) => euLanguageOf(l) ?? []));
  for (const l of languages.size ? languages : new Set([euLanguageOf('en') ?? ''])) t.add(cat, ['dct', 'language'], iri(l)).a(iri(l), ['dct', 'LinguisticSystem']);
  const publisher = iri(`${site.baseUrl}/#publisher`);
  t.add(cat, ['dct', 'publisher'], publisher);
  describeAgent(t, publisher, site.name);
  const license = describeLicense(t, CATALOG_METADATA_LICENSE);
  if (license) t.add(cat, ['dct', 'license'], iri(license));
  const area = iri(siteAreaIri(site));
  t.add(cat, ['dct', 'spatial'], area).text(area, ['locn', 'geographicName'], site.name);

  // Theme taxonomies: the EU data themes and the site's own words.
  const eu = iri(EU_DATA_THEME_SCHEME);
  t.add(cat, ['dcat', 'themeTaxonomy'], eu).a(eu, ['skos', 'ConceptScheme']).add(eu, ['dct', 'title'], text('Data theme', 'en'));
  const own = iri(themeSchemeIri(site));
  t.add(cat, ['dcat', 'themeTaxonomy'], own).a(own, ['skos', 'ConceptScheme']).add(own, ['dct', 'title'], text(`Themes of ${site.name}`, lang));
  const euCodes = new Set<string>(['GOVE']);
  for (const theme of site.themes) {
    const c = iri(ownThemeIri(site, theme));
    t.a(c, ['skos', 'Concept']).add(c, ['skos', 'prefLabel'], text(theme, lang)).add(c, ['skos', 'inScheme'], own);
    const code = euThemeOf(theme);
    if (code) {
      t.add(c, ['skos', 'exactMatch'], iri(euDataTheme(code)));
      euCodes.add(code);
    }
  }
  for (const code of euCodes) describeEuTheme(t, code);

  serviceTriples(t, site, lang);
  t.add(cat, ['dcat', 'service'], iri(dataServiceIri(site)));
  if (paging) pagingTriples(t, cat, paging);
  return t;
}

/** The records API as a dcat:DataService: what the recommended shapes ask of one. */
function serviceTriples(t: Triples, site: DcatSite, lang: string): void {
  const s = iri(dataServiceIri(site));
  t.a(s, ['dcat', 'DataService']);
  t.add(s, ['dct', 'title'], text(`${site.name} records API`, lang));
  t.add(s, ['dct', 'description'], text('Query the records of every dataset: filters, sorting, grouping and paging, as JSON, CSV or GeoJSON.', 'en'));
  t.add(s, ['dcat', 'endpointURL'], iri(`${site.baseUrl}/api/v1`));
  t.add(s, ['dcat', 'endpointDescription'], iri(`${site.baseUrl}/api/v1/openapi.json`));
  t.add(s, ['dct', 'conformsTo'], iri('https://spec.openapis.org/oas/v3.1.0')).a(iri('https://spec.openapis.org/oas/v3.1.0'), ['dct', 'Standard']);
  t.add(s, ['dct', 'publisher'], iri(`${site.baseUrl}/#publisher`));
  const contact = iri(`${site.baseUrl}/#contact`);
  t.add(s, ['dcat', 'contactPoint'], contact).a(contact, ['vcard', 'Kind']).a(contact, ['vcard', 'Organization']).add(contact, ['vcard', 'fn'], text(site.name)).add(contact, ['vcard', 'hasURL'], iri(`${site.baseUrl}/`));
  t.add(s, ['dcat', 'theme'], iri(euDataTheme('GOVE')));
  for (const k of ['open data', 'API']) t.add(s, ['dcat', 'keyword'], text(k, 'en'));
  t.add(s, ['dcat', 'landingPage'], iri(`${site.baseUrl}/api/reference`));
  t.a(iri(`${site.baseUrl}/api/reference`), ['foaf', 'Document']);
}

/** Hydra paging as ckanext-dcat writes it: a hydra:PagedCollection node that is the page's own address. */
function pagingTriples(t: Triples, cat: ReturnType<typeof iri>, p: CatalogPaging): void {
  const last = Math.max(1, Math.ceil(p.total / p.perPage));
  const view = iri(p.pageUrl(p.page));
  const int = (n: number) => typed(String(n), 'integer');
  t.a(view, ['hydra', 'PagedCollection']).a(view, ['hydra', 'PartialCollectionView']);
  t.add(view, ['hydra', 'totalItems'], int(p.total)).add(view, ['hydra', 'itemsPerPage'], int(p.perPage));
  t.add(view, ['hydra', 'firstPage'], text(p.pageUrl(1))).add(view, ['hydra', 'lastPage'], text(p.pageUrl(last)));
  if (p.page > 1) t.add(view, ['hydra', 'previousPage'], text(p.pageUrl(Math.min(p.page - 1, last))));
  if (p.page < last) t.add(view, ['hydra', 'nextPage'], text(p.pageUrl(p.page + 1)));
  // Hydra's current terms beside the ones ckanext-dcat writes, for clients of either.
  t.add(view, ['hydra', 'first'], iri(p.pageUrl(1))).add(view, ['hydra', 'last'], iri(p.pageUrl(last)));
  if (p.page > 1) t.add(view, ['hydra', 'previous'], iri(p.pageUrl(Math.min(p.page - 1, last))));
  if (p.page < last) t.add(view, ['hydra', 'next'], iri(p.pageUrl(p.page + 1)));
  t.add(cat, ['hydra', 'view'], view);
}
