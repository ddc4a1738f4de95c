import type { CallNode, Expr } from './ast.ts';
import { suggest } from './columns.ts';
import { children } from './depth.ts';
import { invalid } from './errors.ts';
import { distanceSql, bboxMeetsSql, inBboxSql, withinDistanceSql, withinPolygonSql } from './geo.ts';
import { ident, join, param, raw, sql, type Sql } from './sql.ts';
import { isNumeric, isTemporal, type ExprType, type Scope, type Typed } from './typing.ts';
import { parsePolygonWkt } from './wkt.ts';

export type CompileFn = (e: Expr, scope: Scope) => Typed;

export const AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max']);
const DATE_PARTS: Record<string, { sql: string; accepts: ExprType[] }> = {
  year: { sql: 'year', accepts: ['date', 'timestamp'] },
  quarter: { sql: 'quarter', accepts: ['date', 'timestamp'] },
  month: { sql: 'month', accepts: ['date', 'timestamp'] },
  day: { sql: 'day', accepts: ['date', 'timestamp'] },
  weekday: { sql: 'dayofweek', accepts: ['date', 'timestamp'] },
  hour: { sql: 'hour', accepts: ['timestamp', 'time'] },
  minute: { sql: 'minute', accepts: ['timestamp', 'time'] },
};
/** date_trunc units, mapped to the constant SQL text emitted for them. */
const TRUNC_UNITS: Record<string, string> = { day: "'day'", week: "'week'", month: "'month'", quarter: "'quarter'", year: "'year'" };
const GEO = ['within_distance', 'in_bbox', 'within_polygon', 'distance'];
const OTHERS = ['date_trunc', 'lower', 'upper', 'length', 'contains', 'starts_with', 'search'];
export const FUNCTION_NAMES = [...AGGREGATES, ...Object.keys(DATE_PARTS), ...OTHERS, ...GEO];
/** At most this many words in one search() or q. */
export const MAX_SEARCH_WORDS = 32;

/** Whether an expression contains an aggregate call (at every depth). */
export function containsAggregate(e: Expr): boolean {
  switch (e.kind) {
    case 'literal':
    case 'column':
      return false;
    case 'call':
      return AGGREGATES.has(e.name) || e.args.some(containsAggregate);
    case 'unary':
    case 'isNull':
      return containsAggregate(e.operand);
    case 'binary':
      return containsAggregate(e.left) || containsAggregate(e.right);
    case 'logical':
      return e.operands.some(containsAggregate);
    case 'in':
      return [e.operand, ...e.list].some(containsAggregate);
    case 'between':
      return [e.operand, e.low, e.high].some(containsAggregate);
    case 'like':
      return containsAggregate(e.operand) || containsAggregate(e.pattern);
    case 'case':
      return children(e).some(containsAggregate);
  }
}

/** Whether an expression reads data (a column, an aggregate, or search()); if not, it is a constant. */
export function readsData(e: Expr): boolean {
  switch (e.kind) {
    case 'literal':
      return false;
    case 'column':
      return true;
    case 'call':
      return AGGREGATES.has(e.name) || e.name === 'search' || e.args.some(readsData);
    case 'unary':
    case 'isNull':
      return readsData(e.operand);
    case 'binary':
      return readsData(e.left) || readsData(e.right);
    case 'logical':
      return e.operands.some(readsData);
    case 'in':
      return [e.operand, ...e.list].some(readsData);
    case 'between':
      return [e.operand, e.low, e.high].some(readsData);
    case 'like':
      return readsData(e.operand) || readsData(e.pattern);
    case 'case':
      return children(e).some(readsData);
  }
}

const scalar = (s: Sql, type: ExprType, from: Typed[], tz = false): Typed => ({
  sql: s,
  type,
  tz,
  aggregate: from.some((t) => t.aggregate),
});

function typeName(t: ExprType): string {
  return t === 'null' ? 'null' : t;
}

