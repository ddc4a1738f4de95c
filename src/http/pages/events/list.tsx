import type { ProgramEvent } from '../../../domain/program/events.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { eventPath, When } from './when.tsx';

export interface EventListState {
  upcoming: ProgramEvent[];
  past: ProgramEvent[];
  zone: string;
  mayRun: boolean;
}

const STYLE = `.event-list{list-style:none;padding:0;max-width:48rem}.event-list li{border-bottom:1px solid var(--line);padding:.75rem 0;overflow-wrap:anywhere}.event-list h3{margin:0 0 .25rem}`;

function EventItems({ events, zone }: { events: ProgramEvent[]; zone: string }) {
  const t = useT();
  if (!events.length) return <p>{t.t('events.none')}</p>;
  return (
    <ul class="event-list">
      {events.map((e) => (
        <li key={e.id}>
          <h3>
            <a href={eventPath(e)}>{e.title}</a>
          </h3>
          {e.state === 'cancelled' ? <span class="usa-tag">{t.t('events.cancelled')}</span> : null}{' '}
          <When e={e} zone={zone} />
          {e.place ? <div>{e.place}</div> : null}
        </li>
      ))}
    </ul>
  );
}

/** `/events`: the scope-a-thons to come and those past. */
export function eventListPage(pc: PageContext, s: EventListState): SafeHtml {
  const t = pc.t;
  return renderPage(
    <Layout title={t.t('events.title')} styles={STYLE}>
      <h1>{t.t('events.title')}</h1>
      <p>{t.t('events.intro')}</p>
      <p>
        {s.mayRun ? (
          <>
            <a class="usa-button" href="/events/new">
              {t.t('events.new')}
            </a>{' '}
          </>
        ) : null}
        <a href="/statements">{t.t('statements.all')}</a> · <a href="/events.ics">{t.t('events.calendar')}</a>
      </p>
      <h2>{t.t('events.upcoming')}</h2>
      <EventItems events={s.upcoming} zone={s.zone} />
      <h2>{t.t('events.past')}</h2>
      <EventItems events={s.past} zone={s.zone} />
    </Layout>,
    pc,
  );
}
