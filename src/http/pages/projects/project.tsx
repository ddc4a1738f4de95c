import type { ProjectDetail } from '../../../actions/projects/read-projects.ts';
import { CopiedFrom } from '../peers/copied-from.tsx';
import type { Showcase } from '../../../domain/community/showcases.ts';
import type { ProjectChampion } from '../../../ports/store/champions.ts';
import { ProjectChampions } from '../champions/on-project.tsx';
import { launchBlockers } from '../../../domain/program/projects.ts';
import { FollowSection, ITEM_FOLLOW_MESSAGES, itemFeed, type FollowState } from '../components/follow.tsx';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { LaunchForm, MilestoneForm, PhaseForm, UpdateForm, type FormState } from './staff-forms.tsx';
import { Timeline } from './timeline.tsx';

export interface ProjectPageState extends FormState {
  /** Set for program staff: the forms show. */
  csrf: string | undefined;
  follow: FollowState;
  showcases: readonly Showcase[];
  today: string;
  notice?: string | undefined;
  /** The published data champions looking after it. */
  champions?: readonly ProjectChampion[];
  /** The peer a project copied from a blueprint came from. */
  originPeer?: string | null | undefined;
}

const STYLE = `.project-text{white-space:pre-line;overflow-wrap:anywhere;max-width:44rem}.timeline-svg{max-width:40rem;display:block}.staff form{max-width:32rem;margin:1rem 0}
.checks{border-collapse:collapse;width:100%}.checks th,.checks td{text-align:left;padding:.3rem;border-bottom:1px solid var(--line);overflow-wrap:anywhere}.updates li{margin:.5rem 0;white-space:pre-line}`;

/** The warning shown while any constraint is not assessed or a blocker, naming them. */
export function ChecklistWarning({ d }: { d: ProjectDetail }) {
  const t = useT();
  const held = launchBlockers(d.project.checklist);
  if (!held.length) return null;
  const names = (status: string) => held.filter((c) => c.status === status).map((c) => t.t(`projects.item.${c.item}`)).join(', ');
  return (
    <div class="usa-alert usa-alert--warning" role="region" aria-label={t.t('projects.checklistWarningLabel')}>
      <div class="usa-alert__body">
        <h2 class="usa-alert__heading">{t.t('projects.checklistWarning')}</h2>
        {names('blocker') ? <p class="usa-alert__text">{t.t('projects.blockers', { items: names('blocker') })}</p> : null}
        {names('not_assessed') ? <p class="usa-alert__text">{t.t('projects.unassessed', { items: names('not_assessed') })}</p> : null}
      </div>
    </div>
  );
}

