import { ROWID, type ColumnInfo, type ColumnType } from '../table/types.ts';
import type { Expr, GroupItem, OrderItem, SelectItem } from './ast.ts';
import { ColumnResolver } from './columns.ts';
import { compileExpr } from './compile-expr.ts';
import { decodeCursor, keysetCondition, orderSql, shapeHash, type OrderKey } from './cursor.ts';
import { invalid, type QueryParam } from './errors.ts';
import { containsAggregate, readsData, searchSql, searchWords } from './functions.ts';
import { aliasMap, describeItem, exprItems, OutputNames, starOutputs, type Output } from './outputs.ts';
import { MAX_PARAM_LENGTH, parseExpression, parseGroupBy, parseOrderBy, parseSelect } from './parser.ts';
import { printExpr } from './print.ts';
import { ident, join, param, raw, render, sql, type Sql } from './sql.ts';
import { fieldType, type Scope, type Typed } from './typing.ts';
import type { CompiledQuery, CompileOptions, ParsedQuery, RecordsRequest } from './types.ts';

const present = (s: string | undefined): s is string => s !== undefined && s.trim() !== '';
const rowScope = (resolver: ColumnResolver, p: QueryParam): Scope => ({ resolver, param: p, grouping: null, allowAggregates: false });

/** Parses a non-negative whole number from a number or a decimal string. */
export function parseCount(value: number | string | undefined, p: 'limit' | 'offset', fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = typeof value === 'number' ? value : /^\s*[0-9]{1,15}\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) throw invalid(p, 0, `${p} must be a whole number ≥ 0`);
  return n;
}

/** The where condition and q search, ANDed; null when neither is given. */
export function compileFilter(req: Pick<RecordsRequest, 'where' | 'q'>, resolver: ColumnResolver): Sql | null {
  return compileCondition(present(req.where) ? parseExpression(req.where, 'where') : null, req.q, resolver);
}

/** A parsed where condition and a q search, ANDed; null when neither is given. */
export function compileCondition(where: Expr | null, q: string | undefined, resolver: ColumnResolver): Sql | null {
  const parts: Sql[] = [];
  if (where) {
    const t = compileExpr(where, rowScope(resolver, 'where'));
    if (t.type !== 'boolean' && t.type !== 'null') {
      throw invalid('where', where.pos, `where must be a condition (true/false), but this is ${t.type}`, "compare it, e.g. `ward = '06'`");
    }
    parts.push(t.sql);
  }
  if (present(q)) {
    if (q.length > MAX_PARAM_LENGTH) throw invalid('q', MAX_PARAM_LENGTH, `q is longer than ${MAX_PARAM_LENGTH} characters`);
    const words = searchWords(q, rowScope(resolver, 'q'), 0);
    parts.push(searchSql(words, resolver.visible.filter((c) => c.type === 'text').map((c) => c.name)));
  }
  return parts.length === 0 ? null : join(parts, ' AND ');
}

const whereClause = (conditions: (Sql | null)[]): Sql => {
  const present_ = conditions.filter((c): c is Sql => c !== null);
  return present_.length === 0 ? raw('') : sql` WHERE ${join(present_.map((c) => sql`(${c})`), ' AND ')}`;
};
const selectList = (outputs: Output[]): Sql =>
  join(outputs.map((o) => (o.typed.type === 'null' ? sql`CAST(${o.typed.sql} AS VARCHAR) AS ${ident(o.name)}` : sql`${o.typed.sql} AS ${ident(o.name)}`)), ', ');
const hashOf = (shape: Sql): string => {
  const r = render(shape);
  return shapeHash(r.sql + '\n' + JSON.stringify(r.params));
};
const fieldsOf = (outputs: Output[]): { name: string; type: ColumnType; label: string }[] =>
  outputs.map((o) => ({ name: o.name, type: fieldType(o.typed.type), label: o.label }));

interface Parts {
  req: ParsedQuery;
  resolver: ColumnResolver;
  source: string;
  filter: Sql | null;
  select: SelectItem[] | null;
  order: OrderItem[];
  having: Expr | null;
  pageSize: number;
  offset: number;
}

/** Reads the text parameters of a records request into syntax trees. */
export function parseRecordsRequest(req: RecordsRequest): ParsedQuery {
  return {
    select: present(req.select) ? parseSelect(req.select) : null,
    where: present(req.where) ? parseExpression(req.where, 'where') : null,
    group: present(req.group_by) ? parseGroupBy(req.group_by) : [],
    having: present(req.having) ? parseExpression(req.having, 'having') : null,
    order: present(req.order_by) ? parseOrderBy(req.order_by) : [],
    ...(req.q !== undefined ? { q: req.q } : {}),
    ...(req.limit !== undefined ? { limit: req.limit } : {}),
    ...(req.offset !== undefined ? { offset: req.offset } : {}),
    ...(req.cursor !== undefined ? { cursor: req.cursor } : {}),
  };
}

