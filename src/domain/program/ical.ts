import type { ProgramEvent } from './events.ts';

/**
 * Events as iCalendar (RFC 5545): one VEVENT each with a stable UID, the
 * times as UTC instants, and text escaped and folded as the standard says.
 */

/** Escapes a TEXT value: backslash, semicolon, comma and line breaks. */
export function icsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets, never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** An instant as an iCalendar UTC date-time: 20261017T140000Z. */
export const icsInstant = (iso: string): string => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export interface IcsOptions {
  /** The portal's address, for each event's URL and UID. */
  baseUrl: string;
  /** The calendar's name. */
  name: string;
  /** When the file is made (DTSTAMP). */
  now: Date;
}

function vevent(e: ProgramEvent, o: IcsOptions): string[] {
  const url = `${o.baseUrl}/events/${encodeURIComponent(e.slug)}`;
  const host = new URL(o.baseUrl).hostname || 'plaza';
  const description = [e.description, e.agenda, url].filter(Boolean).join('\n\n');
  return [
    'BEGIN:VEVENT',
    `UID:event-${e.id}@${host}`,
    `DTSTAMP:${icsInstant(o.now.toISOString())}`,
    `DTSTART:${icsInstant(e.startsAt)}`,
    `DTEND:${icsInstant(e.endsAt)}`,
    `SUMMARY:${icsText(e.title)}`,
    `DESCRIPTION:${icsText(description)}`,
    ...(e.place || e.link ? [`LOCATION:${icsText(e.place || e.link)}`] : []),
    `URL:${url}`,
    `STATUS:${e.state === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    `LAST-MODIFIED:${icsInstant(e.updatedAt)}`,
    'END:VEVENT',
  ];
}

/** A calendar of the events given. */
export function toIcs(events: ProgramEvent[], o: IcsOptions): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Plaza//Events//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${icsText(o.name)}`, ...events.flatMap((e) => vevent(e, o)), 'END:VCALENDAR'];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
