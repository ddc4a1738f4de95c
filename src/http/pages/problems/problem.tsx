import type { ProblemDetail } from '../../../actions/community/read-problems.ts';
import { nextProblemStatuses } from '../../../domain/community/problems.ts';
import { FollowSection, ITEM_FOLLOW_MESSAGES, itemFeed, itemPage, type FollowState } from '../components/follow.tsx';
import { FormField } from '../components/FormField.tsx';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { UserText } from '../components/user-link.tsx';
import type { SafeHtml } from '../html.ts';
import { Comments } from '../community/comments.tsx';
import { ItemNotices } from '../community/item-notices.tsx';
import { Votes } from '../community/votes.tsx';
import { ReportForm, type ReportFormState } from '../moderation/report-form.tsx';
import { categoryLabel, placeLabel, statusLabel } from './labels.ts';
import { LINKS_STYLE, LinkedDatasets, type LinksState } from './links.tsx';
import { ProblemProgram, type ProgramOfProblem } from '../events/on-problem.tsx';
import { ProblemProjects } from '../projects/problem-projects.tsx';
import { ProblemPlace, type PlaceMapState } from './place-map.tsx';

/** What the problem page shows beside the problem: the session's CSRF token for its forms, and a form's answer. */
export interface ProblemPageState {
  /** The session's CSRF token; absent for visitors. */
  csrf: string | undefined;
  notice?: string | undefined;
  /** Whether the reader may follow the problem, and already does. */
  follow?: FollowState | undefined;
  /** The organizations a moderator may assign the problem to. */
  organizations?: Array<{ id: string; slug: string; name: string }> | undefined;
  /** The triage form as sent, and its problems, when it was refused. */
  values?: Record<string, string> | undefined;
  errors?: Record<string, string> | undefined;
  /** The signed-in reader's address when it is not confirmed: a notice with "send the link again" stands in for the vote and comment forms. */
  unconfirmedEmail?: string | undefined;
  /** A report form that was refused: the problem's (`problem`) or a comment's (its id), and what it said. */
  report?: { target: string; state: ReportFormState } | undefined;
  /** A comment's hide or show form that was refused. */
  commentModeration?: { commentId: string; reason: string; error: string } | undefined;
  /** The problem drawn on the city's map. */
  place?: PlaceMapState | undefined;
  /** The datasets linked to it, and the form to link more. */
  links?: LinksState | undefined;
  /** The scope-a-thons that took it up and the statements written from it. */
  program?: ProgramOfProblem | undefined;
  /** The projects whose problem statement links this problem. */
  projects?: ReadonlyArray<{ slug: string; title: string }> | undefined;
}

const STYLE = `.problem-votes{display:flex;flex-wrap:wrap;gap:1rem;align-items:center}.problem-votes form{margin:0}.history li{margin:.25rem 0}
form.triage,form.comment-form{max-width:32rem}form.triage .usa-textarea,form.comment-form .usa-textarea{height:6rem}.comments{padding-left:1.25rem}.comments li{margin:.5rem 0}.comments p{margin:.2rem 0}
details.report{margin:.5rem 0}details.report summary{cursor:pointer;color:#1a4480;text-decoration:underline}form.report-form,form.moderate-form{max-width:32rem;margin-top:.5rem}form.moderate-form .usa-textarea{height:4rem}
${LINKS_STYLE}`;

