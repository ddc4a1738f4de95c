import type { ComponentChildren, VNode } from 'preact';
import type { Dataset, Job } from '../../../domain/catalog/types.ts';
import type { Translator } from '../../../domain/i18n/translator.ts';
import { Layout } from '../components/Layout.tsx';
import { useT } from '../components/page-context.ts';
import { ruleText } from '../components/rule-text.ts';
import { vocab } from '../components/vocab.ts';

/** Problems with a form, by field name; `form` holds a problem with the whole form. */
export type FieldErrors = Record<string, string>;

/** The styles the publisher pages add to the portal's stylesheet. */
const PUBLISH_STYLE = `
.form{display:grid;gap:1rem;max-width:44rem}.form label,.form legend{font-weight:700;display:block}
.form .usa-input,.form .usa-select,.form .usa-textarea{max-width:none;width:100%;margin-top:.25rem}
.form textarea{min-height:6rem}.hint{color:var(--muted);font-size:.95rem;margin:.1rem 0}
.error{font-weight:700;margin:.2rem 0}[aria-invalid=true]{border-color:#b50909!important;border-width:.25rem!important}
fieldset{border:1px solid var(--line);border-radius:.25rem;padding:.5rem 1rem}.checks{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.2rem 1rem}.checks label{font-weight:400}
.usa-step-indicator__segment-label a{color:inherit}.usa-step-indicator__segment--current .usa-step-indicator__segment-label a{color:var(--accent);font-weight:700}
td .usa-input,td .usa-select{width:100%;max-width:none;margin:0;height:2.25rem;padding:.25rem .5rem}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
progress{width:100%;max-width:30rem;height:1.2rem}.inline{display:inline}
.column-card{padding:.4rem .9rem .6rem;margin:0 0 .5rem}.column-card legend{font-weight:700;padding:0 .25rem;font-size:1.05rem;max-width:100%;white-space:normal;overflow-wrap:anywhere}
.column{display:grid;grid-template-columns:minmax(0,1fr);gap:.25rem 1.25rem}@media (min-width:50em){.column{grid-template-columns:minmax(0,2fr) minmax(0,3fr)}}
.column dl{grid-template-columns:max-content minmax(0,1fr) max-content minmax(0,1fr);gap:0 .6rem;margin:0;font-size:.95rem;align-content:start}
.column dt{font-weight:400;color:var(--muted)}.column dd{margin:0}.column dd:last-of-type{grid-column:2/-1}
.samples{display:flex;flex-wrap:wrap;gap:0 .75rem;list-style:none;margin:0;padding:0}
.column .form{grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.25rem .75rem;max-width:none;align-content:start}
.column .form>div:has(textarea),.column .form>.readings{grid-column:1/-1}.column .form label{font-size:.95rem}
.column .form .usa-input,.column .form .usa-select,.column .form .usa-textarea{height:2.25rem;min-height:2.25rem;margin-top:0;padding:.25rem .5rem}
@media (max-width:40em){.column dl{grid-template-columns:max-content minmax(0,1fr)}.column dd:last-of-type{grid-column:auto}}
`;

export interface PageProps {
  title: string;
  scripts?: string[] | undefined;
  children: ComponentChildren;
}

/** The frame of every publisher page: the portal's layout plus the form styles. */
export function PublishLayout({ title, scripts, children }: PageProps) {
  return (
    <Layout title={title} scripts={scripts}>
      <style dangerouslySetInnerHTML={{ __html: PUBLISH_STYLE }} />
      {children}
    </Layout>
  );
}

export const STEPS = ['upload', 'columns', 'describe'] as const;
export type Step = (typeof STEPS)[number];

/**
 * A message with a link inside it (`{link}`), so each language puts the link
 * where its sentence needs it.
 */
export function Linked({ text, link }: { text: (link: string) => string; link: VNode }) {
  const mark = '\u0000';
  const [before = '', after = ''] = text(mark).split(mark);
  return (
    <>
      {before}
      {link}
      {after}
    </>
  );
}

/** The steps of preparing a dataset, the current one marked. */
export function Steps({ dataset, step }: { dataset: Dataset; step: Step }) {
  const t = useT();
  return (
    <nav aria-label={t.t('publish.steps.label')}>
      <p class="meta">
        <a href="/publish">{t.t('publish.yourDatasets')}</a> › {dataset.title} <span class="usa-tag badge">{vocab(t, 'status', dataset.status)}</span>
      </p>
      <div class="usa-step-indicator">
        <ol class="usa-step-indicator__segments steps">
          {STEPS.map((s, i) => (
            <li key={s} class={`usa-step-indicator__segment${s === step ? ' usa-step-indicator__segment--current' : i < STEPS.indexOf(step) ? ' usa-step-indicator__segment--complete' : ''}`}>
              <span class="usa-step-indicator__segment-label">
                <a href={`/publish/${dataset.slug}/${s}`} aria-current={s === step ? 'step' : undefined}>
                  {t.t(`publish.steps.${s}`)}
                </a>
              </span>
            </li>
          ))}
        </ol>
      </div>
      <p>
        <a href={`/datasets/${dataset.slug}`}>{t.t('publish.steps.view')}</a>
      </p>
    </nav>
  );
}