function Body({ d, s }: { d: ProjectDetail; s: ProjectPageState }) {
  const t = useT();
  const p = d.project;
  const page = `/projects/${encodeURIComponent(p.slug)}`;
  return (
    <>
      {s.notice ? (
        <div class="usa-alert usa-alert--success" role="status">
          <div class="usa-alert__body">{s.notice}</div>
        </div>
      ) : null}
      <p>
        <a href="/projects">{t.t('projects.title')}</a>
      </p>
      <h1>{p.title}</h1>
      <CopiedFrom url={p.originUrl} peer={s.originPeer} />
      <p class="project-text">{p.summary}</p>
      <ChecklistWarning d={d} />
      <h2>{t.t('projects.statement')}</h2>
      <p>{d.statement ? <a href={`/statements/${encodeURIComponent(d.statement.id)}`}>{d.statement.title}</a> : p.statementId}</p>
      <h2>{t.t('projects.partners')}</h2>
      <ul>
        {d.partners.map((a) => (
          <li key={a.id}>
            {a.name} ({t.t(`projects.kind.${a.kind}`)})
          </li>
        ))}
      </ul>
      <h2>{t.t('projects.datasets')}</h2>
      <ul>
        {d.datasets.map((x) => (
          <li key={x.id}>
            <a href={`/datasets/${encodeURIComponent(x.slug)}`}>{x.title}</a>
          </li>
        ))}
      </ul>
      <ProjectChampions champions={s.champions ?? []} />
      <h2>{t.t('projects.timeline')}</h2>
      <Timeline startDate={p.startDate} phases={p.phases} milestones={d.milestones} currentPhase={p.currentPhase} today={s.today} />
      {s.csrf ? (
        <section class="staff" aria-label={t.t('projects.staffPhase')}>
          <PhaseForm p={p} csrf={s.csrf} s={s} />
          <details>
            <summary>{t.t('projects.addMilestone')}</summary>
            <MilestoneForm p={p} csrf={s.csrf} s={s} />
          </details>
          {d.milestones.map((m) => (
            <details key={m.id}>
              <summary>{t.t('projects.editMilestone', { title: m.title })}</summary>
              <MilestoneForm p={p} csrf={s.csrf!} s={s} m={m} />
            </details>
          ))}
        </section>
      ) : null}
      <h2>{t.t('projects.checklist')}</h2>
      <table class="checks usa-table usa-table--borderless">
        <caption>{t.t('projects.checklistCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t.t('projects.constraint')}</th>
            <th scope="col">{t.t('projects.decision')}</th>
            <th scope="col">{t.t('projects.owner')}</th>
          </tr>
        </thead>
        <tbody>
          {p.checklist.map((c) => (
            <tr key={c.item}>
              <th scope="row">{t.t(`projects.item.${c.item}`)}</th>
              <td>
                {t.t(`projects.status.${c.status}`)}
                {c.notes ? <div class="project-text">{c.notes}</div> : null}
              </td>
              <td>{c.owner}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.csrf ? (
        <p>
          <a class="usa-button usa-button--outline" href={`${page}/checklist`}>{t.t('projects.editChecklist')}</a>
        </p>
      ) : null}
      <h2>{t.t('projects.launchHeading')}</h2>
      {p.launch ? (
        <dl>
          <dt>{t.t('projects.launchWhat')}</dt>
          <dd class="project-text">{p.launch.what}</dd>
          <dt>{t.t('projects.launchMaintainer')}</dt>
          <dd>{p.launch.maintainer}</dd>
          <dt>{t.t('projects.launchLink')}</dt>
          <dd>
            <a href={p.launch.link} rel="noopener">{p.launch.link}</a>
          </dd>
          {d.showcase ? (
            <>
              <dt>{t.t('projects.launchShowcase')}</dt>
              <dd>
                <a href={`/showcases/${encodeURIComponent(d.showcase.id)}`}>{d.showcase.title}</a>
              </dd>
            </>
          ) : null}
        </dl>
      ) : s.csrf ? (
        <LaunchForm p={p} csrf={s.csrf} s={s} showcases={s.showcases} />
      ) : (
        <p>{t.t('projects.notLaunched')}</p>
      )}
      <p>
        <a href={`${page}/blueprint`}>{t.t('projects.blueprint')}</a> · <a href={`${page}/blueprint.md`}>{t.t('projects.blueprintMd')}</a>
      </p>
      <h2>{t.t('projects.updates')}</h2>
      {s.csrf ? <UpdateForm p={p} csrf={s.csrf} s={s} /> : null}
      {d.updates.length ? (
        <ul class="updates">
          {d.updates.map((u) => (
            <li key={u.id}>
              <strong>{u.createdAt.slice(0, 10)}</strong> {u.body}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.t('projects.noUpdates')}</p>
      )}
      <FollowSection page={page} feed={itemFeed('project', p.id)} state={s.follow} messages={ITEM_FOLLOW_MESSAGES} />
    </>
  );
}

/** `/projects/{slug}`: the project, its warning while the checklist holds the launch, the timeline, the launch and updates, and the staff's forms. */
export function projectPage(pc: PageContext, d: ProjectDetail, s: ProjectPageState): SafeHtml {
  return renderPage(
    <Layout title={d.project.title} description={d.project.summary.slice(0, 200)} styles={STYLE}>
      <Body d={d} s={s} />
    </Layout>,
    pc,
  );
}
