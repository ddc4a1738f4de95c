import type { Job } from '../../../domain/catalog/types.ts';

/** An ingest job as the API and its event stream show it. */
export function presentJob(j: Job) {
  return {
    id: j.id,
    type: j.type,
    status: j.status,
    phase: j.phase,
    rows_read: j.rowsRead,
    rows_rejected: j.rowsRejected,
    errors: j.errors,
    result: j.result,
    created_at: j.createdAt,
    started_at: j.startedAt,
    finished_at: j.finishedAt,
    links: { self: `/api/v1/jobs/${j.id}` },
  };
}

/** A job as the queue's administrators see it: with its attempts, who holds it and until when, and the request that queued it. */
export function presentQueuedJob(j: Job) {
  return {
    ...presentJob(j),
    attempts: j.attempts ?? 0,
    owner: j.owner ?? null,
    lease_expires_at: j.leaseExpiresAt ?? null,
    run_after: j.runAfter ?? null,
    request_id: j.requestId ?? null,
  };
}
