import type { ComponentChildren } from 'preact';
import { FormField } from '../components/FormField.tsx';
import { useT } from '../components/page-context.ts';
import { ModerateForm } from '../moderation/moderate-form.tsx';
import { ReportForm, type ReportFormState } from '../moderation/report-form.tsx';

/** A comment as the comments section shows it. */
export interface ShownComment {
  id: string;
  authorName: string;
  body: string;
  hidden: boolean;
  createdAt: string;
}

/** What the comments section of a problem or request page needs. */
export interface CommentsProps {
  /** The message namespace (`problems`, `requests`): its comments, commentBy, someone, commentHidden, addComment, postComment and signInToComment. */
  ns: string;
  /** The item's page, its id already encoded: comments post to `<path>/comments`. */
  path: string;
  /** Where signing in comes back to. */
  returnTo: string;
  comments: readonly ShownComment[];
  /** A hidden item takes no comments or reports. */
  hidden: boolean;
  /** Whether the reader may hide or show comments. */
  mayModerate: boolean;
  /** The session's CSRF token; absent for visitors. */
  csrf: string | undefined;
  /** Whether a signed-in reader may post (false while their address is unconfirmed). */
  mayPost: boolean;
  /** The longest comment. */
  maxLength: number;
  /** The comment form's refused body and its error. */
  value?: string | undefined;
  error?: string | undefined;
  /** A comment's report form that was refused. */
  report?: { target: string; state: ReportFormState } | undefined;
  /** A comment's hide or show form that was refused. */
  moderation?: { target: string; reason: string; error: string } | undefined;
  /** How a comment's text is drawn; plain text unless given. */
  body?: ((text: string) => ComponentChildren) | undefined;
}

/** The comments on an item, each with its report and moderation forms, and the form to add one. */
export function Comments(p: CommentsProps) {
  const t = useT();
  const body = p.body ?? ((text: string) => text);
  return (
    <section aria-labelledby="comments">
      <h2 id="comments">{t.t(`${p.ns}.comments`, { count: p.comments.length })}</h2>
      {p.comments.length ? (
        <ol class="comments">
          {p.comments.map((c) => (
            <li key={c.id} id={`comment-${c.id}`}>
              <p class="meta">
                {t.t(`${p.ns}.commentBy`, { name: c.authorName || t.t(`${p.ns}.someone`), date: t.date(c.createdAt) })}
                {c.hidden ? ` · ${t.t(`${p.ns}.commentHidden`)}` : ''}
              </p>
              <p>{body(c.body)}</p>
              {p.csrf && !c.hidden && !p.hidden ? (
                <ReportForm
                  idPrefix={`report-${c.id}`}
                  action={`${p.path}/comments/${encodeURIComponent(c.id)}/report`}
                  csrf={p.csrf}
                  label={t.t('moderation.reportComment')}
                  state={p.report?.target === c.id ? p.report.state : undefined}
                />
              ) : null}
              {p.csrf && p.mayModerate ? (
                <ModerateForm
                  idPrefix={`comment-${c.id}`}
                  action={`${p.path}/comments/${encodeURIComponent(c.id)}/visibility`}
                  csrf={p.csrf}
                  does={c.hidden ? 'show' : 'hide'}
                  reason={p.moderation?.target === c.id ? p.moderation.reason : undefined}
                  error={p.moderation?.target === c.id ? p.moderation.error : undefined}
                />
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {p.csrf && !p.hidden && p.mayPost ? (
        <form method="post" action={`${p.path}/comments`} class="usa-form comment-form">
          <input type="hidden" name="_csrf" value={p.csrf} />
          <FormField name="body" label={t.t(`${p.ns}.addComment`)} error={p.error}>
            {(a) => <textarea {...a} class="usa-textarea" maxLength={p.maxLength} required>{p.value ?? ''}</textarea>}
          </FormField>
          <button type="submit" class="usa-button">{t.t(`${p.ns}.postComment`)}</button>
        </form>
      ) : p.csrf ? null : (
        <p>
          <a href={`/sign-in?next=${encodeURIComponent(p.returnTo)}`}>{t.t(`${p.ns}.signInToComment`)}</a>
        </p>
      )}
    </section>
  );
}
