import type { DatasetDetail, DatasetSummary, SearchPage } from '../../../actions/catalog/read-datasets.ts';
import type { HarvestMark } from '../../../actions/harvest/marks.ts';
import type { Freshness } from '../../../domain/catalog/freshness.ts';
import type { Dataset, DictionaryEntry, Resource, Version } from '../../../domain/catalog/types.ts';
import { roleOf } from '../../../domain/table/roles.ts';
import { ACCESS_LEVELS, DATASET_STATUSES, FREQUENCIES, frequencyById, LICENSES, licenseById } from '../../../domain/catalog/vocab.ts';
import { presentMark } from '../harvest/present.ts';

const api = (slug: string) => `/api/v1/datasets/${slug}`;

export function presentVersion(slug: string, v: Version) {
  return {
    number: v.number,
    id: v.id,
    status: v.status,
    rows: v.rowCount,
    rejected: v.rejectedCount,
    source: v.source,
    type_overrides: v.typeOverrides,
    error: v.error,
    created_at: v.createdAt,
    completed_at: v.completedAt,
    links:
      v.status === 'ready'
        ? {
            records: `${api(slug)}/records?version=${v.number}`,
            csv: `${api(slug)}/export/csv?version=${v.number}`,
            parquet: `${api(slug)}/export/parquet?version=${v.number}`,
            ...(v.rejectsKey ? { rejects: `${api(slug)}/versions/${v.number}/rejects.csv` } : {}),
          }
        : {},
  };
}

export function presentResource(r: Resource) {
  return { id: r.id, kind: r.kind, name: r.name, description: r.description, url: r.sourceUrl, format: r.format, size_bytes: r.sizeBytes, created_at: r.createdAt };
}

export const presentFreshness = (f: Freshness) => ({ frequency: f.frequency, last_updated: f.lastUpdated, next_due: f.nextDue, overdue: f.overdue, days_overdue: f.daysOverdue });

/** The DCAT-rich description of a dataset, as the API writes it. */
export function presentMetadata(d: Dataset) {
  const license = licenseById(d.license);
  const frequency = frequencyById(d.frequency);
  return {
    keywords: d.keywords,
    themes: d.themes,
    publisher: d.publisher,
    contact_point: d.contactPoint,
    license: license ? { id: license.id, title: license.title, url: license.url } : null,
    frequency: frequency ? { id: frequency.id, title: frequency.title, iso: frequency.iso } : null,
    temporal: d.temporal,
    spatial: d.spatial,
    issued: d.issued,
    modified: d.updatedAt,
    language: d.language,
    access_level: d.accessLevel,
    suggested_uses: d.suggestedUses,
    known_limitations: d.knownLimitations,
  };
}

/** A dataset as lists show it; `mark` says where a harvested one came from (`harvested`, null for one made here). */
export function presentSummary({ dataset, organization, live, freshness }: DatasetSummary, mark?: HarvestMark) {
  return {
    id: dataset.id,
    slug: dataset.slug,
    title: dataset.title,
    description: dataset.description,
    status: dataset.status,
    organization: organization ? { slug: organization.slug, name: organization.name } : null,
    ...presentMetadata(dataset),
    rows: live?.rowCount ?? null,
    columns: live?.columns.length ?? null,
    format: live?.source?.format ?? null,
    version: live?.number ?? null,
    updated_at: dataset.updatedAt,
    published_at: dataset.publishedAt,
    freshness: presentFreshness(freshness),
    popularity: dataset.popularity,
    harvested: presentMark(mark),
    links: { self: api(dataset.slug), records: `${api(dataset.slug)}/records`, page: `/datasets/${dataset.slug}` },
  };
}

/** A page of catalog search: the total, the datasets and the facet counts; `marks` are the harvested ones' (`harvestMarks`). */
export function presentSearch(page: SearchPage, marks: ReadonlyMap<string, HarvestMark> = new Map()) {
  return { total: page.total, results: page.results.map((r) => presentSummary(r, marks.get(r.dataset.id))), facets: page.facets };
}

/** The lists publishers choose from: the site's themes, and Plaza's licenses, frequencies, access levels and statuses. */
export function presentVocabularies(themes: string[]) {
  return { themes, licenses: LICENSES, frequencies: FREQUENCIES, access_levels: ACCESS_LEVELS, statuses: DATASET_STATUSES };
}

/** Dictionary entries; `role` is the publisher's choice, null while the inferred role stands. */
export const presentDictionary = (entries: DictionaryEntry[]) => entries.map((e) => ({ name: e.column, label: e.label, description: e.description, unit: e.unit, role: e.role ?? null }));

export function presentDetail(d: DatasetDetail, mark?: HarvestMark) {
  const live = d.live;
  const dictionary = new Map(d.dictionary.map((e) => [e.column, e]));
  return {
    ...presentSummary(d, mark),
    created_at: d.dataset.createdAt,
    columns: (live?.columns ?? []).map((c) => ({
      name: c.name,
      label: dictionary.get(c.name)?.label || c.label,
      description: dictionary.get(c.name)?.description ?? '',
      unit: dictionary.get(c.name)?.unit ?? '',
      type: c.type,
      role: roleOf(c),
      ...(c.derivedFrom ? { derived_from: c.derivedFrom } : {}),
      ...(c.format ? { format: c.format } : {}),
      ...(c.readings ? { readings: c.readings } : {}),
      ...(c.ambiguous ? { ambiguous: true } : {}),
      profile: live?.profile[c.name] ?? null,
    })),
    warnings: live?.warnings ?? [],
    resources: d.resources.map(presentResource),
    versions: d.versions.map((v) => presentVersion(d.dataset.slug, v)),
  };
}
