import { maskUrlsIn } from '../../domain/net/mask-url.ts';
import type { Deps } from '../deps.ts';

/** Whether this node can serve, and each engine's answer: `ok`, or why not. */
export interface Readiness {
  ready: boolean;
  /** True once the process has begun to stop: it is then not ready, whatever the engines say. */
  stopping: boolean;
  checks: Record<string, string>;
}

/** A probe's failure as the answer shows it: one line, credentials in addresses masked, not too long. */
function reason(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const line = maskUrlsIn(text).split('\n')[0]!.trim() || 'failed without a message';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/**
 * Runs one probe within the time-out; resolves with `ok` or the reason it
 * failed. When the time-out fires, the answers that already came back are
 * read first (one turn of the event loop): after the process itself stalled
 * (a long pause, a busy machine), the time-out and the engine's answer are
 * due together, and the engine did answer.
 */
async function ask(check: () => Promise<void>, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<string>((resolve) => {
    timer = setTimeout(() => setImmediate(() => resolve(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(check).then(() => 'ok', reason), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Readiness: every probe in `deps.probes` (catalog, blob store, DuckDB, Redis
 * when configured) asked at once, each within `timeoutMs` (PLAZA_READY_TIMEOUT_MS). A process
 * that has begun to stop is not ready, and asks nothing.
 */
export async function checkReady(deps: Pick<Deps, 'lifecycle' | 'probes'>, timeoutMs: number): Promise<Readiness> {
  if (deps.lifecycle.stopping()) return { ready: false, stopping: true, checks: {} };
  const answers = await Promise.all(deps.probes.map(async (p) => [p.name, await ask(() => p.check(), timeoutMs)] as const));
  const checks = Object.fromEntries(answers);
  return { ready: answers.every(([, a]) => a === 'ok'), stopping: false, checks };
}