/** Compiles a whitelisted function call. */
export function compileCall(node: CallNode, scope: Scope, compile: CompileFn): Typed {
  const name = node.name;
  const fail = (message: string, hint?: string, pos = node.pos): never => {
    throw invalid(scope.param, pos, message, hint);
  };
  if (!FUNCTION_NAMES.includes(name)) fail(`unknown function \`${name}\``, suggest(name, FUNCTION_NAMES));
  if (node.star && name !== 'count') fail(`\`*\` is only allowed in count(*)`);
  if (node.distinct && name !== 'count') fail('DISTINCT is only allowed in count(distinct x)');
  const arity = (n: number, signature: string): void => {
    if (node.args.length !== n) fail(`${name}() takes ${n} argument${n === 1 ? '' : 's'}`, `use ${signature}`);
  };
  const argOf = (k: number, s: Scope = scope): Typed => compile(node.args[k] as Expr, s);
  const expectType = (t: Typed, k: number, ok: boolean, what: string): void => {
    if (!ok) fail(`${name}() expects ${what}, got ${typeName(t.type)}`, undefined, node.args[k]?.pos ?? node.pos);
  };

  if (AGGREGATES.has(name)) {
    if (!scope.allowAggregates) {
      const places: Record<string, string> = { where: 'in where', group_by: 'in group_by', q: 'in q', facet: 'here' };
      const where = places[scope.param];
      if (where !== undefined) fail(`aggregate functions such as ${name}() are not allowed ${where}`);
      fail('aggregate functions cannot be nested, or be used in order_by without an aggregate select or group_by');
    }
    const inner: Scope = { resolver: scope.resolver, param: scope.param, grouping: null, allowAggregates: false };
    if (name === 'count') {
      if (node.star) return { sql: raw('count(*)'), type: 'integer', tz: false, aggregate: true };
      arity(1, 'count(*), count(column) or count(distinct column)');
      const a = argOf(0, inner);
      return { sql: node.distinct ? sql`count(DISTINCT ${a.sql})` : sql`count(${a.sql})`, type: 'integer', tz: false, aggregate: true };
    }
    arity(1, `${name}(column)`);
    const a = argOf(0, inner);
    if (name === 'sum' || name === 'avg') {
      expectType(a, 0, isNumeric(a.type), 'a number');
      if (name === 'avg') return { sql: sql`avg(${a.sql})`, type: 'decimal', tz: false, aggregate: true };
      const s = a.type === 'integer' ? sql`CAST(sum(${a.sql}) AS BIGINT)` : sql`sum(${a.sql})`;
      return { sql: s, type: a.type === 'integer' ? 'integer' : 'decimal', tz: false, aggregate: true };
    }
    expectType(a, 0, a.type !== 'geometry', 'a value that can be ordered');
    const s = name === 'min' ? sql`min(${a.sql})` : sql`max(${a.sql})`;
    return { sql: s, type: a.type, tz: a.tz, aggregate: true };
  }

  const part = DATE_PARTS[name];
  if (part) {
    arity(1, `${name}(${part.accepts.join(' or ')} column)`);
    const a = argOf(0);
    expectType(a, 0, a.type === 'null' || part.accepts.includes(a.type), `a ${part.accepts.join(' or ')}`);
    return scalar(sql`${raw(part.sql)}(${a.sql})`, 'integer', [a]);
  }

  switch (name) {
    case 'date_trunc': {
      arity(2, "date_trunc('month', column)");
      const unitNode = node.args[0];
      const unit = unitNode?.kind === 'literal' && unitNode.type === 'text' ? TRUNC_UNITS[String(unitNode.value).toLowerCase()] : undefined;
      if (unit === undefined) {
        fail('date_trunc() unit must be one of the texts day, week, month, quarter, year', "use e.g. date_trunc('month', date)", unitNode?.pos);
      }
      const a = argOf(1);
      expectType(a, 1, isTemporal(a.type), 'a date or timestamp');
      const trunc = sql`date_trunc(${raw(unit ?? "'day'")}, ${a.sql})`;
      return scalar(a.type === 'date' ? sql`CAST(${trunc} AS DATE)` : trunc, a.type, [a], a.tz);
    }
    case 'lower':
    case 'upper':
    case 'length': {
      arity(1, `${name}(text)`);
      const a = argOf(0);
      expectType(a, 0, a.type === 'text' || a.type === 'null', 'text');
      return scalar(sql`${raw(name)}(${a.sql})`, name === 'length' ? 'integer' : 'text', [a]);
    }
    case 'contains': {
      arity(2, "contains(column, 'text')");
      const a = argOf(0);
      const b = argOf(1);
      expectType(a, 0, a.type === 'text' || a.type === 'null', 'text');
      expectType(b, 1, b.type === 'text' || b.type === 'null', 'text');
      return scalar(sql`contains(lower(${a.sql}), lower(${b.sql}))`, 'boolean', [a, b]);
    }
    case 'starts_with': {
      arity(2, "starts_with(column, 'text')");
      const a = argOf(0);
      const b = argOf(1);
      expectType(a, 0, a.type === 'text' || a.type === 'null', 'text');
      expectType(b, 1, b.type === 'text' || b.type === 'null', 'text');
      return scalar(sql`starts_with(${a.sql}, ${b.sql})`, 'boolean', [a, b]);
    }
    case 'search':
      return compileSearch(node, scope);
    default:
      return compileGeo(node, scope);
  }
}

/** Words of a search text, lowercased, at most MAX_SEARCH_WORDS. */
export function searchWords(text: string, scope: Scope, pos: number): string[] {
  const words = text.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length > MAX_SEARCH_WORDS) throw invalid(scope.param, pos, `search text has more than ${MAX_SEARCH_WORDS} words`);
  return words;
}

/** Every word appears (case-insensitively) in at least one of the text columns. */
export function searchSql(words: string[], columns: string[]): Sql {
  if (words.length === 0) return raw('TRUE');
  if (columns.length === 0) return raw('FALSE');
  const perWord = words.map((w) => {
    const p = param(w);
    return sql`(${join(columns.map((c) => sql`contains(lower(${ident(c)}), ${p})`), ' OR ')})`;
  });
  return sql`(${join(perWord, ' AND ')})`;
}

