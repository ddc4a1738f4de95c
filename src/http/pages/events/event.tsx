import type { EventDetail } from '../../../actions/program/read-events.ts';
import { FollowSection, ITEM_FOLLOW_MESSAGES, type FollowState } from '../components/follow.tsx';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';
import { eventPath, When } from './when.tsx';

export interface EventPageState {
  csrf: string | undefined;
  signedIn: boolean;
  follow: FollowState;
  notice?: string | undefined;
  error?: string | undefined;
}

const STYLE = `.event-text{white-space:pre-line;overflow-wrap:anywhere;max-width:44rem}.event-facts{list-style:none;padding:0;overflow-wrap:anywhere}.event-facts li{margin:.25rem 0}
.attendance label{display:block;margin:.3rem 0;font-weight:400}.staff{border-top:2px solid var(--line);margin-top:2rem}`;

function Registration({ d, s }: { d: EventDetail; s: EventPageState }) {
  const t = useT();
  const path = eventPath(d.event);
  const left = d.event.capacity === null ? null : Math.max(0, d.event.capacity - d.registered);
  return (
    <section aria-labelledby="registration">
      <h2 id="registration">{t.t('events.registration')}</h2>
      <p>
        {t.t('events.registeredCount', { count: d.registered })}
        {left !== null ? ` · ${t.t('events.placesLeft', { count: left })}` : ''}
        {d.waiting ? ` · ${t.t('events.waitingCount', { count: d.waiting })}` : ''}
      </p>
      {d.mine === 'registered' ? <p role="status">{t.t('events.youAreRegistered')}</p> : null}
      {d.mine === 'waiting' ? <p role="status">{t.t('events.youAreWaiting')}</p> : null}
      {d.past || d.event.state === 'cancelled' ? (
        <p>{t.t('events.registrationClosed')}</p>
      ) : !s.signedIn ? (
        <p>
          <a href={`/sign-in?next=${encodeURIComponent(path)}`}>{t.t('events.signInToRegister')}</a>
        </p>
      ) : s.csrf ? (
        <form method="post" action={`${path}/${d.mine ? 'cancel' : 'register'}`}>
          <input type="hidden" name="_csrf" value={s.csrf} />
          <button type="submit" class={d.mine ? 'usa-button usa-button--secondary' : 'usa-button'}>
            {t.t(d.mine ? 'events.cancelRegistration' : left === 0 ? 'events.joinWaitingList' : 'events.register')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function Attendance({ d, s }: { d: EventDetail; s: EventPageState }) {
  const t = useT();
  const regs = d.registrants ?? [];
  return (
    <section aria-labelledby="attendance" class="attendance">
      <h2 id="attendance">{t.t('events.attendance')}</h2>
      {!regs.length ? (
        <p>{t.t('events.noRegistrants')}</p>
      ) : (
        <form method="post" action={`${eventPath(d.event)}/attendance`}>
          <input type="hidden" name="_csrf" value={s.csrf} />
          <fieldset class="usa-fieldset">
            <legend class="usa-legend">{t.t('events.attendedLegend')}</legend>
            {regs.map((r) => (
              <label key={r.userId}>
                <input type="checkbox" name="attended" value={r.userId} checked={r.attended} /> {r.name || r.userId} ({t.t(`events.state.${r.state}`)})
              </label>
            ))}
          </fieldset>
          <button type="submit" class="usa-button">{t.t('events.saveAttendance')}</button>
        </form>
      )}
    </section>
  );
}

/** `/events/{slug}`: an event, its problems and statements, registration, the follow button, and the staff's tools. */
export function eventPage(pc: PageContext, d: EventDetail, s: EventPageState): SafeHtml {
  const t = pc.t;
  const e = d.event;
  const path = eventPath(e);
  return renderPage(
    <Layout title={e.title} description={e.description.slice(0, 200)} styles={STYLE}>
      {s.notice ? (
        <div class="usa-alert usa-alert--success" role="status">
          {s.notice}
        </div>
      ) : null}
      {s.error ? (
        <div class="usa-alert usa-alert--error" role="alert">
          {ruleText(t, s.error)}
        </div>
      ) : null}
      <p>
        <a href="/events">{t.t('events.title')}</a>
      </p>
      {e.state === 'cancelled' ? <p class="usa-alert usa-alert--warning">{t.t('events.cancelledNotice')}</p> : null}
      <h1>{e.title}</h1>
      <ul class="event-facts">
        <li>
          <strong>{t.t('events.when')}:</strong> <When e={e} zone={d.timeZone} />
        </li>
        {e.place ? (
          <li>
            <strong>{t.t('events.place')}:</strong> {e.place}
          </li>
        ) : null}
        {e.link ? (
          <li>
            <strong>{t.t('events.link')}:</strong>{' '}
            <a href={e.link} rel="nofollow noopener">
              {e.link}
            </a>
          </li>
        ) : null}
      </ul>
      {e.description ? <p class="event-text">{e.description}</p> : null}
      {e.agenda ? (
        <>
          <h2>{t.t('events.agenda')}</h2>
          <p class="event-text">{e.agenda}</p>
        </>
      ) : null}
      <h2>{t.t('events.problems')}</h2>
      {d.problems.length ? (
        <ul>
          {d.problems.map((p) => (
            <li key={p.id}>
              <a href={`/problems/${encodeURIComponent(p.id)}`}>{p.title}</a> ({t.t(`problems.status.${p.status}`)})
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.t('events.noProblems')}</p>
      )}
      <h2>{t.t('statements.title')}</h2>
      {d.statements.length ? (
        <ul>
          {d.statements.map((st) => (
            <li key={st.id}>
              <a href={`/statements/${encodeURIComponent(st.id)}`}>{st.title}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.t('statements.none')}</p>
      )}
      {e.notes ? (
        <>
          <h2>{t.t('events.notes')}</h2>
          <p class="event-text">{e.notes}</p>
        </>
      ) : null}
      <Registration d={d} s={s} />
      <FollowSection page={path} feed={`/feeds/events/${encodeURIComponent(e.id)}.atom`} state={s.follow} messages={ITEM_FOLLOW_MESSAGES} />
      <h2>{t.t('events.exports')}</h2>
      <ul>
        <li>
          <a href={`${path}/summary`}>{t.t('events.summary')}</a>
        </li>
        <li>
          <a href={`${path}.md`}>{t.t('events.markdown')}</a>
        </li>
        <li>
          <a href={`${path}.ics`}>{t.t('events.ics')}</a>
        </li>
      </ul>
      {d.mayRun && s.csrf ? (
        <div class="staff">
          <h2>{t.t('events.staffTools')}</h2>
          <p>
            <a class="usa-button usa-button--outline" href={`${path}/edit`}>
              {t.t('events.edit')}
            </a>{' '}
            <a class="usa-button usa-button--outline" href={`/statements/new?event=${encodeURIComponent(e.slug)}`}>
              {t.t('statements.write')}
            </a>
          </p>
          <Attendance d={d} s={s} />
        </div>
      ) : null}
    </Layout>,
    pc,
  );
}
