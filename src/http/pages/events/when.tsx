import { formatDate, formatTime, zoneName } from '../../../domain/i18n/time-zone.ts';
import type { ProgramEvent } from '../../../domain/program/events.ts';
import { useT } from '../components/page-context.ts';

/** An event's date and times in the site's zone, with the zone named: "Saturday, October 17, 2026, 10:00 AM – 2:00 PM EDT". */
export function When({ e, zone }: { e: Pick<ProgramEvent, 'startsAt' | 'endsAt'>; zone: string }) {
  const t = useT();
  const sameDay = formatDate(e.startsAt, zone, t.lang) === formatDate(e.endsAt, zone, t.lang);
  const end = sameDay ? formatTime(e.endsAt, zone, t.lang) : `${formatDate(e.endsAt, zone, t.lang)}, ${formatTime(e.endsAt, zone, t.lang)}`;
  return (
    <time dateTime={e.startsAt}>
      {formatDate(e.startsAt, zone, t.lang)}, {formatTime(e.startsAt, zone, t.lang)} – {end} {zoneName(e.endsAt, zone, t.lang)}
    </time>
  );
}

export const eventPath = (e: Pick<ProgramEvent, 'slug'>): string => `/events/${encodeURIComponent(e.slug)}`;
