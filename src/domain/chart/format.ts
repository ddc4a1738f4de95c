import type { Bucket } from './spec.ts';
import type { XKind } from './query.ts';

/** Numbers as people read them in English: thousands separated, at most a few decimals. */
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const SMALL = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return '';
  return v !== 0 && Math.abs(v) < 0.01 ? SMALL.format(v) : NUMBER.format(v);
}

const DATES = {
  day: new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }),
  week: new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }),
  month: new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short' }),
  year: new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric' }),
  time: new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }),
};

/** A time (UTC milliseconds) at the precision of a period: "2016", "Mar 2016", "Mar 5, 2016". */
export function formatDate(ms: number, unit: Bucket | 'time' = 'day'): string {
  return Number.isFinite(ms) ? DATES[unit].format(ms) : '';
}

/** The text of an x value, for ticks, the table and the summary. */
export function formatX(kind: XKind, v: number | string, unit: Bucket | 'time' = 'day'): string {
  if (typeof v === 'string') return v;
  return kind === 'time' ? formatDate(v, unit) : formatNumber(v);
}
