/** Error codes a records query can fail with (all map to HTTP 400). */
export type QueryErrorCode = 'query_syntax' | 'unknown_column' | 'query_invalid';

/** The request parameter an error is about. */
export type QueryParam =
  | 'select'
  | 'where'
  | 'group_by'
  | 'order_by'
  | 'having'
  | 'q'
  | 'limit'
  | 'offset'
  | 'cursor'
  | 'facet';

/**
 * A user mistake in a records query.
 *
 * `param` names the request parameter, `position` is the 0-based character
 * offset inside that parameter's text (0 for non-text parameters), and `hint`
 * is an optional suggestion such as "did you mean `ward`?".
 */
export class QueryError extends Error {
  readonly code: QueryErrorCode;
  readonly param: QueryParam;
  readonly position: number;
  readonly hint?: string;

  constructor(code: QueryErrorCode, param: QueryParam, position: number, message: string, hint?: string) {
    super(message);
    this.name = 'QueryError';
    this.code = code;
    this.param = param;
    this.position = position;
    if (hint !== undefined) this.hint = hint;
  }

  /** The `details` object of the HTTP error body. */
  toDetails(): { param: QueryParam; position: number; hint?: string } {
    return this.hint === undefined
      ? { param: this.param, position: this.position }
      : { param: this.param, position: this.position, hint: this.hint };
  }
}

/** Shorthand constructors used by the parser and compiler. */
export function syntaxError(param: QueryParam, position: number, message: string, hint?: string): QueryError {
  return new QueryError('query_syntax', param, position, message, hint);
}

export function invalid(param: QueryParam, position: number, message: string, hint?: string): QueryError {
  return new QueryError('query_invalid', param, position, message, hint);
}
