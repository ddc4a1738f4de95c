import type { QueryError, QueryErrorCode } from '../../query/errors.ts';

/** SODA's error codes Plaza answers with. */
export type SodaErrorCode =
  | 'query.compiler.malformed'
  | 'query.soql.no-such-column'
  | 'query.soql.no-such-function'
  | 'query.soql.type-mismatch'
  | 'query.soql.invalid-parameter'
  | 'not_found'
  | 'authentication_required'
  | 'permission_denied'
  | 'query.execution.timeout'
  | 'internal_error';

/** SODA's error body: `{ code, error: true, message, data }`. */
export interface SodaErrorBody {
  code: SodaErrorCode;
  error: true;
  message: string;
  data: Record<string, unknown>;
}

/** A refusal in SODA's terms, with its HTTP status. */
export class SodaError extends Error {
  constructor(
    readonly status: number,
    readonly code: SodaErrorCode,
    message: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
  get body(): SodaErrorBody {
    return { code: this.code, error: true, message: this.message, data: this.data };
  }
}

const CODES: Readonly<Record<QueryErrorCode, SodaErrorCode>> = {
  query_syntax: 'query.compiler.malformed',
  unknown_column: 'query.soql.no-such-column',
  query_invalid: 'query.soql.type-mismatch',
};

/** SODA's code for one of the query language's error codes. */
export const sodaCodeOf = (code: string): SodaErrorCode => (Object.hasOwn(CODES, code) ? CODES[code as QueryErrorCode] : 'query.compiler.malformed');

/** A sentence from the query language's phrase ("unexpected end of where" → "Unexpected end of where."). */
export const sentence = (m: string): string => `${m.charAt(0).toUpperCase()}${m.slice(1)}${/[.!?]$/.test(m) ? '' : '.'}`;

/**
 * A query language error met while reading the SoQL parameter `param`
 * (`$where`, `$query`, or a simple filter's column), as SODA reports it.
 */
export function soqlError(e: QueryError, param: string, text: string): SodaError {
  const data: Record<string, unknown> = { param, position: e.position, query: text };
  if (e.hint !== undefined) data.hint = e.hint;
  return new SodaError(400, sodaCodeOf(e.code), sentence(e.message), data);
}
