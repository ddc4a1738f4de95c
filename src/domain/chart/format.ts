import type { Bucket, XKind } from './spec.ts';

/**
 * Numbers and dates as people read them in a language (English unless told):
 * thousands separated, at most a few decimals; dates at a period's precision.
 */

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f as T;
}

const DATE_OPTIONS: Record<Bucket | 'time', Intl.DateTimeFormatOptions> = {
  day: { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' },
  week: { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' },
  month: { timeZone: 'UTC', year: 'numeric', month: 'short' },
  year: { timeZone: 'UTC', year: 'numeric' },
  time: { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
};

export function formatNumber(v: number, locale = 'en-US'): string {
  if (!Number.isFinite(v)) return '';
  const small = v !== 0 && Math.abs(v) < 0.01;
  const f = cached(`n:${small}:${locale}`, () => new Intl.NumberFormat(locale, small ? { maximumSignificantDigits: 3 } : { maximumFractionDigits: 2 }));
  return f.format(v);
}

/** A time (UTC milliseconds) at the precision of a period: "2016", "Mar 2016", "Mar 5, 2016". */
export function formatDate(ms: number, unit: Bucket | 'time' = 'day', locale = 'en-US'): string {
  return Number.isFinite(ms) ? cached(`d:${unit}:${locale}`, () => new Intl.DateTimeFormat(locale, DATE_OPTIONS[unit])).format(ms) : '';
}

/** The text of an x value, for ticks, the table and the summary. */
export function formatX(kind: XKind, v: number | string, unit: Bucket | 'time' = 'day', locale = 'en-US'): string {
  if (typeof v === 'string') return v;
  return kind === 'time' ? formatDate(v, unit, locale) : formatNumber(v, locale);
}
