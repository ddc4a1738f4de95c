import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps, Principal } from '../../../actions/deps.ts';
import { getJobFor } from '../../../actions/jobs/get-job.ts';
import type { Job } from '../../../domain/catalog/types.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { presentJob } from './present.ts';

/**
 * How often the job is read while it runs when no `job-progress` signal
 * comes (signals are hints: one lost still shows within this).
 */
export const POLL_MS = 1_000;
/** A comment line this often keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
/** A stream ends after this long even if the job has not finished; EventSource reconnects. */
const MAX_STREAM_MS = 30 * 60_000;

const finished = (j: Job): boolean => j.status === 'succeeded' || j.status === 'failed' || j.status === 'dead';

/**
 * Wakes on `job-progress` signals, from this process or, with shared
 * signals, any other: `next(ms)` resolves at once if one came since the last
 * call, else on the next one, or after `ms`.
 */
function progressWaker(deps: Deps) {
  let came = false;
  let wake: (() => void) | undefined;
  const stop = deps.signals.listen('job-progress', () => {
    came = true;
    wake?.();
  });
  return {
    next(ms: number): Promise<void> {
      if (came) {
        came = false;
        return Promise.resolve();
      }
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          wake = undefined;
          resolve();
        }, ms);
        wake = () => {
          clearTimeout(timer);
          wake = undefined;
          came = false;
          resolve();
        };
      });
    },
    stop,
  };
}

/**
 * The job as Server-Sent Events: one `job` event now, another whenever its
 * status, phase or row counts change, and the stream ends once it has finished.
 * The job is read again on each `job-progress` signal (sent by whichever
 * process runs it) and at least every POLL_MS.
 */
async function* jobEvents(deps: Deps, p: Principal, first: Job): AsyncGenerator<string> {
  let job = first;
  let last = '';
  let quietSince = Date.now();
  const until = Date.now() + MAX_STREAM_MS;
  const waker = progressWaker(deps);
  try {
    yield `retry: 1000\n\n`;
    for (;;) {
      const key = `${job.status}|${job.phase}|${job.rowsRead}|${job.rowsRejected}`;
      if (key !== last) {
        last = key;
        quietSince = Date.now();
        yield `event: job\ndata: ${JSON.stringify(presentJob(job))}\n\n`;
      } else if (Date.now() - quietSince > HEARTBEAT_MS) {
        quietSince = Date.now();
        yield `: still ${job.phase}\n\n`;
      }
      if (finished(job) || Date.now() > until) return;
      await waker.next(POLL_MS);
      job = await getJobFor(deps, p, job.id);
    }
  } finally {
    waker.stop();
  }
}

export function jobEventRoutes(app: FastifyInstance, ctx: HttpContext): void {
  route(app, ctx.registry, {
    method: 'GET', path: '/api/v1/jobs/{id}/events', operationId: 'followJob', tag: 'Data', access: 'editor',
    summary: 'Live progress of an ingest job (Server-Sent Events) until it finishes',
    description: 'A `text/event-stream`: a `job` event (the job as `GET /api/v1/jobs/{id}` gives it) at once and whenever its status, phase or row counts change; the stream ends when the job has succeeded or failed.',
    params: z.object({ id: z.string().min(1).max(100) }),
    responses: { 200: { description: 'The event stream', contentType: 'text/event-stream' } },
  }, async ({ req, reply, params }) => {
    const p = await actorOf(ctx.deps, req);
    const job = await getJobFor(ctx.deps, p, params.id);
    void reply.header('Content-Type', 'text/event-stream; charset=utf-8').header('Cache-Control', 'no-store').header('X-Accel-Buffering', 'no');
    return Readable.from(jobEvents(ctx.deps, p, job));
  });
}