function rowOnly(node: CallNode, scope: Scope): void {
  if (scope.grouping !== null) {
    throw invalid(scope.param, node.pos, `${node.name}() reads row values: list it in group_by or use it in where`);
  }
}

function compileSearch(node: CallNode, scope: Scope): Typed {
  rowOnly(node, scope);
  if (node.args.length < 1 || node.args.length > 2) {
    throw invalid(scope.param, node.pos, 'search() takes 1 or 2 arguments', "use search('words') or search(column, 'words')");
  }
  const textNode = node.args[node.args.length - 1];
  if (textNode?.kind !== 'literal' || textNode.type !== 'text') {
    throw invalid(scope.param, textNode?.pos ?? node.pos, "search() expects a text literal such as 'fire hydrant'");
  }
  let columns = scope.resolver.visible.filter((c) => c.type === 'text').map((c) => c.name);
  const colNode = node.args.length === 2 ? node.args[0] : undefined;
  if (colNode) {
    if (colNode.kind !== 'column') throw invalid(scope.param, colNode.pos, 'search() expects a column as first argument');
    const col = scope.resolver.resolve(colNode.name, colNode.quoted, scope.param, colNode.pos);
    if (col.type !== 'text') throw invalid(scope.param, colNode.pos, `search() needs a text column, but \`${col.name}\` is ${col.type}`);
    columns = [col.name];
  }
  const words = searchWords(String(textNode.value), scope, textNode.pos);
  return { sql: searchSql(words, columns), type: 'boolean', tz: false, aggregate: false };
}

function compileGeo(node: CallNode, scope: Scope): Typed {
  rowOnly(node, scope);
  const shapes: Record<string, [number, string]> = {
    within_distance: [4, 'within_distance(location, 41.8781, -87.6298, 500)'],
    in_bbox: [5, 'in_bbox(location, 41.87, -87.64, 41.89, -87.62)'],
    within_polygon: [2, "within_polygon(location, 'POLYGON((lon lat, ...))')"],
    distance: [3, 'distance(location, 41.8781, -87.6298)'],
  };
  const [n, example] = shapes[node.name] ?? [0, ''];
  if (node.args.length !== n) throw invalid(scope.param, node.pos, `${node.name}() takes ${n} arguments`, `use ${example}`);
  const colNode = node.args[0];
  if (colNode?.kind !== 'column') throw invalid(scope.param, colNode?.pos ?? node.pos, `${node.name}() expects a point column first`, `use ${example}`);
  const col = scope.resolver.resolve(colNode.name, colNode.quoted, scope.param, colNode.pos);
  // in_bbox also takes areas and lines: their bounding box meets the box.
  const area = node.name === 'in_bbox' && col.type === 'geometry' && !col.point;
  const point = area ? { lat: '', lon: '' } : scope.resolver.pointColumn(col, node.name, scope.param, colNode.pos).point;
  const numbers = (node.name === 'within_polygon' ? [] : node.args.slice(1)).map((a) => {
    if (a.kind !== 'literal' || (a.type !== 'integer' && a.type !== 'decimal') || typeof a.value !== 'number') {
      throw invalid(scope.param, a.pos, `${node.name}() expects numbers after the column`, `use ${example}`);
    }
    return { value: a.value, pos: a.pos };
  });
  const check = (k: number, min: number, max: number, what: string): number => {
    const x = numbers[k];
    if (x === undefined || x.value < min || x.value > max) throw invalid(scope.param, x?.pos ?? node.pos, `${what} must be between ${min} and ${max}`);
    return x.value;
  };
  const lat = (k: number): number => check(k, -90, 90, 'latitude');
  const lon = (k: number): number => check(k, -180, 180, 'longitude');
  if (node.name === 'distance') return { sql: distanceSql(point, lat(0), lon(1)), type: 'decimal', tz: false, aggregate: false };
  let s: Sql;
  if (node.name === 'within_distance') {
    s = withinDistanceSql(point, lat(0), lon(1), check(2, 0, 20_000_000, 'distance in meters'));
  } else if (node.name === 'in_bbox') {
    s = area ? bboxMeetsSql(col.name, lat(0), lon(1), lat(2), lon(3)) : inBboxSql(point, lat(0), lon(1), lat(2), lon(3));
  } else {
    const wktNode = node.args[1];
    if (wktNode?.kind !== 'literal' || wktNode.type !== 'text') {
      throw invalid(scope.param, wktNode?.pos ?? node.pos, 'within_polygon() expects a WKT text literal', `use ${example}`);
    }
    s = withinPolygonSql(point, parsePolygonWkt(String(wktNode.value), scope.param, wktNode.pos));
  }
  return { sql: s, type: 'boolean', tz: false, aggregate: false };
}
