import type { FacetCounts, RecordsPage } from '../../../actions/records/query-records.ts';
import type { QueryField } from '../../../domain/query/index.ts';

/** How records queries leave the API. */

const presentField = (f: QueryField) => ({ name: f.name, type: f.type, label: f.label });

/** A page of records: `{ total_count, fields, results, next_cursor }`. */
export function presentRecords(page: RecordsPage) {
  return { total_count: page.total, fields: page.fields.map(presentField), results: page.results, next_cursor: page.nextCursor };
}

/** Value counts, one entry per facet asked for: `{ facets: [{ name, label, type, values: [{ value, count }] }] }`. */
export function presentFacets(facets: FacetCounts[]) {
  return { facets: facets.map((f) => ({ name: f.field.name, label: f.field.label, type: f.field.type, values: f.values.map((v) => ({ value: v.value, count: v.count })) })) };
}
