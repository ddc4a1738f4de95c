import type { EventDetail } from '../../../actions/program/read-events.ts';
import type { PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { When } from './when.tsx';

const STYLE = `body{font-family:Georgia,serif;max-width:44rem;margin:1.5rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5;overflow-wrap:anywhere}
.text{white-space:pre-line}h1{font-size:1.8rem}h2{font-size:1.25rem;border-bottom:1px solid #999;margin-top:1.5rem}a{color:#1a4480}
@media print{body{margin:0;max-width:none}a{color:#000;text-decoration:none}.no-print{display:none}h2{break-after:avoid}section{break-inside:avoid}}`;

/** `/events/{slug}/summary`: the event on one printable page, without the site's navigation. */
export function summaryPage(pc: PageContext, d: EventDetail): SafeHtml {
  const t = pc.t;
  const e = d.event;
  return renderPage(
    <html lang={t.lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${e.title} · ${pc.site.name}`}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        <main>
          <p class="no-print">
            <a href={`/events/${encodeURIComponent(e.slug)}`}>{t.t('events.backToEvent')}</a>
          </p>
          <h1>{e.title}</h1>
          {e.state === 'cancelled' ? <p><strong>{t.t('events.cancelledNotice')}</strong></p> : null}
          <p>
            <When e={e} zone={d.timeZone} />
            {e.place ? <><br />{e.place}</> : null}
            {e.link ? <><br />{e.link}</> : null}
          </p>
          <p>{t.t('events.registeredCount', { count: d.registered })}</p>
          {e.description ? <p class="text">{e.description}</p> : null}
          {e.agenda ? (
            <section>
              <h2>{t.t('events.agenda')}</h2>
              <p class="text">{e.agenda}</p>
            </section>
          ) : null}
          <section>
            <h2>{t.t('events.problems')}</h2>
            <ul>
              {d.problems.map((p) => (
                <li key={p.id}>
                  {p.title} ({t.t(`problems.status.${p.status}`)})
                </li>
              ))}
            </ul>
          </section>
          {e.notes ? (
            <section>
              <h2>{t.t('events.notes')}</h2>
              <p class="text">{e.notes}</p>
            </section>
          ) : null}
          {d.statements.map((s) => (
            <section key={s.id}>
              <h2>{s.title}</h2>
              <p><strong>{t.t('statements.affected')}</strong> {s.affected}</p>
              <p><strong>{t.t('statements.need')}</strong> {s.need}</p>
              <p><strong>{t.t('statements.measure')}</strong> {s.measure}</p>
              {s.dataNotes ? <p><strong>{t.t('statements.dataNotes')}</strong> {s.dataNotes}</p> : null}
            </section>
          ))}
        </main>
      </body>
    </html>,
    pc,
  );
}
