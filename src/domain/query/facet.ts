import type { ColumnInfo } from '../table/types.ts';
import { ColumnResolver } from './columns.ts';
import { compileFilter, parseCount } from './compile.ts';
import { invalid } from './errors.ts';
import { ident, param, raw, render, sql, type SqlValue } from './sql.ts';
import type { QueryField, RecordsRequest } from './types.ts';

/** A compiled facet (value counts) query. */
export interface CompiledFacet {
  /** `SELECT value, count ...` ordered by count desc, then value (NULLs last). */
  sql: string;
  params: SqlValue[];
  /** The faceted column. */
  field: QueryField;
}

/**
 * Value counts of one column under the request's `where` and `q`
 * (`select`, `group_by`, `order_by` and paging are ignored). `column` is a
 * column name or label; errors name the `facet` parameter.
 */
export function compileFacetQuery(
  column: string,
  req: RecordsRequest,
  columns: ColumnInfo[],
  source: string,
  limit: number | string = 100,
): CompiledFacet {
  const resolver = new ColumnResolver(columns);
  const col = resolver.find(column, true);
  if (!col) throw resolver.unknown(column, true, 'facet', 0);
  if (col.type === 'geometry') throw invalid('facet', 0, `cannot facet the geometry column \`${col.name}\``);
  const n = parseCount(limit, 'limit', 100);
  if (n < 1 || n > 10_000) throw invalid('limit', 0, 'facet limit must be between 1 and 10000');
  const filter = compileFilter(req, resolver);
  const where = filter === null ? raw('') : sql` WHERE ${filter}`;
  const c = ident(col.name);
  const r = render(
    sql`SELECT ${c} AS "value", count(*) AS "count" FROM ${raw(source)}${where} GROUP BY ${c} ORDER BY "count" DESC, "value" ASC NULLS LAST LIMIT ${param(n)}`,
  );
  return { sql: r.sql, params: r.params, field: { name: col.name, type: col.type, label: col.label } };
}
