import { AppError } from '../../../domain/errors.ts';
import { SodaError, sodaCodeOf } from '../../../domain/compat/soql/errors.ts';
import { sodaParamOf } from '../../../domain/compat/soql/parse.ts';

/**
 * Plaza's errors in SODA's shape: a query mistake is a 400 with SODA's code
 * and the SoQL parameter it is in; a dataset the caller may not see is a 404;
 * anything unexpected is a 500 without details.
 */
export function toSodaError(e: unknown, usedQuery: boolean): SodaError {
  if (e instanceof SodaError) return e;
  if (!(e instanceof AppError)) return new SodaError(500, 'internal_error', 'Internal error.');
  const details = e.details ?? {};
  if (e.code === 'query_syntax' || e.code === 'unknown_column' || e.code === 'query_invalid') {
    const param = typeof details.param === 'string' ? sodaParamOf(details.param, usedQuery) : undefined;
    // A bad $limit or $offset is a parameter's mistake, not a type's.
    const paging = details.param === 'limit' || details.param === 'offset';
    const code = paging ? 'query.soql.invalid-parameter' : /^unknown function/i.test(e.message) ? 'query.soql.no-such-function' : sodaCodeOf(e.code);
    return new SodaError(400, code, e.message, { ...details, ...(param ? { param } : {}) });
  }
  if (e.status === 404) return new SodaError(404, 'not_found', e.message);
  if (e.status === 401) return new SodaError(401, 'authentication_required', e.message);
  if (e.status === 403) return new SodaError(403, 'permission_denied', e.message);
  if (e.code === 'query_timeout') return new SodaError(e.status, 'query.execution.timeout', e.message);
  if (e.status < 500) return new SodaError(e.status, 'query.soql.invalid-parameter', e.message);
  return new SodaError(500, 'internal_error', 'Internal error.');
}
