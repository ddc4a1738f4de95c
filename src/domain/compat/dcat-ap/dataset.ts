import { DataFactory, type Quad_Subject } from 'n3';
import type { Dataset, Organization, Resource, Version } from '../../catalog/types.ts';
import { frequencyById } from '../../catalog/vocab.ts';
import { describeAgent, describeEuTheme, describeLicense } from './nodes.ts';
import { dateLiteral, iri, term, text, Triples, typed } from './terms.ts';
import { ACCESS_TO_EU, euAccessRight, euAvailability, euDataTheme, euFileType, euFrequency, euLanguageOf, euThemeOf, FALLBACK_EU_THEME, FORMATS, FREQUENCY_TO_EU, ianaMediaType } from './vocab.ts';
import { catalogIri, dataServiceIri, ownThemeIri, siteAreaIri, type DcatSite } from './site.ts';

/** What DCAT-AP describes of one dataset: the same shape as the catalog pages' entries. */
export interface DcatEntry {
  dataset: Dataset;
  organization: Organization | undefined;
  live: Version | undefined;
  resources: Resource[];
  /** A harvested dataset's identifier at its source. */
  origin?: { identifier: string };
}

export const datasetPage = (site: DcatSite, slug: string): string => `${site.baseUrl}/datasets/${encodeURIComponent(slug)}`;
export const datasetIri = (site: DcatSite, slug: string): string => `${datasetPage(site, slug)}#dataset`;
export const organizationIri = (site: DcatSite, o: Organization): string => `${site.baseUrl}/organizations/${encodeURIComponent(o.slug)}#agent`;

const day = (instant: string): string => instant.slice(0, 10);

/** The statements tying a dataset into the catalog: `dcat:dataset` and the records API's `dcat:servesDataset`. */
export function datasetMembership(site: DcatSite, e: DcatEntry): Triples {
  const ds = iri(datasetIri(site, e.dataset.slug));
  return new Triples().add(iri(catalogIri(site)), ['dcat', 'dataset'], ds).add(iri(dataServiceIri(site)), ['dcat', 'servesDataset'], ds);
}

/**
 * Every statement about one dataset as DCAT-AP 3.0.1 wants it (ADR 45):
 * the dataset, its publisher, contact, themes, coverage, license and
 * distributions. Recommended properties Plaza has no value for get the
 * fallbacks the ADR lists.
 */
