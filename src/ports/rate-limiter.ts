/** What one spent request left of a budget. */
export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  /** Requests still allowed right now. */
  remaining: number;
  /** Milliseconds until the full budget is back. */
  resetMs: number;
  /** 0 when allowed; otherwise milliseconds until one request is allowed. */
  retryAfterMs: number;
}

/**
 * Counts requests against budgets: each key gets `limit` requests per
 * `windowMs`, refilled continuously (GCRA). In this process's memory, or in
 * Redis, where every web node spends from one budget.
 */
export interface RateLimiter {
  /** Spends one request from `key`'s budget, if there is one left. A limit of 0 or less means unlimited. Never rejects. */
  take(key: string, limit: number, windowMs: number): RateLimitResult | Promise<RateLimitResult>;
}
