import type { Translator } from '../../domain/i18n/translator.ts';
import type { ColumnType } from '../../domain/table/types.ts';

/**
 * The table explorer's state (filters, sort, columns shown, page) as URL
 * parameters, and as the text of a records query. Pure code, shared by the
 * server-rendered page and the browser island so both build the same query.
 *
 * URL parameters: each filter is one `filter_column`, `filter_op`,
 * `filter_value` and `filter_to` (in that order, repeated per filter);
 * `sort` and `dir`; `show` per column shown (none: all); `page`; `size`;
 * `density` (`compact` cuts long text to two lines a cell).
 *
 * Text filters that compare whole values ("equals", "is not") ignore case, as
 * "contains" does: the query compares `lower()` of both sides.
 */

export interface ColumnDef {
  name: string;
  label: string;
  type: ColumnType;
}

/** The conditions a filter can use; their names are the messages `table.op.<id>`. */
export const OPERATORS = [
  { id: 'contains', kinds: ['text'] },
  { id: 'eq', kinds: ['text', 'number', 'date'] },
  { id: 'ne', kinds: ['text', 'number', 'date'] },
  { id: 'lt', kinds: ['number', 'date'] },
  { id: 'le', kinds: ['number', 'date'] },
  { id: 'gt', kinds: ['number', 'date'] },
  { id: 'ge', kinds: ['number', 'date'] },
  { id: 'between', kinds: ['number', 'date'] },
  { id: 'empty', kinds: ['text', 'number', 'date', 'boolean'] },
  { id: 'true', kinds: ['boolean'] },
  { id: 'false', kinds: ['boolean'] },
] as const;
export type Op = (typeof OPERATORS)[number]['id'];
export type Kind = 'text' | 'number' | 'date' | 'boolean';

export const PAGE_SIZES = [25, 50, 100] as const;
/** How tall rows are: `regular` shows every cell's text, `compact` at most two lines of it. */
export const DENSITIES = ['regular', 'compact'] as const;
export type Density = (typeof DENSITIES)[number];
export const MAX_FILTERS = 20;
const MAX_VALUE = 500;
const MAX_PAGE = 100_000;

/** One row of the filter builder, as typed. */
export interface Filter {
  column: string;
  op: string;
  value: string;
  to: string;
}

export interface TableState {
  filters: Filter[];
  sort: string;
  dir: 'asc' | 'desc';
  /** Columns shown; empty means all. */
  show: string[];
  page: number;
  size: number;
  density: Density;
}

/** What the records API is asked: only the parameters that apply. */
export interface RecordsParams {
  where?: string;
  order_by?: string;
  select?: string;
}

/** How a column's type is filtered; geometry cannot be. */
export function kindOf(type: ColumnType): Kind | undefined {
  if (type === 'integer' || type === 'decimal') return 'number';
  if (type === 'date' || type === 'timestamp' || type === 'time') return 'date';
  if (type === 'boolean') return 'boolean';
  if (type === 'text') return 'text';
  return undefined;
}

export const opsFor = (kind: Kind) => OPERATORS.filter((o) => (o.kinds as readonly string[]).includes(kind));
const needsValue = (op: string): boolean => op !== 'empty' && op !== 'true' && op !== 'false';

/** Reads the state from URL parameters; rows without a column and unreadable numbers are dropped quietly. */
export function readState(params: URLSearchParams): TableState {
  const cols = params.getAll('filter_column');
  const ops = params.getAll('filter_op');
  const values = params.getAll('filter_value');
  const tos = params.getAll('filter_to');
  const filters: Filter[] = [];
  cols.forEach((column, i) => {
    if (column && filters.length < MAX_FILTERS) filters.push({ column, op: ops[i] ?? '', value: (values[i] ?? '').slice(0, MAX_VALUE), to: (tos[i] ?? '').slice(0, MAX_VALUE) });
  });
  const page = Number(params.get('page') ?? '1');
  const size = Number(params.get('size') ?? '25');
  return {
    filters,
    sort: params.get('sort') ?? '',
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
    show: params.getAll('show').filter(Boolean),
    page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : 25,
    density: params.get('density') === 'compact' ? 'compact' : 'regular',
  };
}

/** The state as URL parameters, leaving out what is at its default. */
export function stateParams(s: TableState): URLSearchParams {
  const p = new URLSearchParams();
  for (const f of s.filters) {
    p.append('filter_column', f.column);
    p.append('filter_op', f.op);
    p.append('filter_value', f.value);
    p.append('filter_to', f.to);
  }
  if (s.sort) p.set('sort', s.sort);
  if (s.sort && s.dir === 'desc') p.set('dir', 'desc');
  for (const c of s.show) p.append('show', c);
  if (s.size !== 25) p.set('size', String(s.size));
  if (s.page > 1) p.set('page', String(s.page));
  if (s.density === 'compact') p.set('density', 'compact');
  return p;
}

