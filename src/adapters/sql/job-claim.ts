import type { ExpressionBuilder } from 'kysely';
import type { JobClaim } from '../../ports/store/jobs.ts';
import type { CatalogDb } from './schema.ts';

/**
 * Which jobs a worker may take now (ADR 54): queued ones whose wait is over,
 * and running ones whose worker let the lease run out.
 */
export function dueJob(claim: JobClaim) {
  return (e: ExpressionBuilder<CatalogDb, 'jobs'>) =>
    e.or([
      e.and([e('status', '=', 'queued'), e.or([e('run_after', 'is', null), e('run_after', '<=', claim.at)])]),
      e.and([e('status', '=', 'running'), e('lease_expires_at', '<', claim.at), e('attempts', '<', claim.maxAttempts)]),
    ]);
}

/** What taking a job writes on it: its holder, the lease, one more attempt. */
export function claimedBy(claim: JobClaim) {
  return (e: ExpressionBuilder<CatalogDb, 'jobs'>) => ({
    status: 'running',
    started_at: claim.at,
    owner: claim.owner,
    lease_expires_at: claim.leaseUntil,
    attempts: e('attempts', '+', 1),
  });
}