/**
 * Compiles a records request into parameterized DuckDB SQL over `source`.
 * Throws `QueryError` for any user mistake.
 */
export function compileRecordsQuery(req: RecordsRequest, columns: ColumnInfo[], source: string, opts: CompileOptions = {}): CompiledQuery {
  return compileParsedQuery(parseRecordsRequest(req), columns, source, opts);
}

/**
 * Compiles a query already parsed into the syntax tree, by the records query
 * language or by another dialect (SoQL, CKAN's filters and SQL): the one
 * place where trees become SQL, with every column checked. Throws `QueryError`.
 */
export function compileParsedQuery(req: ParsedQuery, columns: ColumnInfo[], source: string, opts: CompileOptions = {}): CompiledQuery {
  const resolver = new ColumnResolver(columns);
  const maxLimit = opts.maxLimit ?? 10_000;
  const pageSize = parseCount(req.limit, 'limit', opts.defaultLimit ?? 100);
  if (pageSize > maxLimit) throw invalid('limit', 0, `limit must be at most ${maxLimit}`, 'use cursor to page through more rows');
  const offset = parseCount(req.offset, 'offset', 0);
  if (present(req.cursor) && offset > 0) throw invalid('offset', 0, 'use either offset or cursor, not both');
  const { select, group, order, having } = req;
  for (const o of order) {
    if (!readsData(o.expr)) throw invalid('order_by', o.pos, 'ordering by a constant has no effect', 'name a column, an expression over columns, or a select alias');
  }
  const filter = compileCondition(req.where, req.q, resolver);
  const parts: Parts = { req, resolver, source, filter, select, order, having, pageSize, offset };
  const aggregate = group.length > 0 || having !== null || (select !== null && exprItems(select).some((i) => containsAggregate(i.expr)));
  return aggregate ? compileGrouped(parts, group) : compileRows(parts);
}

function compileRows(p: Parts): CompiledQuery {
  const { resolver } = p;
  const names = new OutputNames();
  const items = p.select ?? [{ kind: 'star', pos: 0 }];
  names.reserve(exprItems(items), 'select');
  const scope = rowScope(resolver, 'select');
  const outputs = items.flatMap((item): Output[] => {
    if (item.kind === 'star') return starOutputs(resolver, names, (e) => compileExpr(e, scope));
    return [{ ...describeItem(item.expr, item.alias, resolver, names), typed: compileExpr(item.expr, scope) }];
  });
  const orderScope: Scope = { ...rowScope(resolver, 'order_by'), aliases: aliasMap(outputs) };
  const keys: OrderKey[] = p.order.map((o) => ({ expr: compileExpr(o.expr, orderScope), descending: o.descending }));
  const orderBy = join([...keys.map(orderSql), sql`${ident(ROWID)} ASC`], ', ');
  const hash = hashOf(sql`rows|${selectList(outputs)}|${whereClause([p.filter])}|${orderBy}`);
  let keyset: Sql | null = null;
  if (present(p.req.cursor)) {
    const position = decodeCursor(p.req.cursor, hash, 'keyset', keys.map((k) => k.expr.type));
    if (position.kind === 'keyset') keyset = keysetCondition(keys, position);
  }
  const cursorColumns = keys.map((_, i) => `__c${i}`);
  const extras = [ident(ROWID), ...keys.map((k, i) => sql`CAST(${k.expr.sql} AS VARCHAR) AS ${ident(`__c${i}`)}`)];
  // Sources are stored in __rowid order and the engine preserves scan order, so
  // the default order needs no sort: the scan can stop after the page.
  const ordering = keys.length > 0 ? sql` ORDER BY ${orderBy}` : raw('');
  const page = render(
    sql`SELECT ${join([selectList(outputs), ...extras], ', ')} FROM ${raw(p.source)}${whereClause([p.filter, keyset])}${ordering} LIMIT ${param(p.pageSize)} OFFSET ${param(p.offset)}`,
  );
  const count = render(sql`SELECT count(*) AS total_count FROM ${raw(p.source)}${whereClause([p.filter])}`);
  return {
    sql: page.sql,
    params: page.params,
    countSql: count.sql,
    countParams: count.params,
    fields: fieldsOf(outputs),
    pageSize: p.pageSize,
    offset: p.offset,
    reservedColumns: [ROWID, ...cursorColumns],
    paging: { kind: 'keyset', hash, keyColumns: cursorColumns, rowidColumn: ROWID },
  };
}

