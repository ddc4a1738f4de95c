import { AppError } from '../../../domain/errors.ts';
import { OgcError } from '../../../domain/compat/ogc/errors.ts';

/**
 * Plaza's errors as OGC API exceptions: bad parameters 400, unknown
 * collections and features 404, rows that need a sign-in 401 or 403, a
 * query over its time budget 504; anything unexpected a 500 without details.
 */
export function toOgcError(e: unknown): OgcError {
  if (e instanceof OgcError) return e;
  if (e instanceof AppError) {
    if (e.status === 400) return new OgcError(400, 'InvalidParameterValue', e.message);
    if (e.status === 401) return new OgcError(401, 'Unauthorized', e.message);
    if (e.status === 403) return new OgcError(403, 'Forbidden', e.message);
    if (e.status === 404) return new OgcError(404, 'NotFound', e.message);
    if (e.status === 409) return new OgcError(409, 'Conflict', e.message);
    if (e.status === 504) return new OgcError(504, 'Timeout', e.message);
  }
  return new OgcError(500, 'ServerError', 'The server could not answer this request.');
}
