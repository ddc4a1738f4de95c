import { describe, expect, it } from 'vitest';
import { MAX_WEBHOOK_ATTEMPTS, retryDelayMs } from '../../src/domain/notify/backoff.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const schedule = [30 * S, 2 * M, 10 * M, 1 * H, 6 * H];

describe('webhook retry schedule', () => {
  it('allows six attempts: the first and five retries', () => {
    expect(MAX_WEBHOOK_ATTEMPTS).toBe(6);
    expect(schedule).toHaveLength(MAX_WEBHOOK_ATTEMPTS - 1);
  });

  it('waits 30 s, 2 min, 10 min, 1 h, then 6 h without jitter', () => {
    expect([1, 2, 3, 4, 5].map((a) => retryDelayMs(a, () => 0.5))).toEqual(schedule);
  });

  it('stays within ±20 % whatever the random draw', () => {
    for (let attempt = 1; attempt < MAX_WEBHOOK_ATTEMPTS; attempt++) {
      const base = schedule[attempt - 1]!;
      expect(retryDelayMs(attempt, () => 0)).toBe(Math.round(base * 0.8));
      expect(retryDelayMs(attempt, () => 0.999999)).toBeLessThanOrEqual(Math.round(base * 1.2));
      expect(retryDelayMs(attempt, () => 0.999999)).toBeGreaterThan(base * 1.19);
      for (let i = 0; i < 200; i++) {
        const d = retryDelayMs(attempt, Math.random)!;
        expect(d).toBeGreaterThanOrEqual(base * 0.8);
        expect(d).toBeLessThanOrEqual(base * 1.2);
      }
    }
  });

  it('keeps each wait longer than the one before, even with opposite jitter', () => {
    for (let attempt = 2; attempt < MAX_WEBHOOK_ATTEMPTS; attempt++) {
      expect(retryDelayMs(attempt, () => 0)!).toBeGreaterThan(retryDelayMs(attempt - 1, () => 0.999999)!);
    }
  });

  it('clamps a random source that strays outside [0, 1)', () => {
    expect(retryDelayMs(1, () => -5)).toBe(24 * S);
    expect(retryDelayMs(1, () => 7)).toBe(36 * S);
  });

  it('returns null once no attempt is left, and for nonsense counts', () => {
    expect(retryDelayMs(MAX_WEBHOOK_ATTEMPTS, () => 0.5)).toBeNull();
    expect(retryDelayMs(MAX_WEBHOOK_ATTEMPTS + 3, () => 0.5)).toBeNull();
    expect(retryDelayMs(0, () => 0.5)).toBeNull();
    expect(retryDelayMs(-1, () => 0.5)).toBeNull();
    expect(retryDelayMs(2.5, () => 0.5)).toBeNull();
    expect(retryDelayMs(Number.NaN, () => 0.5)).toBeNull();
  });
});