function Triage({ d, s }: { d: ProblemDetail; s: ProblemPageState }) {
  const t = useT();
  const next = nextProblemStatuses(d.problem.status);
  const v = s.values ?? {};
  const e = s.errors ?? {};
  return (
    <section aria-labelledby="triage">
      <h2 id="triage">{t.t('problems.triage')}</h2>
      <form method="post" action={`/problems/${encodeURIComponent(d.problem.id)}/status`} class="usa-form triage">
        <input type="hidden" name="_csrf" value={s.csrf ?? ''} />
        <FormField name="status" label={t.t('problems.moveTo')} error={e.status}>
          {(a) => (
            <select {...a} class="usa-select">
              {next.map((o) => (
                <option key={o} value={o} selected={v.status === o}>{statusLabel(t, o)}</option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name="reason" label={t.t('problems.reason')} hint={t.t('problems.reasonHint')} error={e.reason}>
          {(a) => <textarea {...a} class="usa-textarea" maxLength={2000}>{v.reason ?? ''}</textarea>}
        </FormField>
        <button type="submit" class="usa-button">{t.t('problems.move')}</button>
      </form>
      {d.mayModerate ? (
        <form method="post" action={`/problems/${encodeURIComponent(d.problem.id)}/visibility`} class="usa-form triage">
          <input type="hidden" name="_csrf" value={s.csrf ?? ''} />
          <input type="hidden" name="hidden" value={d.problem.hidden ? 'false' : 'true'} />
          {d.problem.hidden ? null : (
            <FormField name="hide_reason" label={t.t('problems.hideReason')} hint={t.t('problems.hideHint')} error={e.hide_reason}>
              {(a) => <textarea {...a} class="usa-textarea" maxLength={2000}>{v.hide_reason ?? ''}</textarea>}
            </FormField>
          )}
          <button type="submit" class="usa-button usa-button--outline">{t.t(d.problem.hidden ? 'problems.showAgain' : 'problems.hide')}</button>
        </form>
      ) : null}
      {d.mayModerate && s.organizations ? (
        <form method="post" action={`/problems/${encodeURIComponent(d.problem.id)}/assign`} class="usa-form triage">
          <input type="hidden" name="_csrf" value={s.csrf ?? ''} />
          <FormField name="organization" label={t.t('problems.assignTo')} hint={t.t('problems.assignHint')} error={e.organization}>
            {(a) => (
              <select {...a} class="usa-select">
                <option value="">{t.t('problems.noOrganization')}</option>
                {s.organizations!.map((o) => (
                  <option key={o.id} value={o.slug} selected={d.problem.organizationId === o.id}>{o.name}</option>
                ))}
              </select>
            )}
          </FormField>
          <button type="submit" class="usa-button usa-button--outline">{t.t('problems.assign')}</button>
        </form>
      ) : null}
      {d.mayModerate ? (
        <form method="post" action={`/problems/${encodeURIComponent(d.problem.id)}/merge`} class="usa-form triage">
          <input type="hidden" name="_csrf" value={s.csrf ?? ''} />
          <FormField name="into" label={t.t('problems.mergeInto')} hint={t.t('problems.mergeHint')} error={e.into}>
            {(a) => <input {...a} type="text" class="usa-input" value={v.into ?? ''} maxLength={500} required />}
          </FormField>
          <button type="submit" class="usa-button usa-button--outline">{t.t('problems.merge')}</button>
        </form>
      ) : null}
    </section>
  );
}

function ProblemView({ d, s }: { d: ProblemDetail; s: ProblemPageState }) {
  const t = useT();
  const p = d.problem;
  return (
    <article>
      <p>
        <a href="/problems">{t.t('problems.back')}</a>
      </p>
      <h1>{p.title}</h1>
      <p class="meta">
        <span class="usa-tag">{statusLabel(t, p.status)}</span> {categoryLabel(t, p.category)} · {placeLabel(t, p)} · {t.t('problems.posted', { date: t.date(p.createdAt) })}
      </p>
      <ItemNotices formError={s.errors?.form} hiddenNotice={p.hidden ? t.t('problems.hiddenNotice') : undefined} notice={s.notice} />
      {p.status === 'declined' && p.statusReason ? <p>{t.t('problems.declinedBecause', { reason: p.statusReason })}</p> : null}
      <h2>{t.t('problems.whatHappens')}</h2>
      <p>
        <UserText text={p.description} />
      </p>
      {p.affected ? (
        <>
          <h2>{t.t('problems.whoIsAffected')}</h2>
          <p>
            <UserText text={p.affected} />
          </p>
        </>
      ) : null}
      {s.place ? <ProblemPlace problem={p} s={s.place} /> : null}
      <Votes
        ns="problems"
        className="problem-votes"
        path={`/problems/${encodeURIComponent(p.id)}`}
        returnTo={`/problems/${p.id}`}
        votes={p.votes}
        votedByYou={d.votedByYou}
        hidden={p.hidden}
        csrf={s.csrf}
        unconfirmedEmail={s.unconfirmedEmail}
      />
      {s.csrf && !p.hidden ? (
        <ReportForm idPrefix="report-problem" action={`/problems/${encodeURIComponent(p.id)}/report`} csrf={s.csrf} label={t.t('moderation.reportProblem')} state={s.report?.target === 'problem' ? s.report.state : undefined} />
      ) : null}
      {s.follow ? <FollowSection page={itemPage('problem', p.id)} feed={itemFeed('problem', p.id)} state={s.follow} messages={ITEM_FOLLOW_MESSAGES} /> : null}
      <h2>{t.t('problems.history')}</h2>
      {d.history.length ? (
        <ol class="history">
          {d.history.map((c, i) => (
            <li key={i}>
              {t.t('problems.change', { date: t.date(c.at), from: statusLabel(t, c.from), to: statusLabel(t, c.to) })}
              {c.reason ? ` ${t.t('problems.changeReason', { reason: c.reason })}` : ''}
            </li>
          ))}
        </ol>
      ) : (
        <p>{t.t('problems.noHistory', { date: t.date(p.createdAt) })}</p>
      )}
      {s.links ? <LinkedDatasets problem={p} s={s.links} /> : null}
      {s.program ? <ProblemProgram s={s.program} /> : null}
      <ProblemProjects projects={s.projects} />
      <Comments
        ns="problems"
        path={`/problems/${encodeURIComponent(p.id)}`}
        returnTo={`/problems/${p.id}`}
        comments={d.comments}
        hidden={p.hidden}
        mayModerate={d.mayModerate}
        csrf={s.csrf}
        mayPost={!s.unconfirmedEmail}
        maxLength={2000}
        value={s.values?.body}
        error={s.errors?.body}
        report={s.report}
        moderation={s.commentModeration && { target: s.commentModeration.commentId, reason: s.commentModeration.reason, error: s.commentModeration.error }}
        body={(text) => <UserText text={text} />}
      />
      {d.mayTriage && s.csrf ? <Triage d={d} s={s} /> : null}
    </article>
  );
}

/** `/problems/:id`: one problem, its "me too" votes, its status history and, for those who may, the triage form. */
export function problemPage(pc: PageContext, d: ProblemDetail, s: ProblemPageState): SafeHtml {
  return renderPage(
    <Layout title={d.problem.title} description={d.problem.description.slice(0, 200)} styles={STYLE}>
      <ProblemView d={d} s={s} />
    </Layout>,
    pc,
  );
}
