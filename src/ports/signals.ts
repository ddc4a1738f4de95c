/**
 * What one part of Plaza tells the others:
 * - `job-queued`: a job, mail or webhook delivery is waiting, so a worker
 *   should look now rather than at its next poll;
 * - `pages-changed`: something pages show changed, so pages kept for visitors
 *   may be stale.
 * Signals are hints: each receiver also looks for itself on a timer, so one
 * lost in transit delays work without losing it.
 */
export type Signal = 'job-queued' | 'pages-changed';

/**
 * Signals between the parts of Plaza. The in-process implementation reaches
 * the listeners of this process; one shared by several processes (the
 * catalog's PostgreSQL `LISTEN/NOTIFY`) reaches theirs too.
 */
export interface Signals {
  /** Tells every listener of `signal`. Never throws: a listener's failure is its own. */
  send(signal: Signal): void;
  /** Calls `listener` on each `signal` from now on; the function returned stops it. */
  listen(signal: Signal, listener: () => void): () => void;
  close(): Promise<void>;
}
