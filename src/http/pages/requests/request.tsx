import type { RequestDetail } from '../../../actions/community/read-requests.ts';
import type { Problem } from '../../../domain/community/problems.ts';
import { ANSWER_STATUSES, DECLINE_REASONS, REQUEST_LIMITS } from '../../../domain/community/requests.ts';
import { FollowSection, ITEM_FOLLOW_MESSAGES, itemFeed, itemPage, type FollowState } from '../components/follow.tsx';
import { FormField } from '../components/FormField.tsx';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { Comments } from '../community/comments.tsx';
import { ItemNotices } from '../community/item-notices.tsx';
import { Votes } from '../community/votes.tsx';
import { ModerateForm } from '../moderation/moderate-form.tsx';
import { ReportForm, type ReportFormState } from '../moderation/report-form.tsx';
import { RequestBearingProblems } from '../problems/links.tsx';
import { declineReasonLabel, requestPath, requestStatusLabel } from './labels.ts';

/** What the request page shows beside the request. */
export interface RequestPageState {
  /** The session's CSRF token; absent for visitors. */
  csrf: string | undefined;
  notice?: string | undefined;
  follow?: FollowState | undefined;
  /** The name of the organization the request names. */
  organizationName?: string | undefined;
  /** Published datasets the reader may mark as fulfilling it (empty for those who may not). */
  candidates?: Array<{ slug: string; title: string }> | undefined;
  /** A refused form as sent, and its problems. */
  values?: Record<string, string> | undefined;
  errors?: Record<string, string> | undefined;
  /** A report form that was refused: the request's (`request`) or a comment's (its id), and what it said. */
  report?: { target: string; state: ReportFormState } | undefined;
  /** A hide or show form that was refused: the request's (`request`) or a comment's (its id), the reason as typed and the refusal. */
  moderation?: { target: string; reason: string; error: string } | undefined;
  /** The problems linked to the request that the reader may see. */
  problems?: Problem[] | undefined;
}

const STYLE = `.request-votes{display:flex;flex-wrap:wrap;gap:1rem;align-items:center}.request-votes form{margin:0}.history li{margin:.25rem 0}
form.answer,form.comment-form{max-width:32rem}form.answer .usa-textarea,form.comment-form .usa-textarea{height:6rem}.comments{padding-left:1.25rem}.comments li{margin:.5rem 0}.comments p{margin:.2rem 0}
details.report{margin:.5rem 0}details.report summary{cursor:pointer;color:#1a4480;text-decoration:underline}form.report-form,form.moderate-form{max-width:32rem;margin-top:.5rem}form.moderate-form .usa-textarea{height:4rem}`;

