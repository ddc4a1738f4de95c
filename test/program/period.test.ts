import { describe, expect, it } from 'vitest';
import { figureCsv, median, medianDaysToAnswer, openedAndAnswered } from '../../src/domain/program/figures.ts';
import { addDays, readPeriod } from '../../src/domain/program/period.ts';
import type { ItemFacts } from '../../src/domain/program/facts.ts';

const now = new Date('2026-03-15T10:00:00Z');

describe('the report\'s period', () => {
  it('is the last 90 days by default, or 30 or 365, or any days asked for', () => {
    expect(readPeriod({}, now)).toEqual({ ok: true, period: { from: '2025-12-16', to: '2026-03-15' }, days: 90 });
    expect(readPeriod({ days: '30' }, now)).toEqual({ ok: true, period: { from: '2026-02-14', to: '2026-03-15' }, days: 30 });
    expect(readPeriod({ days: '365' }, now)).toMatchObject({ ok: true, period: { from: '2025-03-16', to: '2026-03-15' } });
    expect(readPeriod({ from: '2026-01-01', to: '2026-01-31' }, now)).toEqual({ ok: true, period: { from: '2026-01-01', to: '2026-01-31' }, days: null });
    // Without `to`, up to today.
    expect(readPeriod({ from: '2026-03-01' }, now)).toMatchObject({ ok: true, period: { from: '2026-03-01', to: '2026-03-15' } });
  });

  it('refuses a day that is not a date, a first day after the last, and a period over 3,660 days', () => {
    const fallback = { from: '2025-12-16', to: '2026-03-15' };
    expect(readPeriod({ from: '2026-02-30', to: '2026-03-01' }, now)).toEqual({ ok: false, problem: 'badDay', period: fallback, days: 90 });
    expect(readPeriod({ from: 'soon' }, now)).toMatchObject({ ok: false, problem: 'badDay' });
    expect(readPeriod({ from: '2026-03-02', to: '2026-03-01' }, now)).toMatchObject({ ok: false, problem: 'reversed' });
    expect(readPeriod({ from: addDays('2026-01-01', -3660), to: '2026-01-01' }, now)).toMatchObject({ ok: false, problem: 'tooLong' });
    expect(readPeriod({ from: addDays('2026-01-01', -3659), to: '2026-01-01' }, now)).toMatchObject({ ok: true });
  });
});

describe('answers', () => {
  const item = (i: Partial<ItemFacts>): ItemFacts => ({ id: 'x', title: 'X', status: 'new', hidden: false, mergedInto: null, createdAt: '2026-03-01T00:00:00.000Z', firstAnsweredAt: null, ...i });
  const period = { from: '2026-03-01', to: '2026-03-31' };

  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });

  it('leaves the median empty when nothing was answered, and hidden items out', () => {
    const hidden = item({ hidden: true, firstAnsweredAt: '2026-03-02T00:00:00.000Z' });
    expect(medianDaysToAnswer([hidden], [], period).rows).toEqual([['problems', null], ['requests', null]]);
    expect(openedAndAnswered('problems', [hidden, item({})], period).rows).toEqual([['opened', 1], ['answered', 0]]);
  });
});

it('writes CSV with quotes where needed and no formula a spreadsheet would run', () => {
  const csv = figureCsv({ name: 'f', chart: 'bar', columns: [{ name: 'dataset', kind: 'text' }, { name: 'n', kind: 'count' }], rows: [['Trees, "big"', 1], ['=SUM(A1)', null]] });
  expect(csv).toBe('dataset,n\r\n"Trees, ""big""",1\r\n"\'=SUM(A1)",\r\n');
});
