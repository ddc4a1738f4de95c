/**
 * What one part of Plaza tells the others:
 * - `job-queued`: a job, mail or webhook delivery is waiting, so a worker
 *   should look now rather than at its next poll;
 * - `pages-changed`: something pages show changed, so pages kept for visitors
 *   may be stale;
 * - `job-progress`: a job's status, phase or row counts changed, so a reader
 *   following it live (the progress stream) should read it now.
 * Signals are hints: each receiver also looks for itself on a timer, so one
 * lost in transit delays work without losing it.
 */
export type Signal = 'job-queued' | 'pages-changed' | 'job-progress';

/** Every signal, for those that must tell them all at once (after a lost connection, some may have been missed). */
export const SIGNALS: readonly Signal[] = ['job-queued', 'pages-changed', 'job-progress'];

/**
 * Signals between the parts of Plaza. The in-process implementation reaches
 * the listeners of this process; one shared by several processes (the
 * catalog's PostgreSQL `LISTEN/NOTIFY`, or Redis) reaches theirs too.
 */
export interface Signals {
  /** Tells every listener of `signal`. Never throws: a listener's failure is its own. */
  send(signal: Signal): void;
  /** Calls `listener` on each `signal` from now on; the function returned stops it. */
  listen(signal: Signal, listener: () => void): () => void;
  /** Whether signals reach other processes too (PostgreSQL or Redis), not only this one. */
  readonly shared: boolean;
  close(): Promise<void>;
}
