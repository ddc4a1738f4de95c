import type { CompileOptions, ParsedQuery, QueryField } from '../../domain/query/index.ts';
import type { ColumnInfo } from '../../domain/table/types.ts';
import type { Deps, Principal } from '../deps.ts';
import { queryParsedRecords } from './query-records.ts';

/** A table addressed the way CKAN's DataStore addresses one: by a resource id, or a dataset's id or slug. */
export interface TableTarget {
  /** The dataset's id. */
  datasetId: string;
  /** The version whose file the resource holds; undefined for the live version. */
  versionNumber?: number;
}

/**
 * The table behind a CKAN `resource_id`: the version a file resource made
 * (the live one when the id names a dataset), or undefined when there is no
 * such table. Visibility is checked when the table is read, so an id the
 * principal may not see reads as unknown there too.
 */
export async function tableOf(deps: Deps, id: string): Promise<TableTarget | undefined> {
  // No id is this long or holds control characters; the catalog's databases need not see such text.
  if (id.length > 200 || /[\u0000-\u001f]/.test(id)) return undefined;
  const resource = await deps.catalog.datasets.getResource(id);
  if (resource) {
    const versions = await deps.catalog.datasets.listVersions(resource.datasetId);
    const version = versions.find((v) => v.resourceId === resource.id && v.status === 'ready');
    if (!version) return undefined;
    const dataset = await deps.catalog.datasets.getDataset(resource.datasetId);
    return dataset?.liveVersionId === version.id ? { datasetId: resource.datasetId } : { datasetId: resource.datasetId, versionNumber: version.number };
  }
  const dataset = await deps.catalog.datasets.getDataset(id);
  return dataset ? { datasetId: dataset.id } : undefined;
}

/** One page of a DataStore read: the output fields, the rows (with `_id`, the row number, when rows are not grouped) and the total when asked. */
export interface TablePage {
  fields: QueryField[];
  rows: Record<string, unknown>[];
  /** Whether each row carries `_id`. */
  rowIds: boolean;
  total?: number;
  /** The resource the table came from (the live version's when a dataset was named). */
  resourceId: string | null;
}

export interface TableReadOptions {
  /** Count the matching rows (a second query). */
  count: boolean;
  compile: CompileOptions;
}

/**
 * Runs a query built from the table's columns (`build` may throw the
 * dialect's own errors) with the records API's checks: visibility,
 * restricted data, the one compiler and the time budget.
 */
export async function readTable(deps: Deps, p: Principal, target: TableTarget, build: (columns: ColumnInfo[]) => ParsedQuery, opts: TableReadOptions): Promise<TablePage> {
  const page = await queryParsedRecords(deps, p, target.datasetId, build, { versionNumber: target.versionNumber, use: 'api', count: opts.count, compile: opts.compile });
  const ids = page.rowIds;
  return {
    fields: page.fields,
    rows: ids ? page.results.map((r, i) => ({ _id: ids[i], ...r })) : page.results,
    rowIds: ids !== null,
    ...(opts.count ? { total: page.total } : {}),
    resourceId: page.resourceId,
  };
}
