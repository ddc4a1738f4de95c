import { AppError } from '../../domain/errors.ts';
import { compileFacetQuery, compileParsedQuery, compileRecordsQuery, nextCursor, presentRow, QueryError, type CompileOptions, type ParsedQuery, type QueryField, type RecordsRequest } from '../../domain/query/index.ts';
import { ROWID, type ColumnInfo } from '../../domain/table/types.ts';
import type { UseKind } from '../../domain/program/facts.ts';
import { noteUse } from '../catalog/read-datasets.ts';
import type { Deps, Principal } from '../deps.ts';
import { readyVersion, resolveVersion, type ReadableVersion, type ReadyVersion } from './resolve-version.ts';

/** One page of a records query: how many rows match in all, the fields, the page's rows, and where the next page starts. */
export interface RecordsPage {
  total: number;
  fields: QueryField[];
  results: Record<string, unknown>[];
  /** Continues the same query after this page; null on the last page. */
  nextCursor: string | null;
  /** Each row's id (its position in the version's file, from 1), for queries without grouping; null for grouped ones. */
  rowIds: number[] | null;
  /** The resource whose file made the version read (null for versions made otherwise). */
  resourceId: string | null;
}

/** How often each value of one column occurs under a query's filters, most frequent first. */
export interface FacetCounts {
  field: QueryField;
  values: Array<{ value: unknown; count: number }>;
}

/** Turns a query-language error into the catalog's error shape. */
export function queryError(e: unknown): unknown {
  if (!(e instanceof QueryError)) return e;
  // The query language's messages are phrases ("unexpected end of where"); people read sentences.
  const sentence = `${e.message.charAt(0).toUpperCase()}${e.message.slice(1)}${/[.!?]$/.test(e.message) ? '' : '.'}`;
  return new AppError(e.code, sentence, { param: e.param, position: e.position, ...(e.hint ? { hint: e.hint } : {}) });
}

/**
 * Runs a records query on a dataset's live (or numbered) version. `keep`
 * lets the engine remember the page (versions never change): for the few
 * small pages that many readers ask for, such as a dataset page's preview.
 * `use` counts the query as a use of the dataset (the records API: `api`).
 */
export async function queryRecords(deps: Deps, p: Principal, datasetIdOrSlug: string, req: RecordsRequest, versionNumber?: number, keep = false, use?: UseKind): Promise<RecordsPage> {
  return runQuery(deps, await resolveVersion(deps, p, datasetIdOrSlug, versionNumber), (columns, source) => compileRecordsQuery(req, columns, source), { keep, use });
}

/**
 * Runs a records query on a version already resolved for the principal
 * (`readableVersion`): the records API checks its entity tag and its kept
 * answers first, then runs the query on the very version the tag named.
 */
export async function queryVersionRecords(deps: Deps, readable: ReadableVersion, req: RecordsRequest, use?: UseKind): Promise<RecordsPage> {
  return runQuery(deps, await readyVersion(deps, readable), (columns, source) => compileRecordsQuery(req, columns, source), { use });
}

/** How another dialect's query runs: the version, whether to keep the page, what use it counts as, and the compiler's limits. */
export interface ParsedQueryOptions {
  versionNumber?: number | undefined;
  keep?: boolean;
  use?: UseKind | undefined;
  compile?: CompileOptions;
  /** false: skip the count query (for dialects that report no total); `total` is then the rows up to the end of this page. */
  count?: boolean;
}

/**
 * Runs a query another dialect (SoQL, CKAN's filters or SQL) has parsed into
 * the records query's syntax tree: the same checks, compiler, engine and time
 * budget as the records API.
 */
export async function queryParsedRecords(deps: Deps, p: Principal, datasetIdOrSlug: string, parsed: ParsedQuery | ((columns: ColumnInfo[]) => ParsedQuery), opts: ParsedQueryOptions = {}): Promise<RecordsPage> {
  const build = typeof parsed === 'function' ? parsed : () => parsed;
  return runQuery(deps, await resolveVersion(deps, p, datasetIdOrSlug, opts.versionNumber), (columns, source) => compileParsedQuery(build(columns), columns, source, opts.compile), opts);
}

async function runQuery(deps: Deps, ready: ReadyVersion, compile: (columns: ColumnInfo[], source: string) => ReturnType<typeof compileParsedQuery>, opts: ParsedQueryOptions): Promise<RecordsPage> {
  const { dataset, version, dataPath } = ready;
  if (opts.use) noteUse(deps, dataset, opts.use);
  let compiled;
  try {
    compiled = compile(version.columns, deps.engine.relation(dataPath));
  } catch (e) {
    throw queryError(e);
  }
  const timeoutMs = deps.limits.queryTimeoutMs;
  const [page, count] = await Promise.all([
    deps.engine.query(compiled.sql, compiled.params, { timeoutMs, cache: opts.keep ?? false }),
    // Versions never change, so a count computed once holds: paging through a result counts once.
    opts.count === false ? null : deps.engine.query(compiled.countSql, compiled.countParams, { timeoutMs, cache: true }),
  ]);
  const rows = page.rows;
  return {
    total: count === null ? compiled.offset + rows.length : Number(count.rows[0]?.total_count ?? 0),
    fields: compiled.fields,
    results: rows.map((r) => presentRow(compiled, r)),
    nextCursor: nextCursor(compiled, rows[rows.length - 1], rows.length),
    rowIds: compiled.paging.kind === 'keyset' ? rows.map((r) => Number(r[ROWID])) : null,
    resourceId: version.resourceId,
  };
}

/** Value counts of one column under the same filters as the records API. */
export async function facetCounts(deps: Deps, p: Principal, datasetIdOrSlug: string, column: string, req: RecordsRequest, limit?: number, versionNumber?: number): Promise<FacetCounts> {
  const { version, dataPath } = await resolveVersion(deps, p, datasetIdOrSlug, versionNumber);
  let compiled;
  try {
    compiled = compileFacetQuery(column, req, version.columns, deps.engine.relation(dataPath), limit ?? 100);
  } catch (e) {
    throw queryError(e);
  }
  const r = await deps.engine.query(compiled.sql, compiled.params, { timeoutMs: deps.limits.queryTimeoutMs });
  return { field: compiled.field, values: r.rows.map((row) => ({ value: row.value, count: Number(row.count) })) };
}
