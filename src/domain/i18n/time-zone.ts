/**
 * The portal's time zone: instants are kept in UTC and shown in the site's
 * zone (an IANA name such as "America/New_York"). A date and time typed in a
 * form (`datetime-local`, "2026-10-17T10:00") is read as a wall-clock time in
 * that zone. Pure: only the runtime's Intl data.
 */

export const DEFAULT_TIME_ZONE = 'UTC';

/** Whether `zone` is an IANA time zone the runtime knows. */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The wall-clock parts of `instant` in `zone`, as if they were UTC, in milliseconds. */
function wallClock(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
}

/** How far `zone` is ahead of UTC at `instant`, in milliseconds. */
export function zoneOffset(instant: number, zone: string): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return wallClock(whole, zone) - whole;
}

/**
 * The UTC instant (ISO text) of a local date and time in `zone`, or undefined
 * when the text is not a date and time. A time the clocks skip (spring
 * forward) is read with the offset before the change (02:30 becomes 03:30);
 * a time that happens twice (fall back) is the first of the two.
 */
export function localToInstant(local: string, zone: string): string | undefined {
  const m = LOCAL.exec(local.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  // The offsets a few hours either side cover the change; the earlier candidate that reads back right wins.
  const offsets = [...new Set([zoneOffset(asUtc - 86_400_000 / 2, zone), zoneOffset(asUtc + 86_400_000 / 2, zone)])].sort((a, b) => b - a);
  for (const off of offsets) {
    const t = asUtc - off;
    if (wallClock(t, zone) === asUtc) return new Date(t).toISOString();
  }
  return new Date(asUtc - offsets[offsets.length - 1]!).toISOString();
}

/** The `datetime-local` text of an instant in `zone` ("2026-10-17T10:00"), for a form's value. */
export function instantToLocal(instant: string, zone: string): string {
  return new Date(wallClock(Date.parse(instant), zone)).toISOString().slice(0, 16);
}

/** An instant as people read it in `zone` and `language`, with the zone's short name ("Oct 17, 2026, 10:00 AM EDT"). */
export function formatInstant(instant: string, zone: string, language: string): string {
  return new Intl.DateTimeFormat(language, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant)) + ' ' + zoneName(instant, zone, language);
}

/** A date alone in `zone` ("Saturday, October 17, 2026"). */
export function formatDate(instant: string, zone: string, language: string): string {
  return new Intl.DateTimeFormat(language, { timeZone: zone, dateStyle: 'full' }).format(new Date(instant));
}

/** A time alone in `zone` ("2:00 PM"). */
export function formatTime(instant: string, zone: string, language: string): string {
  return new Intl.DateTimeFormat(language, { timeZone: zone, timeStyle: 'short' }).format(new Date(instant));
}

/** The zone's short name at `instant` in `language` ("EDT", "GMT-4", "UTC"). */
export function zoneName(instant: string, zone: string, language: string): string {
  const parts = new Intl.DateTimeFormat(language, { timeZone: zone, timeZoneName: 'short' }).formatToParts(new Date(instant));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}
