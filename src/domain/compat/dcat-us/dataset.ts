import type { AccessLevel, Dataset, Organization, Resource, Version } from '../../catalog/types.ts';
import { frequencyById, licenseById } from '../../catalog/vocab.ts';
import { datasetPageUrl, downloadFormats, downloadUrl } from '../downloads.ts';

/** What one dataset of `data.json` is made from: a catalog entry. */
export interface PodSource {
  dataset: Dataset;
  organization: Organization | undefined;
  live: Version | undefined;
  resources: Resource[];
  /** A harvested dataset's identifier at its source, kept so that other catalogs meet it as the same dataset. */
  origin?: { identifier: string };
}

/** Where the catalog lives and who runs it. */
export interface PodSite {
  baseUrl: string;
  name: string;
}

/** A DCAT-US 1.1 (Project Open Data) dataset, as the non-federal schema describes it. */
export type PodDataset = Record<string, unknown>;

/** Plaza's access levels in POD's words (ADR 44). */
export const POD_ACCESS_LEVEL: Readonly<Record<AccessLevel, string>> = {
  public: 'public',
  restricted: 'restricted public',
  private: 'non-public',
};

/** The e-mail pattern of POD's vCard: an address it refuses is left out rather than written wrong. */
const POD_EMAIL = /^[\w.-]+@[\w.-]+\.[\w.-]+$/;

/** POD requires at least one keyword: the dataset's own, else its themes, else its publisher's name (ADR 44). */
export function podKeywords(dataset: Dataset, publisher: string): string[] {
  const own = dataset.keywords.filter((k) => k.trim() !== '');
  if (own.length) return [...new Set(own)];
  const themes = dataset.themes.filter((k) => k.trim() !== '');
  return themes.length ? [...new Set(themes)] : [publisher];
}

/** POD requires a contact: the dataset's own, else its organization by name (ADR 44). */
export function podContact(dataset: Dataset, publisher: string): Record<string, string> {
  const c = dataset.contactPoint;
  const fn = c?.name.trim() || publisher;
  const email = c?.email.trim() ?? '';
  return { '@type': 'vcard:Contact', fn, ...(POD_EMAIL.test(email) ? { hasEmail: `mailto:${email}` } : {}) };
}

/** `w,s,e,n` for a bounding box, else the place's name. */
export function podSpatial(dataset: Dataset): string | undefined {
  const s = dataset.spatial;
  if (s?.bbox) return s.bbox.join(',');
  return s?.place?.trim() || undefined;
}

/** `start/end` when both ends are known: POD's interval has no open end. */
export function podTemporal(dataset: Dataset): string | undefined {
  const t = dataset.temporal;
  return t?.start && t.end ? `${t.start}/${t.end}` : undefined;
}

const nonEmpty = <T>(xs: T[]): T[] | undefined => (xs.length ? xs : undefined);

/** One distribution per download of the live version, the records API, then each link and service. */
function distributions(src: PodSource, site: PodSite): Record<string, unknown>[] {
  const { dataset, live, resources } = src;
  const out: Record<string, unknown>[] = [];
  // Restricted data needs a signed-in reader: its files are not direct downloads for a harvester.
  const direct = dataset.accessLevel === 'public';
  for (const f of direct ? downloadFormats(live) : []) {
    out.push({ '@type': 'dcat:Distribution', title: `${dataset.title} (${f.title})`, format: f.title, mediaType: f.mediaType, downloadURL: downloadUrl(site.baseUrl, dataset.slug, f.format) });
  }
  if (live) {
    out.push({
      '@type': 'dcat:Distribution',
      title: `${dataset.title} (records API)`,
      description: 'Query the rows: filters, sorting, grouping and paging (JSON).',
      format: 'API',
      mediaType: 'application/json',
      accessURL: `${site.baseUrl}/api/v1/datasets/${encodeURIComponent(dataset.slug)}/records`,
      describedBy: `${site.baseUrl}/api/v1/openapi.json`,
    });
  }
  for (const r of resources) {
    if (r.kind === 'file' || !r.sourceUrl) continue;
    out.push({
      '@type': 'dcat:Distribution',
      title: r.name || r.sourceUrl,
      ...(r.description ? { description: r.description } : {}),
      ...(r.format ? { format: r.format } : r.kind === 'api' ? { format: 'API' } : {}),
      accessURL: r.sourceUrl,
    });
  }
  return out;
}

/** A dataset as a DCAT-US 1.1 `dcat:Dataset` (docs/standards.md, ADR 44). */
export function podDataset(src: PodSource, site: PodSite): PodDataset {
  const { dataset, organization, live } = src;
  const publisher = dataset.publisher?.trim() || organization?.name || site.name;
  const page = datasetPageUrl(site.baseUrl, dataset.slug);
  const license = licenseById(dataset.license);
  const frequency = frequencyById(dataset.frequency);
  const issued = dataset.issued ?? dataset.publishedAt;
  const dist = distributions(src, site);
  const entry: PodDataset = {
    '@type': 'dcat:Dataset',
    title: dataset.title,
    description: dataset.description.trim() || dataset.title,
    keyword: podKeywords(dataset, publisher),
    modified: dataset.dataUpdatedAt ?? dataset.updatedAt,
    publisher: { '@type': 'org:Organization', name: publisher },
    contactPoint: podContact(dataset, publisher),
    identifier: src.origin?.identifier ?? page,
    accessLevel: POD_ACCESS_LEVEL[dataset.accessLevel],
    ...(dataset.accessLevel === 'restricted' ? { rights: `Anyone may read this description; the data itself is for signed-in accounts: sign in at ${site.baseUrl}/sign-in, then download it from ${page}.` } : {}),
    ...(license ? { license: license.url } : {}),
    ...(podSpatial(dataset) ? { spatial: podSpatial(dataset) } : {}),
    ...(podTemporal(dataset) ? { temporal: podTemporal(dataset) } : {}),
    ...(frequency?.iso ? { accrualPeriodicity: frequency.iso } : {}),
    ...(issued ? { issued } : {}),
    ...(nonEmpty(dataset.language) ? { language: [...new Set(dataset.language)] } : {}),
    ...(nonEmpty(dataset.themes) ? { theme: [...new Set(dataset.themes)] } : {}),
    landingPage: page,
    ...(live ? { describedBy: `${page}/datapackage.json`, describedByType: 'application/json' } : {}),
    ...(dist.length ? { distribution: dist } : {}),
  };
  return entry;
}

/** The catalog's opening, up to the `[` of its datasets: the rest is streamed one dataset at a time. */
export function podCatalogHead(site: PodSite): string {
  const head = {
    '@context': 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld',
    '@id': `${site.baseUrl}/data.json`,
    '@type': 'dcat:Catalog',
    conformsTo: 'https://project-open-data.cio.gov/v1.1/schema',
    describedBy: 'https://project-open-data.cio.gov/v1.1/schema/catalog.json',
  };
  const json = JSON.stringify(head);
  return `${json.slice(0, -1)},"dataset":[`;
}

export const POD_CATALOG_TAIL = ']}\n';
