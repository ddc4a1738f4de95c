/** The waits before a job's next attempt: 10 s, 1 min, 5 min, 30 min, then 2 h each time. */
const SCHEDULE_MS = [10_000, 60_000, 300_000, 1_800_000, 7_200_000] as const;

/** Each wait is moved by up to this share either way, so jobs that failed together do not come back together. */
export const JOB_RETRY_JITTER = 0.2;

/**
 * How long a job waits before its next attempt, in milliseconds, after
 * `attempts` attempts (1 after the first failure). `random` returns a number
 * in [0, 1), as `Math.random` does, and spreads the wait by ±20 %.
 */
export function jobRetryDelayMs(attempts: number, random: () => number): number {
  const i = Math.min(Math.max(Math.floor(attempts), 1), SCHEDULE_MS.length) - 1;
  const base: number = SCHEDULE_MS[i] ?? 7_200_000;
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(base * (1 + JOB_RETRY_JITTER * (2 * r - 1)));
}
