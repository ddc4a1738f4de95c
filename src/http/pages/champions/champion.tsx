import type { ChampionDetail } from '../../../actions/champions/read-champions.ts';
import type { Channel } from '../../../domain/program/champions.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { belongsTo } from './directory.tsx';

const STYLE = `.champion-bio{white-space:pre-line;overflow-wrap:anywhere;max-width:44rem}.champion-channels{padding-left:1.25rem}.champion-channels li,.champion-datasets li{margin:.35rem 0;overflow-wrap:anywhere}
.champion-datasets{padding-left:1.25rem}`;

/** A channel's value as a link where it is one. */
function ChannelValue({ c }: { c: Channel }) {
  const t = useT();
  if (c.kind === 'office_hours') return <>{t.t('champions.officeHoursAt', { time: c.value, place: c.place })}</>;
  if (c.kind === 'email' && c.value.includes('@')) return <a href={`mailto:${c.value}`}>{c.value}</a>;
  if (/^https?:\/\//.test(c.value)) return <a href={c.value} rel="nofollow noopener">{c.value}</a>;
  return <>{c.value}</>;
}

/** `/champions/{slug}`: who they are, how to reach them (only the channels they chose to show), the datasets they look after with each one's freshness, and their projects. */
export function championPage(pc: PageContext, d: ChampionDetail, s: { notice?: string | undefined; seesHidden: boolean }): SafeHtml {
  const t = pc.t;
  const c = d.champion;
  const where = belongsTo(c, d.organization ? [d.organization] : []);
  return renderPage(
    <Layout title={c.name} description={c.bio.slice(0, 200) || t.t('champions.title')} styles={STYLE}>
      {s.notice ? (
        <div class="usa-alert usa-alert--success" role="status">
          {s.notice}
        </div>
      ) : null}
      {!c.published ? <p class="usa-alert usa-alert--info">{t.t('champions.unpublishedNote')}</p> : null}
      <p>
        <a href="/champions">{t.t('champions.title')}</a>
      </p>
      <span class="usa-tag">{t.t(`champions.tier.${c.tier}`)}</span>
      <h1>{c.name}</h1>
      {where ? <p>{d.organization ? <a href={`/organizations/${encodeURIComponent(d.organization.slug)}`}>{where}</a> : where}</p> : null}
      {c.topics.length ? <p>{t.t('champions.topicsList', { topics: c.topics.join(', ') })}</p> : null}
      {c.bio ? <p class="champion-bio">{c.bio}</p> : null}
      {d.mayEdit ? (
        <p>
          <a class="usa-button usa-button--outline" href={`/champions/${encodeURIComponent(c.slug)}/edit`}>{t.t('champions.edit')}</a>
        </p>
      ) : null}
      <h2>{t.t('champions.reachHeading')}</h2>
      {c.channels.length ? (
        <ul class="champion-channels">
          {c.channels.map((x) => (
            <li key={x.kind}>
              <strong>{t.t(`champions.channel.${x.kind}`)}</strong>: <ChannelValue c={x} />
              {s.seesHidden && !x.shown ? <> ({t.t('champions.hiddenMark')})</> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.t('champions.noChannels')}</p>
      )}
      <h2>{t.t('champions.datasetsHeading')}</h2>
      {d.datasets.length ? (
        <ul class="champion-datasets">
          {d.datasets.map((x) => (
            <li key={x.dataset.id}>
              <a href={`/datasets/${encodeURIComponent(x.dataset.slug)}`}>{x.dataset.title}</a> — <span class="usa-tag">{x.state === 'overdue' ? t.t('champions.fresh.overdue', { days: x.freshness.daysOverdue }) : t.t(`champions.fresh.${x.state}`)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.t('champions.noDatasets')}</p>
      )}
      <section id="projects" aria-labelledby="projects-heading">
        <h2 id="projects-heading">{t.t('champions.projectsHeading')}</h2>
        {d.projects.length ? (
          <ul class="champion-datasets">
            {d.projects.map((x) => (
              <li key={x.project.id}>
                <a href={`/projects/${encodeURIComponent(x.project.slug)}`}>{x.project.title}</a> — {t.t('champions.projectPhase', { phase: x.phase })} — <span class="usa-tag">{t.t(x.launched ? 'champions.launched' : 'champions.notLaunched')}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t.t('champions.noProjects')}</p>
        )}
      </section>
    </Layout>,
    pc,
  );
}
