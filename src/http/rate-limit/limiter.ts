/**
 * An in-memory rate limiter: each key gets `limit` requests per `windowMs`,
 * refilled continuously (one request every `windowMs / limit` ms), with a
 * burst of up to `limit` at once. It uses GCRA, the token bucket written as
 * one number per key: the time at which the key's bucket is full again.
 *
 * Memory stays bounded: keys whose bucket is full again are dropped by a lazy
 * sweep, and when the map still holds `maxKeys` keys the least recently used
 * one is dropped to make room (that key simply starts over with a full budget).
 */

import type { RateLimiter as Limiter, RateLimitResult } from '../../ports/rate-limiter.ts';

export type { RateLimitResult } from '../../ports/rate-limiter.ts';

export interface RateLimiterOptions {
  /** The clock, in milliseconds. */
  now: () => number;
  /** The most keys kept in memory. Default 100,000. */
  maxKeys?: number;
  /** Sweep out full buckets after this many takes (or the map's size, if larger). Default 1,000. */
  sweepEvery?: number;
}

/** Guards the arithmetic against floating-point dust from `windowMs / limit`. */
const EPSILON = 1e-6;

export class RateLimiter implements Limiter {
  readonly #now: () => number;
  readonly #maxKeys: number;
  readonly #sweepEvery: number;
  /** Key → the time its bucket is full again. Map order is least recently used first. */
  readonly #fullAt = new Map<string, number>();
  #takesSinceSweep = 0;

  constructor(options: RateLimiterOptions) {
    this.#now = options.now;
    this.#maxKeys = Math.max(1, options.maxKeys ?? 100_000);
    this.#sweepEvery = Math.max(1, options.sweepEvery ?? 1_000);
  }

  /** The number of keys held in memory. */
  get size(): number {
    return this.#fullAt.size;
  }

  /** Spends one request from `key`'s budget, if there is one left. A limit of 0 or less means unlimited. */
  take(key: string, limit: number, windowMs: number): RateLimitResult {
    if (limit <= 0) return { allowed: true, limit, remaining: Number.POSITIVE_INFINITY, resetMs: 0, retryAfterMs: 0 };
    if (!(windowMs > 0)) throw new RangeError(`windowMs must be a positive number of milliseconds, got ${windowMs}.`);

    const now = this.#now();
    this.#maybeSweep(now);

    const interval = windowMs / limit;
    const stored = this.#fullAt.get(key);
    const fullAt = Math.max(stored ?? now, now);
    const next = fullAt + interval;

    if (next - now > windowMs + EPSILON) {
      // Refused: the bucket is unchanged but the key counts as recently used, so a key that keeps
      // hammering is not the first dropped at the cap (which would hand it a fresh budget).
      // One request fits again once `next` is within a window of the clock.
      if (stored !== undefined) this.#touch(key, stored);
      return { allowed: false, limit, remaining: 0, resetMs: Math.ceil(fullAt - now), retryAfterMs: Math.max(1, Math.ceil(next - windowMs - now)) };
    }

    if (stored === undefined) this.#makeRoom();
    this.#touch(key, next);

    const remaining = Math.floor((windowMs - (next - now)) / interval + EPSILON);
    return { allowed: true, limit, remaining: Math.max(0, remaining), resetMs: Math.ceil(next - now), retryAfterMs: 0 };
  }

  /** Drops every key whose bucket is full again: forgetting it changes nothing. */
  sweep(): void {
    this.#removeFull(this.#now());
  }

  /** Stores the key's time last, so the map stays in least-recently-used order. */
  #touch(key: string, fullAt: number): void {
    this.#fullAt.delete(key);
    this.#fullAt.set(key, fullAt);
  }

  #maybeSweep(now: number): void {
    this.#takesSinceSweep += 1;
    // Waiting at least as many takes as there are keys keeps the sweep's cost constant per take.
    if (this.#takesSinceSweep < Math.max(this.#sweepEvery, this.#fullAt.size)) return;
    this.#removeFull(now);
  }

  #removeFull(now: number): void {
    this.#takesSinceSweep = 0;
    for (const [key, fullAt] of this.#fullAt) if (fullAt <= now) this.#fullAt.delete(key);
  }

  /** Before adding a key at the cap: sweep full buckets, then drop the least recently used keys if still needed. */
  #makeRoom(): void {
    if (this.#fullAt.size < this.#maxKeys) return;
    this.#removeFull(this.#now());
    for (const key of this.#fullAt.keys()) {
      if (this.#fullAt.size < this.#maxKeys) break;
      this.#fullAt.delete(key);
    }
  }
}
