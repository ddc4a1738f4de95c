import { badParameter } from './errors.ts';

/** One end of a `datetime` interval, or an instant: a date (a whole day) or a date and time. */
export interface TimeBound {
  value: string;
  dateOnly: boolean;
}

/** `datetime` as read: an instant, or an interval whose open ends are null. */
export type DatetimeFilter = { kind: 'instant'; at: TimeBound } | { kind: 'interval'; start: TimeBound | null; end: TimeBound | null };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})?$/;

function validDay(y: string, m: string, d: string): boolean {
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
}

function bound(text: string): TimeBound {
  const day = DATE.exec(text);
  if (day && validDay(day[1] as string, day[2] as string, day[3] as string)) return { value: text, dateOnly: true };
  const at = DATE_TIME.exec(text);
  if (at && validDay(at[1] as string, at[2] as string, at[3] as string) && Number(at[4]) < 24 && Number(at[5]) < 60 && Number(at[6]) < 61) {
    return { value: text.replace(/[tz]/g, (c) => c.toUpperCase()), dateOnly: false };
  }
  throw badParameter(`datetime: "${text}" is not a date (2024-05-30) or a date and time (2024-05-30T16:45:00Z) as RFC 3339 writes them.`);
}

/**
 * Parses OGC API's `datetime`: an instant (`2024-05-30`,
 * `2024-05-30T16:45:00Z`) or a closed or half-bounded interval
 * (`2024-05-01/2024-05-31`, `../2024-05-31`, `2024-05-01/..`; an empty end
 * is open too).
 */
export function parseDatetime(text: string): DatetimeFilter {
  const parts = text.trim().split('/');
  if (parts.length === 1) return { kind: 'instant', at: bound(parts[0] as string) };
  if (parts.length !== 2) throw badParameter(`datetime: "${text}" is neither an instant nor an interval start/end.`);
  const open = (p: string): boolean => p === '' || p === '..';
  const [a, b] = parts as [string, string];
  if (open(a) && open(b)) throw badParameter('datetime: an interval needs at least one end (../.. is not allowed).');
  const start = open(a) ? null : bound(a);
  const end = open(b) ? null : bound(b);
  if (start && end && start.dateOnly === end.dateOnly && start.dateOnly && start.value > end.value) {
    throw badParameter(`datetime: the interval "${text}" ends before it starts.`);
  }
  return { kind: 'interval', start, end };
}

/** The day after a date (YYYY-MM-DD): a whole day is `[day, next day)`. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