/** What is wrong with the state, by place: one message per filter (or undefined), and the sort's. */
export interface Problems {
  filters: (string | undefined)[];
  sort?: string;
  any: boolean;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?$/;

function validDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(0);
  // setUTCFullYear, unlike Date.UTC, reads years 0 to 99 as written.
  d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Why a typed value does not fit a column of this type, or undefined when it does; `second` for the second value of "between". */
function valueProblem(t: Translator, text: string, col: ColumnDef, second = false): string | undefined {
  const v = text.trim();
  const column = col.label;
  if (v === '') return t.t(second ? 'table.problem.secondValue' : 'table.problem.value');
  if (col.type === 'integer' || col.type === 'decimal') return NUMBER.test(v) ? undefined : t.t('table.problem.number', { column });
  if (col.type === 'date') return validDate(v) ? undefined : t.t('table.problem.date', { column });
  if (col.type === 'time') return TIME.test(v) ? undefined : t.t('table.problem.time', { column });
  if (col.type === 'timestamp') {
    const [day, time] = v.split(/[T ]/, 2);
    return validDate(day ?? '') && (time === undefined || TIME.test(time)) ? undefined : t.t('table.problem.timestamp', { column });
  }
  return undefined;
}

/** Checks every filter and the sort against the dataset's columns; the problems are worded by the reader's translator. */
export function checkState(s: TableState, columns: ColumnDef[], t: Translator): Problems {
  const opName = (id: string) => t.t(`table.op.${id}`);
  const byName = new Map(columns.map((c) => [c.name, c]));
  const filters = s.filters.map((f): string | undefined => {
    const col = byName.get(f.column);
    const kind = col && kindOf(col.type);
    if (!col || !kind) return t.t('table.problem.column');
    const op = OPERATORS.find((o) => o.id === f.op);
    if (!op) return t.t('table.problem.condition');
    if (!(op.kinds as readonly string[]).includes(kind)) return t.t('table.problem.opNotFor', { op: opName(op.id), column: col.label, ops: opsFor(kind).map((o) => opName(o.id)).join(', ') });
    if (!needsValue(f.op)) return undefined;
    const first = valueProblem(t, f.value, col);
    if (first) return first;
    return f.op === 'between' ? valueProblem(t, f.to, col, true) : undefined;
  });
  const sortCol = byName.get(s.sort);
  const sort = s.sort && (!sortCol || sortCol.type === 'geometry') ? t.t('table.problem.sort') : undefined;
  return { filters, ...(sort ? { sort } : {}), any: filters.some(Boolean) || !!sort };
}

/** A column name as the query language reads it, whatever it holds. */
export const ident = (name: string): string => `\`${name.replace(/`/g, '``')}\``;
/** Text as a query-language string literal: a quote inside is doubled, so nothing can end it early. */
export const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

function value(text: string, col: ColumnDef): string {
  const v = text.trim();
  return kindOf(col.type) === 'number' ? v : literal(col.type === 'text' ? text : v);
}

const COMPARE: Record<string, string> = { eq: '=', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' };

function condition(f: Filter, col: ColumnDef): string {
  const c = ident(col.name);
  if (f.op === 'contains') return `contains(${c}, ${literal(f.value)})`;
  // Whole text values match whatever their case: "bronx" finds "BRONX".
  if (col.type === 'text' && (f.op === 'eq' || f.op === 'ne')) return `lower(${c}) ${COMPARE[f.op]} lower(${literal(f.value)})`;
  if (f.op === 'empty') return col.type === 'text' ? `(${c} IS NULL OR ${c} = '')` : `${c} IS NULL`;
  if (f.op === 'true' || f.op === 'false') return `${c} = ${f.op}`;
  if (f.op === 'between') return `${c} BETWEEN ${value(f.value, col)} AND ${value(f.to, col)}`;
  return `${c} ${COMPARE[f.op]} ${value(f.value, col)}`;
}

const AND = ' AND ';

/** Each filter's condition with the filter's place in the state. */
function conditions(s: TableState, columns: ColumnDef[]): { index: number; text: string }[] {
  const byName = new Map(columns.map((c) => [c.name, c]));
  return s.filters.flatMap((f, index) => {
    const col = byName.get(f.column);
    return col ? [{ index, text: condition(f, col) }] : [];
  });
}

/** The filter whose condition holds a character position of the `where` text (for errors the query engine reports). */
export function filterAt(s: TableState, columns: ColumnDef[], position: number): number | undefined {
  let start = 0;
  for (const c of conditions(s, columns)) {
    if (position >= start && position < start + c.text.length) return c.index;
    start += c.text.length + AND.length;
  }
  return undefined;
}

/** The records query for a checked state: `where`, `order_by` and `select`, each only when needed. */
export function recordsParams(s: TableState, columns: ColumnDef[]): RecordsParams {
  const byName = new Map(columns.map((c) => [c.name, c]));
  const where = conditions(s, columns).map((c) => c.text);
  const shown = columns.filter((c) => s.show.includes(c.name));
  const out: RecordsParams = {};
  if (where.length) out.where = where.join(AND);
  if (s.sort && byName.has(s.sort)) out.order_by = `${ident(s.sort)} ${s.dir === 'desc' ? 'DESC' : 'ASC'}`;
  if (shown.length && shown.length < columns.length) out.select = shown.map((c) => ident(c.name)).join(', ');
  return out;
}

/** Whether the view shows a geometry column, and whether the dataset has one at all (GeoJSON downloads need one). */
export function geometryIn(s: TableState, columns: ColumnDef[]): { shown: boolean; any: boolean } {
  const geo = columns.filter((c) => c.type === 'geometry');
  return { shown: geo.some((c) => s.show.length === 0 || s.show.includes(c.name)), any: geo.length > 0 };
}

/** The records query as URL parameters, for the API and downloads. */
export function queryString(p: RecordsParams, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...p, ...extra })) if (v) q.set(k, v);
  return q.toString();
}