/** The hidden CSRF field every form that changes something carries. */
export const Csrf = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;

/** The id of a field's error message, for aria-describedby. */
export const errorId = (name: string) => `${name}-error`;

/** A field's attributes when it has a problem: invalid, and described by its message (and hint). */
export function invalidProps(name: string, errors: FieldErrors, hint?: boolean) {
  const ids = [hint ? `${name}-hint` : '', errors[name] ? errorId(name) : ''].filter(Boolean).join(' ');
  return { 'aria-invalid': errors[name] ? ('true' as const) : undefined, 'aria-describedby': ids || undefined };
}

/** A field's problem, next to it. */
export function FieldError({ name, errors }: { name: string; errors: FieldErrors }) {
  const t = useT();
  return errors[name] ? (
    <span class="usa-error-message error" id={errorId(name)}>
      {ruleText(t, errors[name])}
    </span>
  ) : null;
}

/** A list of the form's problems at its top, each linking to its field. */
export function ErrorSummary({ errors, labels }: { errors: FieldErrors; labels: Record<string, string> }) {
  const t = useT();
  const entries = Object.entries(errors);
  if (!entries.length) return null;
  return (
    <div class="usa-alert usa-alert--error problems" role="alert">
      <h2>{t.t('publish.problems', { count: entries.length })}</h2>
      <ul>
        {entries.map(([field, english]) => {
          const message = ruleText(t, english);
          return <li key={field}>{field in labels ? <a href={`#${field}`}>{t.t('publish.problemAt', { label: labels[field], message })}</a> : message}</li>;
        })}
      </ul>
    </div>
  );
}

const finished = (j: Job) => j.status === 'succeeded' || j.status === 'failed' || j.status === 'dead';

/** An ingest phase as people read it; a phase with no message is shown as it is. */
const phaseText = (t: Translator, phase: string) => (t.has(`publish.phase.${phase}`) ? t.t(`publish.phase.${phase}`) : phase);

/** What an ingest job is doing, in words (the progress island words it the same way, with the same messages). */
export function jobText(t: Translator, j: Job): string {
  if (j.status === 'queued') return t.t('publish.job.queued');
  if (j.status === 'running') return j.rowsRead ? t.t('publish.job.runningRows', { phase: phaseText(t, j.phase), count: j.rowsRead }) : t.t('publish.job.running', { phase: phaseText(t, j.phase) });
  if (j.status === 'succeeded') {
    const count = j.rowsRead - j.rowsRejected;
    return j.rowsRejected ? t.t('publish.job.succeededRejected', { count, rejected: j.rowsRejected }) : t.t('publish.job.succeeded', { count });
  }
  return t.t('publish.job.failed', { message: j.errors[0] ? ruleText(t, j.errors[0].message) : t.t('publish.job.unreadable') });
}

/** The messages the upload and progress islands word their texts with. */
export const islandMessages = (t: Translator) => JSON.stringify(t.pick('publish.job.', 'publish.phase.', 'publish.island.'));

/**
 * The state of an ingest job. While it runs, browsers without JavaScript
 * reload the page every two seconds and the progress island follows it live.
 */
export function JobStatus({ job, next }: { job: Job; next: { href: string; text: string } }) {
  const t = useT();
  const done = finished(job);
  return (
    <section
      aria-labelledby="job-title"
      class="card"
      data-job={done ? undefined : job.id}
      data-lang={done ? undefined : t.lang}
      data-messages={done ? undefined : islandMessages(t)}
    >
      {done ? null : (
        <noscript>
          <meta http-equiv="refresh" content="2" />
        </noscript>
      )}
      <h2 id="job-title">{t.t('publish.job.title')}</h2>
      <p role="status" data-job-text="">
        {jobText(t, job)}
      </p>
      {done ? (
        job.status === 'succeeded' ? (
          <p>
            <a href={next.href}>{next.text}</a>
          </p>
        ) : null
      ) : (
        <p>
          <a href={`?job=${encodeURIComponent(job.id)}`}>{t.t('publish.job.checkAgain')}</a>
        </p>
      )}
      {job.status === 'failed' || job.errors.length ? <JobProblems job={job} /> : null}
    </section>
  );
}

/** Where in the file a problem is, and what it is. */
function problemText(t: Translator, e: Job['errors'][number]): string {
  const values = { line: e.line ?? '', column: e.column ?? '', message: ruleText(t, e.message) };
  if (e.line) return t.t(e.column ? 'publish.job.problemLineColumn' : 'publish.job.problemLine', values);
  return t.t(e.column ? 'publish.job.problemFileColumn' : 'publish.job.problemFile', values);
}

function JobProblems({ job }: { job: Job }) {
  const t = useT();
  const shown = job.errors.slice(0, 10);
  if (!shown.length) return null;
  return (
    <details>
      <summary>{t.t('publish.job.problems', { count: job.errors.length })}</summary>
      <ul>
        {shown.map((e, i) => (
          <li key={i}>{problemText(t, e)}</li>
        ))}
      </ul>
    </details>
  );
}
