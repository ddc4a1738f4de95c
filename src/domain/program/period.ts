/** A period of whole UTC days, both ends included (YYYY-MM-DD). */
export interface Period {
  from: string;
  to: string;
}

/** The lengths the period selector offers, in days; the default is 90. */
export const PERIOD_PRESETS = [30, 90, 365] as const;
export const DEFAULT_PERIOD_DAYS = 90;
/** The longest period a reader may ask for: about ten years. */
export const MAX_PERIOD_DAYS = 3_660;

const DAY_MS = 24 * 60 * 60 * 1000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const dayOf = (d: Date): string => d.toISOString().slice(0, 10);
export const addDays = (day: string, n: number): string => dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS));
/** The first instant of the period. */
export const startOf = (p: Period): string => `${p.from}T00:00:00.000Z`;
/** The first instant after the period. */
export const endOf = (p: Period): string => `${addDays(p.to, 1)}T00:00:00.000Z`;
/** Every day of the period, in order. */
export function daysOf(p: Period): string[] {
  const out: string[] = [];
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The last `days` days up to and including today. */
export const lastDays = (days: number, now: Date): Period => ({ from: addDays(dayOf(now), 1 - days), to: dayOf(now) });

const isDay = (v: string): boolean => DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && dayOf(new Date(`${v}T00:00:00Z`)) === v;

export type PeriodCheck = { ok: true; period: Period; days: number | null } | { ok: false; problem: 'badDay' | 'reversed' | 'tooLong'; period: Period; days: number };

/**
 * The period a reader asked for: `days` (30, 90 or 365) or `from` and `to`;
 * nothing, the last 90 days. A day that is no date, a `from` after `to` or a
 * period over ten years is a problem, and the default period is used.
 */
export function readPeriod(q: { days?: unknown; from?: unknown; to?: unknown }, now: Date): PeriodCheck {
  const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
  const from = text(q.from);
  const to = text(q.to);
  const fallback = lastDays(DEFAULT_PERIOD_DAYS, now);
  if (from || to) {
    if (!isDay(from || dayOf(now)) || !isDay(to || dayOf(now))) return { ok: false, problem: 'badDay', period: fallback, days: DEFAULT_PERIOD_DAYS };
    const period = { from: from || addDays(to, 1 - DEFAULT_PERIOD_DAYS), to: to || dayOf(now) };
    if (period.from > period.to) return { ok: false, problem: 'reversed', period: fallback, days: DEFAULT_PERIOD_DAYS };
    if (daysBetween(period.from, period.to) + 1 > MAX_PERIOD_DAYS) return { ok: false, problem: 'tooLong', period: fallback, days: DEFAULT_PERIOD_DAYS };
    return { ok: true, period, days: null };
  }
  const days = Number(text(q.days) || DEFAULT_PERIOD_DAYS);
  const preset = (PERIOD_PRESETS as readonly number[]).includes(days) ? days : DEFAULT_PERIOD_DAYS;
  return { ok: true, period: lastDays(preset, now), days: preset };
}

/** Whole days from one day to another. */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The period's query string, as the report's links and downloads carry it. */
export const periodQuery = (p: Period): string => `from=${p.from}&to=${p.to}`;