export function datasetTriples(site: DcatSite, e: DcatEntry): Triples {
  const { dataset: d, organization: org } = e;
  const t = new Triples();
  const page = datasetPage(site, d.slug);
  const ds = iri(datasetIri(site, d.slug));
  const lang = site.languages[0] ?? 'en';
  t.a(ds, ['dcat', 'Dataset']);
  t.add(ds, ['dct', 'title'], text(d.title, lang));
  t.add(ds, ['dct', 'description'], text(d.description.trim() || d.title, lang));
  t.add(ds, ['dct', 'identifier'], text(e.origin?.identifier ?? page));
  t.add(ds, ['dcat', 'landingPage'], iri(page));
  t.a(iri(page), ['foaf', 'Document']);
  t.add(ds, ['dct', 'issued'], dateLiteral(d.issued ?? d.publishedAt ?? d.createdAt));
  t.add(ds, ['dct', 'modified'], dateLiteral(d.updatedAt));
  const rights = iri(euAccessRight(ACCESS_TO_EU[d.accessLevel] ?? 'PUBLIC'));
  t.add(ds, ['dct', 'accessRights'], rights).a(rights, ['dct', 'RightsStatement']);
  const languages = (d.language.length ? d.language : [lang]).flatMap((l) => euLanguageOf(l) ?? []);
  for (const l of new Set(languages)) t.add(ds, ['dct', 'language'], iri(l)).a(iri(l), ['dct', 'LinguisticSystem']);
  const frequency = frequencyById(d.frequency);
  const euFrequencyCode = frequency ? FREQUENCY_TO_EU[frequency.id] : undefined;
  if (euFrequencyCode) t.add(ds, ['dct', 'accrualPeriodicity'], iri(euFrequency(euFrequencyCode))).a(iri(euFrequency(euFrequencyCode)), ['dct', 'Frequency']);

  // Keywords: the publisher's, else the themes, else the organization's name.
  const keywords = d.keywords.length ? d.keywords : d.themes.length ? d.themes : [org?.name ?? site.name];
  for (const k of keywords) t.add(ds, ['dcat', 'keyword'], text(k, lang));

  // Publisher: the named publisher, else the organization.
  const publisher = iri(org ? organizationIri(site, org) : `${site.baseUrl}/#publisher`);
  t.add(ds, ['dct', 'publisher'], publisher);
  describeAgent(t, publisher, d.publisher ?? org?.name ?? site.name);

  // Contact: the named contact, else the organization by its page.
  const contact = iri(`${page}#contact`);
  t.add(ds, ['dcat', 'contactPoint'], contact);
  t.a(contact, ['vcard', 'Kind']).a(contact, ['vcard', 'Organization']).text(contact, ['vcard', 'fn'], d.contactPoint?.name ?? org?.name ?? site.name);
  if (d.contactPoint?.email) t.add(contact, ['vcard', 'hasEmail'], iri(`mailto:${d.contactPoint.email}`));
  else t.add(contact, ['vcard', 'hasURL'], iri(org ? `${site.baseUrl}/organizations/${encodeURIComponent(org.slug)}` : page));

  // Themes: the site's own concept, and the EU data theme that says the same; a city's data is public-sector data when no theme is given.
  const euCodes = new Set(d.themes.flatMap((th) => euThemeOf(th) ?? []));
  if (euCodes.size === 0 && d.themes.length === 0) euCodes.add(FALLBACK_EU_THEME);
  for (const th of d.themes) t.add(ds, ['dcat', 'theme'], iri(ownThemeIri(site, th)));
  for (const code of euCodes) {
    t.add(ds, ['dcat', 'theme'], iri(euDataTheme(code)));
    describeEuTheme(t, code);
  }

  spatialTriples(t, site, ds, page, d);
  temporalTriples(t, ds, page, d);
  distributionTriples(t, site, e);
  return t;
}

function spatialTriples(t: Triples, site: DcatSite, ds: Quad_Subject, page: string, d: Dataset): void {
  const bbox = d.spatial?.bbox;
  if (bbox) {
    const loc = iri(`${page}#spatial`);
    const [w, s, e, n] = bbox;
    const wkt = `POLYGON((${w} ${s},${e} ${s},${e} ${n},${w} ${n},${w} ${s}))`;
    t.add(ds, ['dct', 'spatial'], loc).a(loc, ['dct', 'Location']);
    t.add(loc, ['dcat', 'bbox'], typedWkt(wkt)).add(loc, ['dcat', 'centroid'], typedWkt(`POINT(${(w + e) / 2} ${(s + n) / 2})`));
    t.text(loc, ['locn', 'geographicName'], d.spatial?.place);
    return;
  }
  // Without coordinates there is no bbox or centroid to give: the place is named, untyped (ADR 45).
  if (d.spatial?.place) {
    const place = iri(`${page}#place`);
    t.add(ds, ['dct', 'spatial'], place).text(place, ['locn', 'geographicName'], d.spatial.place);
  } else t.add(ds, ['dct', 'spatial'], iri(siteAreaIri(site)));
}

/** A geometry as GeoSPARQL's WKT literal, in WGS 84 longitude, latitude order (the WKT default). */
const typedWkt = (wkt: string) => DataFactory.literal(wkt, term('gsp', 'wktLiteral'));

function temporalTriples(t: Triples, ds: Quad_Subject, page: string, d: Dataset): void {
  // The coverage the publisher gave; an open end runs to the last data update, an open start from the first issue.
  const start = d.temporal?.start ?? day(d.issued ?? d.publishedAt ?? d.createdAt);
  const end = d.temporal?.end ?? day(d.dataUpdatedAt ?? d.updatedAt);
  const period = iri(`${page}#temporal`);
  t.add(ds, ['dct', 'temporal'], period).a(period, ['dct', 'PeriodOfTime']);
  t.add(period, ['dcat', 'startDate'], typed(start <= end ? start : end, 'date')).add(period, ['dcat', 'endDate'], typed(start <= end ? end : start, 'date'));
}

