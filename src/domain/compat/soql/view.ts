import { fourByFour } from '../four-by-four.ts';
import type { Dataset, DictionaryEntry, Organization, Version } from '../../catalog/types.ts';
import { licenseById } from '../../catalog/vocab.ts';
import { sodaType } from './encode.ts';

/** A column of Socrata's view metadata. */
export interface ViewColumn {
  id: number;
  name: string;
  fieldName: string;
  dataTypeName: string;
  renderTypeName: string;
  description: string;
  position: number;
}

/** Unix seconds of an ISO timestamp (Socrata's view metadata counts in seconds). */
const seconds = (iso: string | null): number | undefined => (iso ? Math.floor(Date.parse(iso) / 1000) : undefined);

/** The view metadata types: as the resource headers, except that floating timestamps are `calendar_date` there. */
const viewType = (t: string): string => (t === 'floating_timestamp' ? 'calendar_date' : t);

/**
 * Socrata's view metadata (`/api/views/{id}.json`) of a dataset: its
 * four-by-four id, name, description, category, tags, license, dates in unix
 * seconds and the live version's columns.
 */
export function viewOf(dataset: Dataset, organization: Organization | undefined, live: Version | undefined, dictionary: DictionaryEntry[], siteName: string): Record<string, unknown> {
  const license = licenseById(dataset.license);
  const described = new Map(dictionary.map((d) => [d.column, d.description]));
  const columns: ViewColumn[] = (live?.columns ?? []).map((c, i) => {
    const type = viewType(sodaType({ name: c.name, type: c.type, label: c.label }, [c], undefined));
    return { id: i + 1, name: c.label, fieldName: c.name, dataTypeName: type, renderTypeName: type, description: described.get(c.name) ?? '', position: i + 1 };
  });
  const owner = dataset.publisher ?? organization?.name ?? siteName;
  return {
    id: fourByFour(dataset.id),
    name: dataset.title,
    description: dataset.description,
    assetType: 'dataset',
    viewType: 'tabular',
    displayType: 'table',
    category: dataset.themes[0] ?? null,
    tags: dataset.keywords,
    attribution: owner,
    license: license ? { name: license.title, termsLink: license.url } : { name: dataset.license ?? '' },
    licenseId: dataset.license,
    createdAt: seconds(dataset.createdAt),
    publicationDate: seconds(dataset.publishedAt),
    rowsUpdatedAt: seconds(dataset.dataUpdatedAt ?? dataset.updatedAt),
    viewLastModified: seconds(dataset.updatedAt),
    provenance: 'official',
    publicationStage: 'published',
    columns,
    metadata: { custom_fields: { Plaza: { slug: dataset.slug, ...(dataset.frequency ? { frequency: dataset.frequency } : {}) } } },
    owner: { displayName: owner },
    tableAuthor: { displayName: owner },
  };
}
