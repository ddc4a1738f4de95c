import type { Expr, OrderItem, SelectItem } from '../../query/ast.ts';
import { visibleColumns } from '../../query/columns.ts';
import type { ParsedQuery } from '../../query/types.ts';
import type { ColumnInfo } from '../../table/types.ts';
import { DatastoreError, invalidValue } from './datastore-errors.ts';
import { filtersCondition, findColumn } from './datastore-filters.ts';
import { boolParam, countParam, jsonParam, listParam, recordsFormat, ROWS_DEFAULT, ROWS_MAX, textParam, type RecordsFormat } from './datastore-params.ts';

/** The row number CKAN gives every DataStore row. */
export const ROW_ID = '_id';

/** A `datastore_search` request, its parameters read and checked (before the table is known). */
export interface SearchRequest {
  resourceId: string;
  filters: unknown;
  /** Full text over every text column, or per column. */
  q: string | Record<string, string> | undefined;
  fields: string[] | undefined;
  sort: string[] | undefined;
  distinct: boolean;
  limit: number;
  offset: number;
  includeTotal: boolean;
  recordsFormat: RecordsFormat;
}

function qParam(value: unknown): SearchRequest['q'] {
  if (value === undefined || value === null || value === '') return undefined;
  let v: unknown = value;
  if (typeof v === 'string' && v.trim().startsWith('{')) v = jsonParam(v, 'q');
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((s) => typeof s === 'string')) return v as Record<string, string>;
  throw new DatastoreError('q', 'q is a text, or an object of {"column": "text"}');
}

/** Reads `datastore_search`'s parameters as CKAN's schema does; throws `DatastoreError`. */
export function readSearchRequest(params: Record<string, unknown>): SearchRequest {
  const resourceId = textParam(params.resource_id ?? params.id, 'resource_id');
  const fullText = params.full_text;
  let q = qParam(params.q);
  if (typeof fullText === 'string' && fullText.trim() !== '') q = typeof q === 'string' ? `${q} ${fullText}` : q === undefined ? fullText : q;
  boolParam(params.plain, 'plain', true);
  return {
    resourceId,
    filters: jsonParam(params.filters, 'filters'),
    q,
    fields: listParam(params.fields, 'fields'),
    sort: listParam(params.sort, 'sort'),
    distinct: boolParam(params.distinct, 'distinct', false),
    // CKAN lowers a limit above the maximum to the maximum.
    limit: Math.min(countParam(params.limit, 'limit', ROWS_DEFAULT), ROWS_MAX),
    offset: countParam(params.offset, 'offset', 0),
    includeTotal: boolParam(params.include_total, 'include_total', true),
    recordsFormat: recordsFormat(params.records_format),
  };
}

const col = (c: ColumnInfo): Expr => ({ kind: 'column', pos: 0, name: c.name, quoted: true });

/** `"col"`, `col desc`, `"col" asc`: CKAN's sort clause; false when it is not one. */
function sortItem(clause: string, columns: readonly ColumnInfo[]): OrderItem | 'rowid' | false {
  const m = /^(.+?)( +(asc|desc))?$/i.exec(clause.trim());
  if (!m) return false;
  let name = m[1] ?? '';
  if (name.length > 1 && name.startsWith('"') && name.endsWith('"')) name = name.slice(1, -1);
  const descending = (m[3] ?? 'asc').toLowerCase() === 'desc';
  if (name === ROW_ID) return descending ? false : 'rowid';
  const c = findColumn(columns, name);
  return c ? { pos: 0, expr: col(c), descending } : false;
}

function qCondition(q: Record<string, string>, columns: readonly ColumnInfo[]): Expr[] {
  return Object.entries(q).flatMap(([id, text]) => {
    const c = findColumn(columns, id);
    if (!c) throw invalidValue('q', id);
    if (c.type !== 'text') throw new DatastoreError('q', `"${id}" is not a text column: search it with filters`);
    return text.toLowerCase().split(/\s+/).filter((w) => w !== '').slice(0, 32).map((word): Expr => ({
      kind: 'call', pos: 0, name: 'contains', star: false, distinct: false,
      args: [col(c), { kind: 'literal', pos: 0, type: 'text', value: word }],
    }));
  });
}

/** The query a search asks, over a table's columns, and the field ids of the answer (`_id` first unless fields says otherwise). */
export interface SearchQuery {
  parsed: ParsedQuery;
  fieldIds: string[];
}

/** Builds the search's query tree; unknown fields, sorts and filters throw `DatastoreError` naming them as CKAN does. */
export function searchQuery(req: SearchRequest, allColumns: readonly ColumnInfo[]): SearchQuery {
  const columns = visibleColumns(allColumns);
  const wanted = req.fields ?? [ROW_ID, ...columns.map((c) => c.name)];
  const chosen = wanted.map((id) => {
    if (id === ROW_ID) return ROW_ID;
    const c = findColumn(columns, id);
    if (!c) throw invalidValue('fields', id);
    return c;
  });
  const picked = chosen.filter((c): c is ColumnInfo => c !== ROW_ID);
  const order: OrderItem[] = [];
  for (const clause of req.sort ?? []) {
    const item = sortItem(clause, columns);
    if (item === false) throw invalidValue('sort', clause);
    if (item !== 'rowid') order.push(item);
  }
  const conditions: Expr[] = [];
  const f = filtersCondition(req.filters, columns);
  if (f) conditions.push(f);
  if (req.q !== undefined && typeof req.q !== 'string') conditions.push(...qCondition(req.q, columns));
  const where: Expr | null = conditions.length === 0 ? null : conditions.length === 1 ? conditions[0]! : { kind: 'logical', pos: 0, op: 'AND', operands: conditions };
  const select: SelectItem[] | null = (req.fields === undefined && !req.distinct) || picked.length === 0 ? null : picked.map((c) => ({ kind: 'expr', pos: 0, expr: col(c), end: 0 }));
  if (req.distinct && picked.length === 0) throw new DatastoreError('distinct', 'distinct needs fields other than _id');
  const parsed: ParsedQuery = {
    select,
    where,
    group: req.distinct ? picked.map((c) => ({ pos: 0, expr: col(c) })) : [],
    having: null,
    order,
    limit: req.limit,
    offset: req.offset,
    ...(typeof req.q === 'string' ? { q: req.q } : {}),
  };
  const fieldIds = chosen.filter((c) => !(req.distinct && c === ROW_ID)).map((c) => (c === ROW_ID ? ROW_ID : c.name));
  return { parsed, fieldIds };
}
