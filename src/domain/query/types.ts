import type { ColumnType } from '../table/types.ts';
import type { Expr, GroupItem, OrderItem, SelectItem } from './ast.ts';
import type { SqlValue } from './sql.ts';

/** Query parameters of `GET /api/v1/datasets/{id}/records`, as text from the URL. */
export interface RecordsRequest {
  /** Comma list of `expr [AS alias]` or `*`. Default `*` (or group keys + `count(*) AS count` when grouping). */
  select?: string;
  /** Boolean expression. */
  where?: string;
  /** Comma list of `expr [AS alias]`. */
  group_by?: string;
  /** Boolean expression over the groups (aggregates allowed); needs group_by or an aggregate select. */
  having?: string;
  /** Comma list of `expr [ASC|DESC]`; expr may be a select output name. */
  order_by?: string;
  /** Free text: every word must appear in some text column (`search(q)`), ANDed with where. */
  q?: string;
  /** Page size, 0..maxLimit (default 100). Numbers or decimal strings. */
  limit?: number | string;
  /** Rows to skip (≥ 0). Not combinable with cursor. */
  offset?: number | string;
  /** `next_cursor` from the previous page of the same query. */
  cursor?: string;
}

/**
 * A records query as syntax trees: what each dialect (the records query
 * language, SoQL, CKAN's filters and SQL) parses its text into, and what the
 * one compiler takes.
 */
export interface ParsedQuery {
  select: SelectItem[] | null;
  where: Expr | null;
  /** Free-text search, ANDed with where. */
  q?: string;
  group: GroupItem[];
  having: Expr | null;
  order: OrderItem[];
  limit?: number | string;
  offset?: number | string;
  cursor?: string;
}

export interface CompileOptions {
  /** Highest accepted limit (default 10,000). */
  maxLimit?: number;
  /** Limit when none is given (default 100). */
  defaultLimit?: number;
}

/** An output column of a query, as listed in the response's `fields`. */
export interface QueryField {
  name: string;
  type: ColumnType;
  label: string;
}

/** How `nextCursor` continues after a page. */
export type Paging =
  | {
      /** Ungrouped query: keyset pagination on the order-by values plus `__rowid`. */
      kind: 'keyset';
      /** Hash of the query shape, checked when the cursor comes back. */
      hash: string;
      /** Reserved page columns holding the order-by values as VARCHAR (`__c0`, `__c1`, ...). */
      keyColumns: string[];
      /** Reserved page column holding the row id (`__rowid`). */
      rowidColumn: string;
    }
  | {
      /** Grouped or aggregate query: the cursor encodes the next offset. */
      kind: 'offset';
      hash: string;
    };

/**
 * A compiled records query. Run `sql` with `params` for the page and
 * `countSql` with `countParams` for `total_count`, e.g.
 * `conn.runAndReadAll(q.sql, q.params)`.
 *
 * Page rows of ungrouped queries carry extra **reserved columns** listed in
 * `reservedColumns` (`__rowid`, and `__c0`, `__c1`, ... with each order-by
 * value cast to VARCHAR). They exist only to build `next_cursor`; present only
 * the columns in `fields`, in that order. Every reserved name starts with `__`,
 * which no column or alias can.
 */
export interface CompiledQuery {
  /** Page query. FROM uses the `source` passed in, verbatim. Placeholders `$1..$n`. */
  sql: string;
  /** Values for `sql`'s placeholders: strings, numbers (integers bind as INTEGER/BIGINT, others DOUBLE), booleans, null. */
  params: SqlValue[];
  /** `SELECT count(*) AS total_count ...` for the same filters and grouping, without paging. */
  countSql: string;
  /** Values for `countSql`'s placeholders (its own numbering). */
  countParams: SqlValue[];
  /** Output columns, in order. */
  fields: QueryField[];
  /** Rows per page (the limit). */
  pageSize: number;
  /** Rows skipped before this page (from `offset`, or from a grouped query's cursor). */
  offset: number;
  /** Extra page columns to strip from output (empty for grouped queries). */
  reservedColumns: string[];
  /** What `nextCursor` needs. */
  paging: Paging;
}
