import type { Expr, LiteralNode, ParsedQuery, SelectItem } from '../../query/index.ts';
import type { ColumnInfo } from '../../table/types.ts';
import type { CollectionShape } from './collection.ts';
import { nextDay, type DatetimeFilter, type TimeBound } from './datetime.ts';
import type { ItemsRequest, PropertyFilter } from './items-request.ts';

const column = (c: ColumnInfo): Expr => ({ kind: 'column', pos: 0, name: c.name, quoted: false });
const text = (value: string): LiteralNode => ({ kind: 'literal', pos: 0, type: 'text', value });
const number = (value: number): LiteralNode => ({ kind: 'literal', pos: 0, type: Number.isInteger(value) ? 'integer' : 'decimal', value });
const compare = (op: '=' | '<' | '<=' | '>=', left: Expr, right: Expr): Expr => ({ kind: 'binary', pos: 0, op, left, right });
const all = (operands: Expr[]): Expr | null => (operands.length === 0 ? null : operands.length === 1 ? (operands[0] as Expr) : { kind: 'logical', pos: 0, op: 'AND', operands });

/** `in_bbox(geometry, south, west, north, east)`: a point in the box, or an area or line whose bounding box meets it. */
function inBox(geometry: ColumnInfo, w: number, s: number, e: number, n: number): Expr {
  return { kind: 'call', pos: 0, name: 'in_bbox', star: false, distinct: false, args: [column(geometry), number(s), number(w), number(n), number(e)] };
}

/** The box, split in two at the antimeridian when its west edge is east of its east edge. */
function bboxFilter(geometry: ColumnInfo, [w, s, e, n]: [number, number, number, number]): Expr {
  if (w <= e) return inBox(geometry, w, s, e, n);
  return { kind: 'logical', pos: 0, op: 'OR', operands: [inBox(geometry, w, s, 180, n), inBox(geometry, -180, s, e, n)] };
}

/** A date column compares with dates: a date and time is taken at its day. */
const onDay = (b: TimeBound): string => b.value.slice(0, 10);

/**
 * `datetime` on the collection's time column. A date on a timestamp column
 * means the whole day: an instant is `[day, next day)`, an interval's end
 * day is included.
 */
function datetimeFilter(time: ColumnInfo, f: DatetimeFilter): Expr | null {
  const col = column(time);
  if (time.type === 'date') {
    if (f.kind === 'instant') return compare('=', col, text(onDay(f.at)));
    return all([...(f.start ? [compare('>=', col, text(onDay(f.start)))] : []), ...(f.end ? [compare('<=', col, text(onDay(f.end)))] : [])]);
  }
  const from = (b: TimeBound): Expr => compare('>=', col, text(b.value));
  const until = (b: TimeBound): Expr => (b.dateOnly ? compare('<', col, text(nextDay(b.value))) : compare('<=', col, text(b.value)));
  if (f.kind === 'instant') return f.at.dateOnly ? all([from(f.at), until(f.at)]) : compare('=', col, text(f.at.value));
  return all([...(f.start ? [from(f.start)] : []), ...(f.end ? [until(f.end)] : [])]);
}

/** `column = value`, the value typed as the column is (numbers and booleans as such; dates, times and text as text the compiler reads). */
function propertyFilter({ column: c, value }: PropertyFilter): Expr {
  if (c.type === 'integer' || c.type === 'decimal') return compare('=', column(c), number(Number(value)));
  if (c.type === 'boolean') return compare('=', column(c), { kind: 'literal', pos: 0, type: 'boolean', value: value.toLowerCase() === 'true' });
  return compare('=', column(c), text(value));
}

/**
 * The records query for a page of items: the geometry and the properties,
 * in the file's row order, filtered by `bbox`, `datetime` and the property
 * filters, paged by limit and offset.
 */
export function itemsQuery(r: ItemsRequest, shape: CollectionShape): ParsedQuery {
  const select: SelectItem[] = [shape.geometry, ...shape.properties].map((c) => ({ kind: 'expr', pos: 0, expr: column(c), end: 0 }));
  const where = all([
    ...(r.bbox ? [bboxFilter(shape.geometry, r.bbox)] : []),
    ...(r.datetime && shape.time ? [datetimeFilter(shape.time, r.datetime)].filter((e): e is Expr => e !== null) : []),
    ...r.filters.map(propertyFilter),
  ]);
  return { select, where, group: [], having: null, order: [], limit: r.limit, offset: r.offset };
}

/**
 * The query for one feature by its id, the row's position in the version's
 * file (from 1): with no filter and the file's order, the row at offset
 * id - 1. The caller checks the row id that comes back.
 */
export function featureQuery(id: number, shape: CollectionShape): ParsedQuery {
  return { ...itemsQuery({ bbox: null, datetime: null, filters: [], limit: 1, offset: id - 1 }, shape) };
}