function distributionTriples(t: Triples, site: DcatSite, e: DcatEntry): void {
  const { dataset: d } = e;
  const page = datasetPage(site, d.slug);
  const ds = iri(datasetIri(site, d.slug));
  const license = d.license ? describeLicense(t, d.license) : undefined;
  const api = `${site.baseUrl}/api/v1/datasets/${encodeURIComponent(d.slug)}`;
  const add = (id: string, o: { title: string; description: string; access: string; download?: string; format: string | null; size?: number | null; modified?: string; stable: boolean; service?: boolean }) => {
    const dist = iri(`${page}#${id}`);
    t.add(ds, ['dcat', 'distribution'], dist).a(dist, ['dcat', 'Distribution']);
    t.text(dist, ['dct', 'title'], o.title).add(dist, ['dct', 'description'], text(o.description.trim() || o.title));
    t.add(dist, ['dcat', 'accessURL'], iri(o.access));
    if (o.download) t.add(dist, ['dcat', 'downloadURL'], iri(o.download));
    const format = FORMATS[(o.format ?? '').toLowerCase()];
    const fileType = iri(euFileType(format?.fileType ?? 'OCTET'));
    t.add(dist, ['dct', 'format'], fileType).a(fileType, ['dct', 'MediaTypeOrExtent']);
    if (format?.mediaType) t.add(dist, ['dcat', 'mediaType'], iri(ianaMediaType(format.mediaType))).a(iri(ianaMediaType(format.mediaType)), ['dct', 'MediaType']);
    if (license) t.add(dist, ['dct', 'license'], iri(license));
    if (o.size != null) t.add(dist, ['dcat', 'byteSize'], typed(String(o.size), 'nonNegativeInteger'));
    if (o.modified) t.add(dist, ['dct', 'modified'], dateLiteral(o.modified));
    const availability = iri(euAvailability(o.stable ? 'STABLE' : 'AVAILABLE'));
    t.add(dist, ['dcatap', 'availability'], availability).a(availability, ['skos', 'Concept']).add(availability, ['skos', 'prefLabel'], text(o.stable ? 'Stable' : 'Available', 'en'));
    if (o.service) t.add(dist, ['dcat', 'accessService'], iri(dataServiceIri(site)));
  };
  if (e.live?.status === 'ready') {
    const modified = e.live.completedAt ?? d.dataUpdatedAt ?? d.updatedAt;
    const rows = e.live.rowCount ?? 0;
    add('csv', { title: `${d.title} (CSV)`, description: `Every record (${rows}) of the live version, as CSV.`, access: page, download: `${api}/export/csv`, format: 'csv', modified, stable: true });
    add('records', { title: `${d.title} (records API)`, description: 'The records as JSON through Plaza’s records API, with filters, sorting and paging.', access: `${api}/records`, format: 'json', modified, stable: true, service: true });
  }
  for (const r of e.resources) {
    if (r.kind === 'file' && e.live?.resourceId !== r.id) continue;
    const access = r.kind === 'file' ? page : (r.sourceUrl ?? page);
    add(`resource-${r.id}`, {
      title: r.name || d.title,
      description: r.description || (r.kind === 'file' ? `The file the live version was loaded from.` : r.kind === 'api' ? 'A service elsewhere that serves this data.' : 'A page or document elsewhere about this data.'),
      access,
      ...(r.kind === 'file' && r.sourceUrl ? { download: r.sourceUrl } : {}),
      format: r.format,
      size: r.sizeBytes,
      modified: r.createdAt,
      stable: false,
    });
  }
  // A published dataset has a resource; one whose data is not loaded yet still says where to find it.
  if (!t.quads.some((q) => q.predicate.value.endsWith('#distribution'))) add('page', { title: d.title, description: 'The dataset’s page.', access: page, format: 'html', stable: false });
}