function Answer({ d, s }: { d: RequestDetail; s: RequestPageState }) {
  const t = useT();
  const v = s.values ?? {};
  const e = s.errors ?? {};
  return (
    <section aria-labelledby="answer">
      <h2 id="answer">{t.t('requests.answer')}</h2>
      <form method="post" action={`${requestPath(d.request.id)}/answer`} class="usa-form answer">
        <input type="hidden" name="_csrf" value={s.csrf ?? ''} />
        <FormField name="status" label={t.t('requests.answerStatus')} error={e.status}>
          {(a) => (
            <select {...a} class="usa-select">
              {ANSWER_STATUSES.map((o) => (
                <option key={o} value={o} selected={(v.status ?? d.request.status) === o}>{requestStatusLabel(t, o)}</option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name="target_date" label={t.t('requests.targetDate')} hint={t.t('requests.targetDateHint')} error={e.target_date}>
          {(a) => <input {...a} type="date" class="usa-input" value={v.target_date ?? d.request.targetDate ?? ''} maxLength={10} />}
        </FormField>
        <FormField name="decline_reason" label={t.t('requests.declineReason')} hint={t.t('requests.declineReasonHint')} error={e.decline_reason}>
          {(a) => (
            <select {...a} class="usa-select">
              <option value="">{t.t('requests.choose')}</option>
              {DECLINE_REASONS.map((o) => (
                <option key={o} value={o} selected={v.decline_reason === o}>{declineReasonLabel(t, o)}</option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name="note" label={t.t('requests.note')} hint={t.t('requests.noteHint')} error={e.note}>
          {(a) => <textarea {...a} class="usa-textarea" maxLength={REQUEST_LIMITS.note}>{v.note ?? ''}</textarea>}
        </FormField>
        <button type="submit" class="usa-button">{t.t('requests.send')}</button>
      </form>
    </section>
  );
}

function Fulfil({ d, s }: { d: RequestDetail; s: RequestPageState }) {
  const t = useT();
  const v = s.values ?? {};
  const e = s.errors ?? {};
  const candidates = s.candidates ?? [];
  return (
    <section aria-labelledby="fulfil">
      <h2 id="fulfil">{t.t('requests.fulfil')}</h2>
      {candidates.length ? (
        <form method="post" action={`${requestPath(d.request.id)}/fulfil`} class="usa-form answer">
          <input type="hidden" name="_csrf" value={s.csrf ?? ''} />
          <FormField name="dataset" label={t.t('requests.fulfilDataset')} hint={t.t('requests.fulfilHint')} error={e.dataset}>
            {(a) => (
              <select {...a} class="usa-select" required>
                <option value="">{t.t('requests.choose')}</option>
                {candidates.map((c) => (
                  <option key={c.slug} value={c.slug} selected={v.dataset === c.slug}>{c.title}</option>
                ))}
              </select>
            )}
          </FormField>
          <FormField name="fulfil_note" label={t.t('requests.note')} error={e.fulfil_note}>
            {(a) => <textarea {...a} class="usa-textarea" maxLength={REQUEST_LIMITS.note}>{v.fulfil_note ?? ''}</textarea>}
          </FormField>
          <button type="submit" class="usa-button">{t.t('requests.fulfilButton')}</button>
        </form>
      ) : (
        <p>{t.t('requests.noDatasets')}</p>
      )}
    </section>
  );
}

function Answered({ d }: { d: RequestDetail }) {
  const t = useT();
  const r = d.request;
  if (r.status === 'published' && d.dataset)
    return (
      <p class="usa-alert usa-alert--success">
        {t.t('requests.fulfilledBy')} <a href={`/datasets/${encodeURIComponent(d.dataset.slug)}`}>{d.dataset.title}</a>
      </p>
    );
  if (r.status === 'planned' && r.targetDate) return <p>{t.t('requests.plannedFor', { date: t.date(`${r.targetDate}T12:00:00Z`) })}</p>;
  if (r.status === 'declined' && r.declineReason) return <p>{t.t('requests.declinedBecause', { reason: declineReasonLabel(t, r.declineReason) })}</p>;
  return null;
}

function RequestView({ d, s }: { d: RequestDetail; s: RequestPageState }) {
  const t = useT();
  const r = d.request;
  return (
    <article>
      <p>
        <a href="/requests">{t.t('requests.back')}</a>
      </p>
      <h1>{r.title}</h1>
      <p class="meta">
        <span class="usa-tag">{requestStatusLabel(t, r.status)}</span> {t.t('requests.asked', { date: t.date(r.createdAt) })}
        {s.organizationName ? ` · ${t.t('requests.heldBy', { organization: s.organizationName })}` : ''}
      </p>
      <ItemNotices formError={s.errors?.form} hiddenNotice={r.hidden ? t.t('requests.hiddenNotice') : undefined} notice={s.notice} />
      <Answered d={d} />
      {r.statusNote ? <p>{t.t('requests.changeNote', { note: r.statusNote })}</p> : null}
      <h2>{t.t('requests.why')}</h2>
      <p>{r.description}</p>
      <RequestBearingProblems problems={s.problems ?? []} />
      <Votes ns="requests" className="request-votes" path={requestPath(r.id)} returnTo={requestPath(r.id)} votes={r.votes} votedByYou={d.votedByYou} hidden={r.hidden} csrf={s.csrf} />
      {s.csrf && !r.hidden ? (
        <ReportForm idPrefix="report-request" action={`${requestPath(r.id)}/report`} csrf={s.csrf} label={t.t('moderation.reportRequest')} state={s.report?.target === 'request' ? s.report.state : undefined} />
      ) : null}
      {s.follow ? <FollowSection page={itemPage('request', r.id)} feed={itemFeed('request', r.id)} state={s.follow} messages={ITEM_FOLLOW_MESSAGES} /> : null}
      <h2>{t.t('requests.history')}</h2>
      {d.history.length ? (
        <ol class="history">
          {d.history.map((c, i) => (
            <li key={i}>
              {t.t('requests.change', { date: t.date(c.at), from: requestStatusLabel(t, c.from), to: requestStatusLabel(t, c.to) })}
              {c.declineReason ? ` · ${declineReasonLabel(t, c.declineReason)}` : ''}
              {c.targetDate ? ` · ${c.targetDate}` : ''}
              {c.note ? ` ${t.t('requests.changeNote', { note: c.note })}` : ''}
            </li>
          ))}
        </ol>
      ) : (
        <p>{t.t('requests.noHistory', { date: t.date(r.createdAt) })}</p>
      )}
      <Comments
        ns="requests"
        path={requestPath(r.id)}
        returnTo={requestPath(r.id)}
        comments={d.comments}
        hidden={r.hidden}
        mayModerate={d.mayModerate}
        csrf={s.csrf}
        mayPost
        maxLength={REQUEST_LIMITS.comment}
        value={s.values?.body}
        error={s.errors?.body}
        report={s.report}
        moderation={s.moderation}
      />
      {d.mayAnswer && s.csrf && r.status !== 'published' ? <Answer d={d} s={s} /> : null}
      {s.csrf && s.candidates && r.status !== 'published' && !r.hidden ? <Fulfil d={d} s={s} /> : null}
      {s.csrf && d.mayModerate ? (
        <section aria-labelledby="moderate-request">
          <h2 id="moderate-request">{t.t('moderation.requestHeading')}</h2>
          <ModerateForm
            idPrefix="request"
            action={`${requestPath(r.id)}/visibility`}
            csrf={s.csrf}
            does={r.hidden ? 'show' : 'hide'}
            reason={s.moderation?.target === 'request' ? s.moderation.reason : undefined}
            error={s.moderation?.target === 'request' ? s.moderation.error : undefined}
          />
        </section>
      ) : null}
    </article>
  );
}

/** `/requests/:id`: one request, its votes, the city's answers, comments and, for those who may, the answer and fulfil forms. */
export function requestPage(pc: PageContext, d: RequestDetail, s: RequestPageState): SafeHtml {
  return renderPage(
    <Layout title={d.request.title} description={d.request.description.slice(0, 200)} styles={STYLE}>
      <RequestView d={d} s={s} />
    </Layout>,
    pc,
  );
}
