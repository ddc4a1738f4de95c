import type { Expr, LiteralNode } from '../../query/ast.ts';
import { QueryError, type QueryParam } from '../../query/errors.ts';
import { ExpressionParser } from '../../query/parser.ts';
import type { ParsedQuery } from '../../query/types.ts';
import type { ColumnInfo } from '../../table/types.ts';
import { distinctGroups, groupItems, orderItems, selectItems, soqlExpression } from './clauses.ts';
import { SodaError, soqlError } from './errors.ts';
import { parseStatement } from './statement.ts';

/** SODA 2.0's page size when `$limit` is left out, and the largest Plaza serves. */
export const SODA_DEFAULT_LIMIT = 1000;
export const SODA_MAX_LIMIT = 50_000;

/** The SoQL parameters and the query language parameter each one's errors are reported under. */
const CLAUSE_PARAMS = ['$select', '$where', '$order', '$group', '$having', '$limit', '$offset', '$q', '$query'] as const;
type ClauseParam = (typeof CLAUSE_PARAMS)[number];
const PLAZA_PARAM: Readonly<Record<string, string>> = {
  select: '$select', where: '$where', order_by: '$order', group_by: '$group', having: '$having', limit: '$limit', offset: '$offset', q: '$q',
};

/** The SoQL parameter a query language parameter came from (`where` → `$where`), for errors the compiler raises. */
export function sodaParamOf(plazaParam: string, usedQuery: boolean): string {
  if (usedQuery) return '$query';
  return Object.hasOwn(PLAZA_PARAM, plazaParam) ? PLAZA_PARAM[plazaParam]! : plazaParam;
}

/** Runs one clause's parser, reporting its errors under the clause's SoQL name. */
function clause<T>(param: string, text: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof QueryError)) throw e;
    if (/^unexpected character `:`/.test(e.message)) {
      throw new SodaError(400, 'query.soql.no-such-column', 'System fields such as :id, :created_at and :updated_at are not available; name the dataset\'s own columns.', { param, position: e.position, query: text });
    }
    throw soqlError(e, param, text);
  }
}

function parser(text: string, param: QueryParam): ExpressionParser {
  return new ExpressionParser(text, param);
}

/** A simple filter `?column=value`: an equality whose value is typed by the column. */
function simpleFilter(name: string, value: string, columns: ColumnInfo[]): Expr {
  const column = columns.find((c) => c.name === name.toLowerCase() || c.label === name);
  if (!column) {
    throw new SodaError(400, 'query.soql.no-such-column', `No such column: ${name}.`, { param: name, column: name });
  }
  let literal: LiteralNode = { kind: 'literal', pos: 0, type: 'text', value };
  if ((column.type === 'integer' || column.type === 'decimal') && /^\s*-?[0-9]+(\.[0-9]+)?\s*$/.test(value)) {
    const n = Number(value);
    literal = { kind: 'literal', pos: 0, type: Number.isInteger(n) ? 'integer' : 'decimal', value: n };
  } else if (column.type === 'boolean' && /^(true|false)$/i.test(value)) {
    literal = { kind: 'literal', pos: 0, type: 'boolean', value: value.toLowerCase() === 'true' };
  } else if (column.type === 'integer' || column.type === 'decimal' || column.type === 'boolean' || column.type === 'geometry') {
    throw new SodaError(400, 'query.soql.type-mismatch', `The value of ${name} must be a ${column.type === 'boolean' ? 'true or false' : column.type === 'geometry' ? 'query with within_circle()' : 'number'}.`, { param: name, column: name });
  }
  return { kind: 'binary', pos: 0, op: '=', left: { kind: 'column', pos: 0, name: column.name, quoted: false }, right: literal };
}

/**
 * SODA's query parameters as a records query tree. `params` are the URL's
 * query parameters; every one not starting with `$` is a simple filter on a
 * column of `columns`; `$$...` ones (such as `$$app_token`) are ignored.
 */
export function parseSoql(params: Readonly<Record<string, string>>, columns: ColumnInfo[]): ParsedQuery {
  const unknown = Object.keys(params).find((k) => k.startsWith('$') && !k.startsWith('$$') && !(CLAUSE_PARAMS as readonly string[]).includes(k));
  if (unknown !== undefined) throw new SodaError(400, 'query.soql.invalid-parameter', `Unrecognized parameter ${unknown}.`, { param: unknown });
  const get = (k: ClauseParam): string | undefined => (params[k]?.trim() ? params[k] : undefined);
  const filters = Object.entries(params).filter(([k]) => !k.startsWith('$')).map(([k, v]) => simpleFilter(k, v, columns));
  let q: ParsedQuery;
  const statement = get('$query');
  if (statement !== undefined) {
    const other = CLAUSE_PARAMS.find((k) => k !== '$query' && get(k) !== undefined);
    if (other !== undefined) throw new SodaError(400, 'query.soql.invalid-parameter', `${other} cannot be combined with $query; put it in the statement.`, { param: other });
    q = clause('$query', statement, () => parseStatement(statement));
  } else {
    q = { select: null, where: null, group: [], having: null, order: [] };
    const select = get('$select');
    if (select !== undefined) {
      clause('$select', select, () => {
        const p = parser(select, 'select');
        const { items, distinct } = selectItems(p);
        p.end();
        q.select = items;
        if (distinct) q.group = distinctGroups(items);
      });
    }
    const expr = (k: ClauseParam, param: QueryParam): Expr | null => {
      const text = get(k);
      if (text === undefined) return null;
      return clause(k, text, () => {
        const p = parser(text, param);
        const e = soqlExpression(p);
        p.end();
        return e;
      });
    };
    q.where = expr('$where', 'where');
    q.having = expr('$having', 'having');
    const group = get('$group');
    if (group !== undefined) q.group = clause('$group', group, () => ends(parser(group, 'group_by'), groupItems));
    const order = get('$order');
    if (order !== undefined) q.order = clause('$order', order, () => ends(parser(order, 'order_by'), orderItems));
    const [limit, offset, search] = [get('$limit'), get('$offset'), get('$q')];
    if (limit !== undefined) q.limit = limit;
    if (offset !== undefined) q.offset = offset;
    if (search !== undefined) q.q = search;
  }
  if (filters.length > 0) {
    const all = q.where ? [q.where, ...filters] : filters;
    q.where = all.length === 1 ? all[0]! : { kind: 'logical', pos: 0, op: 'AND', operands: all };
  }
  return q;
}

function ends<T>(p: ExpressionParser, read: (p: ExpressionParser) => T): T {
  const v = read(p);
  p.end();
  return v;
}
