/**
 * The records query language: text → AST → parameterized DuckDB SQL.
 * See docs/query-language.md.
 */
export { compileParsedQuery, compileRecordsQuery, parseRecordsRequest } from './compile.ts';
export { ExpressionParser } from './parser.ts';
export type * from './ast.ts';
export { compileFacetQuery, type CompiledFacet } from './facet.ts';
export { nextCursor, presentRow } from './paging.ts';
export { QueryError, type QueryErrorCode, type QueryParam } from './errors.ts';
export type { SqlValue } from './sql.ts';
export type { CompiledQuery, CompileOptions, Paging, ParsedQuery, QueryField, RecordsRequest } from './types.ts';
export { MAX_PARAM_LENGTH, MAX_DEPTH } from './parser.ts';
export { MAX_POLYGON_VERTICES } from './wkt.ts';

/** Every reserved page column starts with this prefix; no column or alias can. */
export const RESERVED_PREFIX = '__';
