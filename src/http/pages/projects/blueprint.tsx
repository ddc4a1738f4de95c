import { phaseDates } from '../../../domain/program/projects.ts';
import type { Blueprint } from '../../../domain/program/blueprint.ts';
import { Layout } from '../components/Layout.tsx';
import type { PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';

const STYLE = `.blueprint table{border-collapse:collapse;width:100%}.blueprint th,.blueprint td{text-align:left;padding:.3rem;border-bottom:1px solid var(--line);overflow-wrap:anywhere;vertical-align:top}
@media print{header,footer,nav,.no-print{display:none!important}}`;

/** `/projects/{slug}/blueprint`: the adoption blueprint, printable. */
export function blueprintPage(pc: PageContext, b: Blueprint, slug: string): SafeHtml {
  const t = pc.t;
  return renderPage(
    <Layout title={t.t('projects.blueprintTitle', { title: b.title })} styles={STYLE}>
      <div class="blueprint">
        <p class="no-print">
          <a href={`/projects/${encodeURIComponent(slug)}`}>{b.title}</a> · <a href={`/projects/${encodeURIComponent(slug)}/blueprint.md`}>{t.t('projects.blueprintMd')}</a>
        </p>
        <h1>{t.t('projects.blueprintTitle', { title: b.title })}</h1>
        <p>{b.summary}</p>
        <h2>{t.t('projects.statement')}</h2>
        <p>{b.statement}</p>
        <h2>{t.t('projects.partners')}</h2>
        <ul>
          {b.partners.map((p) => (
            <li key={p.name}>
              {p.name} ({t.t(`projects.kind.${p.kind}`)})
            </li>
          ))}
        </ul>
        <h2>{t.t('projects.checklist')}</h2>
        <table class="usa-table usa-table--borderless">
          <thead>
            <tr>
              <th scope="col">{t.t('projects.constraint')}</th>
              <th scope="col">{t.t('projects.decision')}</th>
              <th scope="col">{t.t('projects.notes')}</th>
              <th scope="col">{t.t('projects.owner')}</th>
            </tr>
          </thead>
          <tbody>
            {b.checklist.map((c) => (
              <tr key={c.item}>
                <th scope="row">{t.t(`projects.item.${c.item}`)}</th>
                <td>{t.t(`projects.status.${c.status}`)}</td>
                <td>{c.notes}</td>
                <td>{c.owner}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t.t('projects.datasets')}</h2>
        <ul>
          {b.datasets.map((d) => (
            <li key={d.slug}>{d.title}</li>
          ))}
        </ul>
        <h2>{t.t('projects.timeline')}</h2>
        <ol>
          {phaseDates(b.startDate, b.phases).map((ph) => (
            <li key={ph.key}>
              {ph.name}: {t.t('projects.phaseSpan', { start: ph.start, end: ph.end, weeks: ph.weeks })}
            </li>
          ))}
        </ol>
        {b.milestones.length ? (
          <ul>
            {b.milestones.map((m) => (
              <li key={m.id}>
                {m.dueDate} {m.title} ({t.t(`projects.milestone.${m.status}`)})
              </li>
            ))}
          </ul>
        ) : null}
        <h2>{t.t('projects.launchHeading')}</h2>
        {b.launch ? (
          <dl>
            <dt>{t.t('projects.launchWhat')}</dt>
            <dd>{b.launch.what}</dd>
            <dt>{t.t('projects.launchMaintainer')}</dt>
            <dd>{b.launch.maintainer}</dd>
            <dt>{t.t('projects.launchLink')}</dt>
            <dd>{b.launch.link}</dd>
          </dl>
        ) : (
          <p>{t.t('projects.notLaunched')}</p>
        )}
      </div>
    </Layout>,
    pc,
  );
}
