import { invalid, type QueryParam } from './errors.ts';
import { param, sql } from './sql.ts';
import type { Typed } from './typing.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?$/;

function validDate(y: string, m: string, d: string): boolean {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= days;
}

function validClock(h: string | undefined, mi: string | undefined, s: string | undefined): boolean {
  return Number(h ?? 0) <= 23 && Number(mi ?? 0) <= 59 && Number(s ?? 0) <= 59;
}

export function isDateText(text: string): boolean {
  const m = DATE.exec(text);
  return m !== null && validDate(m[1] ?? '', m[2] ?? '', m[3] ?? '');
}

/** `null` when not a timestamp; otherwise whether it carries a UTC offset. */
export function timestampText(text: string): { offset: boolean } | null {
  const m = TIMESTAMP.exec(text);
  if (!m || !validDate(m[1] ?? '', m[2] ?? '', m[3] ?? '') || !validClock(m[4], m[5], m[6])) return null;
  return { offset: m[7] !== undefined };
}

export function isTimeText(text: string): boolean {
  const m = TIME.exec(text);
  return m !== null && validClock(m[1], m[2], m[3]);
}

function typed(cast: string, value: string, type: 'date' | 'timestamp' | 'time', tz: boolean): Typed {
  const p = param(value);
  const body =
    cast === 'DATE' ? sql`CAST(${p} AS DATE)`
    : cast === 'TIMESTAMP' ? sql`CAST(${p} AS TIMESTAMP)`
    : cast === 'TIMESTAMPTZ' ? sql`CAST(${p} AS TIMESTAMPTZ)`
    : sql`CAST(${p} AS TIME)`;
  return { sql: body, type, tz, aggregate: false };
}

/** `date'…'` literal. */
export function dateLiteral(text: string, p: QueryParam, pos: number): Typed {
  if (!isDateText(text)) throw invalid(p, pos, `'${text}' is not a date`, 'write dates as YYYY-MM-DD');
  return typed('DATE', text, 'date', false);
}

/** `timestamp'…'` literal; one with a UTC offset becomes a TIMESTAMPTZ. */
export function timestampLiteral(text: string, p: QueryParam, pos: number): Typed {
  const ts = timestampText(text);
  if (ts === null) {
    if (isDateText(text)) return typed('TIMESTAMP', text, 'timestamp', false);
    throw invalid(p, pos, `'${text}' is not a timestamp`, 'write timestamps as YYYY-MM-DDTHH:MM:SS, optionally with Z or +HH:MM');
  }
  return ts.offset ? typed('TIMESTAMPTZ', text, 'timestamp', true) : typed('TIMESTAMP', text, 'timestamp', false);
}

/** A text literal compared with a date, timestamp or time expression, coerced to that kind. */
export function coerceText(text: string, target: 'date' | 'timestamp' | 'time', p: QueryParam, pos: number): Typed {
  if (target === 'time') {
    if (!isTimeText(text)) throw invalid(p, pos, `'${text}' is not a time`, 'write times as HH:MM or HH:MM:SS');
    return typed('TIME', text, 'time', false);
  }
  if (isDateText(text)) return dateLiteral(text, p, pos);
  if (timestampText(text) !== null) return timestampLiteral(text, p, pos);
  const hint = target === 'date' ? 'write dates as YYYY-MM-DD' : 'write timestamps as YYYY-MM-DDTHH:MM:SS or dates as YYYY-MM-DD';
  throw invalid(p, pos, `'${text}' is not a ${target}`, hint);
}
