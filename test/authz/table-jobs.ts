import { fresh, type Table } from './table.ts';
import type { World } from './world.ts';

/**
 * The job queue (docs/jobs.md): site administrators list jobs by status and
 * retry dead letters; no one else sees the queue.
 */

/** A new dead job (a kind no worker runs, so it stays as it is); its id. */
async function deadJob(w: World): Promise<string> {
  const id = `matrix-dead-${fresh()}`;
  const at = w.t.deps.clock.now().toISOString();
  await w.t.deps.catalog.jobs.createJob({ id, type: 'matrix-none', status: 'dead', phase: 'dead', rowsRead: 0, rowsRejected: 0, errors: [{ row: null, column: null, message: 'Attempt 5 of 5 failed' }], payload: {}, result: null, createdAt: at, startedAt: at, finishedAt: at, attempts: 5 });
  return id;
}

const admins = (ok: number) => ({ anonymous: 401, viewer: 403, editor: 403, orgAdmin: 403, otherEditor: 403, siteAdmin: ok, tokenRead: 403, tokenWrite: 403, tokenAdmin: 403 });

export const jobTable: Table = {
  'GET /api/v1/jobs': [{ name: 'the dead letters', request: () => ({ url: '/api/v1/jobs?status=dead' }), expect: admins(200) }],
  'POST /api/v1/jobs/{id}/retry': [{ name: 'a dead job', request: async (w) => ({ url: `/api/v1/jobs/${await deadJob(w)}/retry` }), expect: admins(200) }],
};
