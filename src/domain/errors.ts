/**
 * The catalog of errors a user can meet. Each has a stable code and an HTTP
 * status; the HTTP layer renders every one as
 * `{ "error": { "code", "message", "details" } }`.
 */
export const ERROR_CODES = {
  bad_request: 400,
  validation_failed: 400,
  query_syntax: 400,
  unknown_column: 400,
  query_invalid: 400,
  bad_file: 422,
  unauthorized: 401,
  bad_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  insufficient_storage: 507,
  account_locked: 423,
  rate_limited: 429,
  query_timeout: 504,
  fetch_failed: 502,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

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
    return ERROR_CODES[this.code];
  }
}

export const notFound = (what: string, id: string): AppError =>
  new AppError('not_found', `${what} "${id}" was not found.`, { id });
