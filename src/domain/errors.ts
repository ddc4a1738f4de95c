/**
 * How one kind of error is answered and logged. `expected` errors are caused
 * by what a user sent or asked for (or by a server elsewhere that they
 * named): nothing is wrong inside Plaza, so they are never logged as errors
 * and never with a stack. The expected ones an operator may still want to
 * see (`logged`: refusals to reach a private network, time-outs, failed
 * downloads) are logged at info level, one line each. Unexpected errors are
 * logged at error level with their stack.
 *
 * A job that fails with an expected error is not tried again: the same
 * input would be refused the same way. Nor is one that fails with a `final`
 * error: something only an operator can change (a full disk), said on the
 * job at once rather than after hours of attempts.
 */
export interface ErrorKind {
  status: number;
  expected: boolean;
  logged?: true;
  final?: true;
}

/**
 * The catalog of errors a user can meet. Each has a stable code, an HTTP
 * status and whether it is expected; the HTTP layer renders every one as
 * `{ "error": { "code", "message", "details" } }`.
 */
export const ERROR_CATALOG = {
  bad_request: { status: 400, expected: true },
  validation_failed: { status: 400, expected: true },
  query_syntax: { status: 400, expected: true },
  unknown_column: { status: 400, expected: true },
  query_invalid: { status: 400, expected: true },
  bad_file: { status: 422, expected: true },
  url_refused: { status: 422, expected: true, logged: true },
  unauthorized: { status: 401, expected: true },
  bad_credentials: { status: 401, expected: true },
  forbidden: { status: 403, expected: true },
  csrf_failed: { status: 403, expected: true },
  not_found: { status: 404, expected: true },
  conflict: { status: 409, expected: true },
  payload_too_large: { status: 413, expected: true },
  insufficient_storage: { status: 507, expected: false, final: true },
  account_locked: { status: 423, expected: true },
  rate_limited: { status: 429, expected: true },
  query_timeout: { status: 504, expected: true, logged: true },
  fetch_failed: { status: 502, expected: true, logged: true },
  internal: { status: 500, expected: false },
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

/** Each code's HTTP status. */
export const ERROR_CODES = Object.fromEntries(Object.entries(ERROR_CATALOG).map(([code, kind]) => [code, kind.status])) as { [C in ErrorCode]: (typeof ERROR_CATALOG)[C]['status'] };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_CATALOG[this.code].status;
  }

  /** Caused by the request, not by something wrong inside Plaza (see `ErrorKind`). */
  get expected(): boolean {
    return ERROR_CATALOG[this.code].expected;
  }

  /** A job failing with it is not tried again (see `ErrorKind`). */
  get final(): boolean {
    return this.expected || 'final' in ERROR_CATALOG[this.code];
  }

  /** An expected error an operator may want to see, logged at info level. */
  get logged(): boolean {
    return 'logged' in ERROR_CATALOG[this.code];
  }
}

export const notFound = (what: string, id: string): AppError =>
  new AppError('not_found', `${what} "${id}" was not found.`, { id });
