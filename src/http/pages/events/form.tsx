import type { Problem } from '../../../domain/community/problems.ts';
import { FormField } from '../components/FormField.tsx';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';

/** The event form, as typed (or as the event is), and its problems when refused. */
export interface EventFormState {
  csrf: string;
  /** The event's path when editing; absent for a new one. */
  editing?: string | undefined;
  problems: readonly Problem[];
  zone: string;
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
}

export const STYLE = `form.event-form{max-width:36rem}form.event-form .usa-textarea{height:7rem}fieldset.picks{border:1px solid var(--line);border-radius:4px;margin:1rem 0;padding:.5rem 1rem 1rem;max-height:24rem;overflow:auto}
fieldset.picks label{display:block;margin:.4rem 0;font-weight:400;overflow-wrap:anywhere}`;

export const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
export const many = (v: string | string[] | undefined): Set<string> => new Set(Array.isArray(v) ? v : v ? [v] : []);

/** Check boxes for the problems to pick, with the field's message. */
export function ProblemPicks({ problems, chosen, error, legend }: { problems: readonly Problem[]; chosen: Set<string>; error: string | undefined; legend: string }) {
  const t = useT();
  return (
    <fieldset class="picks" aria-describedby={error ? 'field-problems-error' : undefined}>
      <legend class="usa-legend">{legend}</legend>
      {error ? (
        <span class="usa-error-message" id="field-problems-error">
          {ruleText(t, error)}
        </span>
      ) : null}
      {problems.map((p) => (
        <label key={p.id}>
          <input type="checkbox" name="problems" value={p.id} checked={chosen.has(p.id)} /> {p.title}
        </label>
      ))}
    </fieldset>
  );
}

function EventForm({ s }: { s: EventFormState }) {
  const t = useT();
  const v = s.values;
  const e = s.errors;
  const text = (name: string, label: string, hint?: string, type = 'text', max = 300) => (
    <FormField name={name} label={label} hint={hint} error={e[name]}>
      {(a) => <input {...a} type={type} class="usa-input" value={one(v[name])} maxLength={max} />}
    </FormField>
  );
  return (
    <>
      <h1>{t.t(s.editing ? 'events.editTitle' : 'events.newTitle')}</h1>
      {Object.keys(e).length ? (
        <div class="usa-alert usa-alert--error" role="alert">
          {e.form ? ruleText(t, e.form) : t.t('events.fixBelow')}
        </div>
      ) : null}
      <form method="post" action={s.editing ?? '/events'} class="usa-form event-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        {text('title', t.t('events.fieldTitle'), undefined, 'text', 150)}
        <FormField name="starts" label={t.t('events.fieldStarts')} hint={t.t('events.timeHint', { zone: s.zone })} error={e.starts}>
          {(a) => <input {...a} type="datetime-local" class="usa-input" value={one(v.starts)} required />}
        </FormField>
        <FormField name="ends" label={t.t('events.fieldEnds')} hint={t.t('events.timeHint', { zone: s.zone })} error={e.ends}>
          {(a) => <input {...a} type="datetime-local" class="usa-input" value={one(v.ends)} required />}
        </FormField>
        {text('place', t.t('events.place'))}
        {text('link', t.t('events.fieldLink'), t.t('events.fieldLinkHint'), 'url', 2000)}
        {text('capacity', t.t('events.fieldCapacity'), t.t('events.fieldCapacityHint'), 'number', 6)}
        <FormField name="description" label={t.t('events.description')} error={e.description}>
          {(a) => <textarea {...a} class="usa-textarea" maxLength={5000}>{one(v.description)}</textarea>}
        </FormField>
        <FormField name="agenda" label={t.t('events.agenda')} error={e.agenda}>
          {(a) => <textarea {...a} class="usa-textarea" maxLength={5000}>{one(v.agenda)}</textarea>}
        </FormField>
        <ProblemPicks problems={s.problems} chosen={many(v.problems)} error={e.problems} legend={t.t('events.fieldProblems')} />
        <FormField name="notes" label={t.t('events.notes')} hint={t.t('events.notesHint')} error={e.notes}>
          {(a) => <textarea {...a} class="usa-textarea" maxLength={10000}>{one(v.notes)}</textarea>}
        </FormField>
        {s.editing ? (
          <p>
            <input id="field-cancelled" type="checkbox" name="cancelled" checked={one(v.cancelled) === 'on'} /> <label for="field-cancelled">{t.t('events.fieldCancelled')}</label>
          </p>
        ) : null}
        <button type="submit" class="usa-button">{t.t(s.editing ? 'events.save' : 'events.create')}</button>
      </form>
    </>
  );
}

/** `/events/new` and `/events/{slug}/edit`: the event form; times are typed in the site's zone. */
export function eventFormPage(pc: PageContext, s: EventFormState): SafeHtml {
  return renderPage(
    <Layout title={pc.t.t(s.editing ? 'events.editTitle' : 'events.newTitle')} styles={STYLE}>
      <EventForm s={s} />
    </Layout>,
    pc,
  );
}
