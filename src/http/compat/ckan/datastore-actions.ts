import { readTable, tableOf, type TablePage } from '../../../actions/records/datastore-records.ts';
import { resourceNotFound } from '../../../domain/compat/ckan/datastore-errors.ts';
import { ROWS_DEFAULT, ROWS_MAX, textParam } from '../../../domain/compat/ckan/datastore-params.ts';
import { readSearchRequest, ROW_ID, searchQuery, type SearchRequest } from '../../../domain/compat/ckan/datastore-query.ts';
import { ckanField, formatRecords, type CkanField } from '../../../domain/compat/ckan/datastore-records.ts';
import { parseDatastoreSql } from '../../../domain/compat/ckan/datastore-sql.ts';
import type { CkanAction, CkanCall } from './action.ts';
import { datastoreError } from './datastore-errors.ts';

/** The answer's `fields` for the field ids asked, in that order. */
function fieldsOf(page: TablePage, ids: string[]): CkanField[] {
  const byName = new Map(page.fields.map((f) => [f.name, f]));
  return ids.map((id) => {
    const f = byName.get(id);
    return id === ROW_ID || !f ? ckanField(ROW_ID, 'rowid') : ckanField(f.name, f.type, f.label);
  });
}

/** CKAN's `_links`: this request without `offset` (start) and with the next page's `offset` (next). */
function links(url: string, limit: number, offset: number): { start: string; next: string } {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : url.slice(q + 1));
  params.delete('offset');
  const start = params.toString();
  params.set('offset', String(offset + limit));
  return { start: start ? `${path}?${start}` : path, next: `${path}?${params.toString()}` };
}

/** The request as CKAN echoes it back beside the records. */
function echo(req: SearchRequest, params: Record<string, unknown>, resourceId: string): Record<string, unknown> {
  const out: Record<string, unknown> = { include_total: req.includeTotal, limit: req.limit, records_format: req.recordsFormat, resource_id: resourceId, total_estimation_threshold: null };
  if (params.offset !== undefined) out.offset = req.offset;
  if (req.filters !== undefined && req.filters !== '') out.filters = req.filters;
  if (req.q !== undefined) out.q = req.q;
  if (params.sort !== undefined) out.sort = params.sort;
  if (params.distinct !== undefined) out.distinct = req.distinct;
  return out;
}

async function datastoreSearch({ deps, principal, params, req: httpReq }: CkanCall): Promise<unknown> {
  let id: string | undefined;
  try {
    const req = readSearchRequest(params);
    id = req.resourceId;
    const target = await tableOf(deps, req.resourceId);
    if (!target) throw resourceNotFound(req.resourceId);
    let fieldIds: string[] = [];
    const page = await readTable(
      deps,
      principal,
      target,
      (columns) => {
        const q = searchQuery(req, columns);
        fieldIds = q.fieldIds;
        return q.parsed;
      },
      { count: req.includeTotal, compile: { maxLimit: ROWS_MAX, defaultLimit: ROWS_DEFAULT } },
    );
    const fields = fieldsOf(page, page.rowIds ? fieldIds : fieldIds.filter((f) => f !== ROW_ID));
    return {
      ...echo(req, params, page.resourceId ?? req.resourceId),
      records: formatRecords(page.rows, fields.map((f) => f.id), req.recordsFormat),
      fields,
      _links: links(httpReq.url, req.limit, req.offset),
      ...(page.total !== undefined ? { total: page.total, total_was_estimated: false } : {}),
    };
  } catch (e) {
    throw datastoreError(e, id, false);
  }
}

async function datastoreSearchSql({ deps, principal, params }: CkanCall): Promise<unknown> {
  let id: string | undefined;
  try {
    const sql = textParam(params.sql, 'sql');
    const query = parseDatastoreSql(sql);
    id = query.resourceId;
    const target = await tableOf(deps, query.resourceId);
    if (!target) throw resourceNotFound(query.resourceId);
    // One row over the maximum tells whether the answer was cut, as CKAN does.
    const capped = query.limit === undefined || query.limit > ROWS_MAX;
    const parsed = capped ? { ...query.parsed, limit: ROWS_MAX + 1 } : query.parsed;
    const page = await readTable(deps, principal, target, () => parsed, { count: false, compile: { maxLimit: ROWS_MAX + 1 } });
    const fields = page.fields.map((f) => ckanField(f.name, f.type));
    const truncated = capped && page.rows.length > ROWS_MAX;
    const rows = truncated ? page.rows.slice(0, ROWS_MAX) : page.rows;
    return {
      sql,
      records: formatRecords(rows, fields.map((f) => f.id), 'objects'),
      fields,
      ...(truncated ? { records_truncated: true } : {}),
    };
  } catch (e) {
    throw datastoreError(e, id, true);
  }
}

/** The DataStore's read actions over each dataset's tables (docs/ckan-datastore.md). */
export const DATASTORE_ACTIONS: Readonly<Record<string, CkanAction>> = {
  datastore_search: datastoreSearch,
  datastore_search_sql: datastoreSearchSql,
};
