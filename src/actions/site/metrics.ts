import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/**
 * The Prometheus exposition of this process. With `PLAZA_METRICS_TOKEN` set,
 * only a request bearing that token gets it (compared in constant time);
 * unset, anyone does, so keep `/metrics` off the public proxy.
 */
export async function readMetrics(deps: Deps, bearer: string | undefined): Promise<{ contentType: string; body: string }> {
  const expected = deps.site.metricsToken;
  if (expected && !(bearer !== undefined && timingSafeEqual(digest(bearer), digest(expected)))) {
    throw new AppError('unauthorized', 'The metrics need the token set in PLAZA_METRICS_TOKEN: send it as "Authorization: Bearer <token>".');
  }
  return deps.metrics.exposition();
}
