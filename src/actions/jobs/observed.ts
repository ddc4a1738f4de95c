import type { JobHandler } from './handler.ts';

/**
 * The handlers, each telling `deps.metrics` how long its job ran and whether
 * it ended well, so that `/metrics` shows every kind of job the same way.
 */
export function observedHandlers(handlers: Readonly<Record<string, JobHandler>>): Record<string, JobHandler> {
  const observed: Record<string, JobHandler> = {};
  for (const [type, handler] of Object.entries(handlers)) {
    observed[type] = async (...args) => {
      const [deps] = args;
      const started = performance.now();
      let ok = false;
      try {
        const result = await handler(...args);
        ok = true;
        return result;
      } finally {
        deps.metrics.jobFinished({ type, seconds: (performance.now() - started) / 1000, ok });
      }
    };
  }
  return observed;
}
