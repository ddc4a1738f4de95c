import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../actions/deps.ts';

/** What an incoming `X-Request-Id` may be: up to 128 letters, digits, dots, underscores and hyphens. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The field naming the request on every log line of it, as the worker's lines name the request a job came from. */
export const REQUEST_ID_LOG_LABEL = 'requestId';

/**
 * Fastify's request id: the caller's `X-Request-Id` when it is well formed
 * (a proxy's or a load balancer's, so one id follows the request through),
 * else a new UUID. Logged as `requestId` on every line of the request.
 */
export const requestIdOptions = {
  requestIdHeader: false as const,
  genReqId(req: IncomingMessage): string {
    const given = req.headers['x-request-id'];
    return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  },
};

const isStream = (payload: unknown): payload is Readable => typeof (payload as Readable | null)?.pipe === 'function';

/**
 * The operator's view of each request: its id returned in `X-Request-Id` and
 * carried by `deps.trace` into the work it starts (jobs, log lines), its time
 * recorded by route pattern in `deps.metrics`, and event streams ended as
 * soon as the process begins to stop, so that they do not hold the shutdown.
 */
export function operationsHooks(app: FastifyInstance, deps: Pick<Deps, 'trace' | 'metrics' | 'lifecycle'>): void {
  app.addHook('onRequest', (req, reply, done) => {
    void reply.header('X-Request-Id', req.id);
    // The rest of this request's flow (its hooks, handler and what they start) runs as part of it.
    deps.trace.enter(req.id);
    done();
  });
  app.addHook('onResponse', (req, reply, done) => {
    deps.metrics.requestFinished({ route: req.routeOptions.url ?? 'unmatched', method: req.method, status: reply.statusCode, seconds: reply.elapsedTime / 1000 });
    done();
  });
  const streams = new Set<{ payload: Readable; res: ServerResponse }>();
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (isStream(payload) && String(reply.getHeader('content-type') ?? '').startsWith('text/event-stream')) {
      if (deps.lifecycle.stopping()) {
        // Begun while stopping: told to come back (elsewhere) at once.
        payload.destroy();
        done(null, 'retry: 1000\n\n');
        return;
      }
      const open = { payload, res: reply.raw };
      streams.add(open);
      reply.raw.once('close', () => streams.delete(open));
    }
    done(null, payload);
  });
  deps.lifecycle.onStopping(() => {
    // The client's EventSource reconnects, and the load balancer sends it to a node that is not stopping.
    for (const { payload, res } of streams) {
      payload.unpipe(res);
      res.end();
    }
    streams.clear();
  });
}
