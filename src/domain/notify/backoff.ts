/** How many times a webhook delivery is tried in all before it is given up. */
export const MAX_WEBHOOK_ATTEMPTS = 6;

/** The wait after each failed attempt: 30 s, 2 min, 10 min, 1 h, 6 h. */
const SCHEDULE_MS = [30_000, 120_000, 600_000, 3_600_000, 21_600_000] as const;

/** Each wait is moved by up to this share either way, so retries do not arrive in step. */
export const RETRY_JITTER = 0.2;

/**
 * How long to wait before the next attempt of a delivery, in milliseconds, or
 * null when none is left. `attempt` is the number of attempts already made (1
 * after the first failure); `random` returns a number in [0, 1), as
 * `Math.random` does, and spreads the wait by ±20 %.
 */
export function retryDelayMs(attempt: number, random: () => number): number | null {
  if (!Number.isInteger(attempt) || attempt < 1 || attempt >= MAX_WEBHOOK_ATTEMPTS) return null;
  const base = SCHEDULE_MS[attempt - 1];
  if (base === undefined) return null;
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(base * (1 + RETRY_JITTER * (2 * r - 1)));
}
