/**
 * The request a piece of work belongs to. The web server runs each request
 * inside `run`; anything that request starts (a job it queues, a log line it
 * writes) reads `requestId()` and carries the same id.
 */
export interface RequestTrace {
  /** The id of the request being served here, or undefined outside one. */
  requestId(): string | undefined;
  /** Runs `fn` (and everything it starts) as part of the request `id`. */
  run<T>(id: string, fn: () => T): T;
  /** Marks the rest of the current asynchronous flow as part of request `id` (for hooks that cannot wrap). */
  enter(id: string): void;
}