/** A group_by item that names a select alias stands for that select expression. */
function groupExpr(item: GroupItem, select: SelectItem[] | null, resolver: ColumnResolver): Expr {
  const e = item.expr;
  if (e.kind !== 'column' || e.quoted || resolver.find(e.name, false)) return e;
  const target = exprItems(select ?? []).find((s) => s.alias?.toLowerCase() === e.name.toLowerCase());
  return target && !containsAggregate(target.expr) ? target.expr : e;
}

function compileGrouped(p: Parts, group: GroupItem[]): CompiledQuery {
  const { resolver } = p;
  const names = new OutputNames();
  names.reserve(p.select ? exprItems(p.select) : group, p.select ? 'select' : 'group_by');
  const grouping = new Map<string, Typed>();
  const keyOutputs: Output[] = [];
  const groupAliases: [string, Typed][] = [];
  for (const item of group) {
    const expr = groupExpr(item, p.select, resolver);
    const typed = compileExpr(expr, rowScope(resolver, 'group_by'));
    const canon = printExpr(expr, resolver);
    if (grouping.has(canon)) continue;
    grouping.set(canon, typed);
    if (item.alias !== undefined) groupAliases.push([item.alias, typed]);
    if (p.select === null) keyOutputs.push({ ...describeItem(expr, item.alias, resolver, names), typed });
  }
  const scope = (param: QueryParam, aliases: Map<string, Typed>): Scope => ({ resolver, param, grouping, allowAggregates: true, aliases });
  let outputs: Output[];
  if (p.select === null) {
    outputs = [...keyOutputs, { name: names.take('count', false), label: 'count', typed: compileExpr({ kind: 'call', pos: 0, name: 'count', star: true, distinct: false, args: [] }, scope('select', new Map())) }];
  } else {
    const selectScope = scope('select', aliasMap([], groupAliases));
    outputs = p.select.map((item) => {
      if (item.kind === 'star') throw invalid('select', item.pos, '`*` cannot be used with group_by or aggregates', 'list the group_by columns and aggregates instead');
      return { ...describeItem(item.expr, item.alias, resolver, names), typed: compileExpr(item.expr, selectScope) };
    });
  }
  const orderScope = scope('order_by', aliasMap(outputs, groupAliases));
  const keys: OrderKey[] = p.order.map((o) => ({ expr: compileExpr(o.expr, orderScope), descending: o.descending }));
  for (const k of grouping.values()) {
    if (!keys.some((o) => o.expr.sql === k.sql)) keys.push({ expr: k, descending: false });
  }
  let groupBy = grouping.size > 0 ? sql` GROUP BY ${join([...grouping.values()].map((k) => k.sql), ', ')}` : raw('');
  if (p.having) {
    const h = compileExpr(p.having, scope('having', aliasMap(outputs, groupAliases)));
    if (h.type !== 'boolean' && h.type !== 'null') throw invalid('having', p.having.pos, `having must be a condition (true/false), but this is ${h.type}`, 'compare an aggregate, e.g. `count(*) > 10`');
    groupBy = sql`${groupBy} HAVING ${h.sql}`;
  }
  const orderBy = keys.length > 0 ? sql` ORDER BY ${join(keys.map(orderSql), ', ')}` : raw('');
  const body = sql`${selectList(outputs)} FROM ${raw(p.source)}${whereClause([p.filter])}${groupBy}${orderBy}`;
  const hash = hashOf(sql`groups|${body}`);
  let offset = p.offset;
  if (present(p.req.cursor)) {
    const position = decodeCursor(p.req.cursor, hash, 'offset', []);
    if (position.kind === 'offset') offset = position.offset;
  }
  const page = render(sql`SELECT ${body} LIMIT ${param(p.pageSize)} OFFSET ${param(offset)}`);
  const count =
    grouping.size > 0 || p.having
      ? render(sql`SELECT count(*) AS total_count FROM (SELECT 1 AS one FROM ${raw(p.source)}${whereClause([p.filter])}${groupBy}) AS groups`)
      : render(raw('SELECT CAST(1 AS BIGINT) AS total_count'));
  return {
    sql: page.sql,
    params: page.params,
    countSql: count.sql,
    countParams: count.params,
    fields: fieldsOf(outputs),
    pageSize: p.pageSize,
    offset,
    reservedColumns: [],
    paging: { kind: 'offset', hash },
  };
}


