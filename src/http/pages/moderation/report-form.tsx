import { REPORT_NOTE_MAX, REPORT_REASONS } from '../../../domain/community/reports.ts';
import { useT } from '../components/page-context.ts';
import { ruleText } from '../components/rule-text.ts';

/** A report form as sent, and its refusals by field (`reason`, `note`, or `form` for the whole). */
export interface ReportFormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export interface ReportFormProps {
  /** Unique on the page: the ids of the form's fields start with it. */
  idPrefix: string;
  action: string;
  csrf: string;
  /** The summary's text: "Report", "Report this comment". */
  label: string;
  /** Set when this form was sent and refused: it opens with what was typed. */
  state?: ReportFormState | undefined;
}

/** "Report" folded under a summary (no script needed): a reason to choose and a note, sent to the moderators. */
export function ReportForm({ idPrefix, action, csrf, label, state }: ReportFormProps) {
  const t = useT();
  const v = state?.values ?? {};
  const e = state?.errors ?? {};
  const noteId = `${idPrefix}-note`;
  return (
    <details class="report" open={state ? true : undefined}>
      <summary>{label}</summary>
      <form method="post" action={action} class="usa-form report-form">
        <input type="hidden" name="_csrf" value={csrf} />
        {e.form ? (
          <div class="usa-alert usa-alert--error usa-alert--slim" role="alert">
            <p class="usa-alert__text">{ruleText(t, e.form)}</p>
          </div>
        ) : null}
        <fieldset class={e.reason ? 'usa-fieldset usa-form-group usa-form-group--error' : 'usa-fieldset'}>
          <legend class="usa-legend">{t.t('moderation.reasonLegend')}</legend>
          {e.reason ? <span class="usa-error-message">{ruleText(t, e.reason)}</span> : null}
          {REPORT_REASONS.map((r) => (
            <div class="usa-radio" key={r}>
              <input class="usa-radio__input" type="radio" id={`${idPrefix}-${r}`} name="reason" value={r} checked={v.reason === r} required />
              <label class="usa-radio__label" for={`${idPrefix}-${r}`}>
                {t.t(`moderation.reason.${r}`)}
              </label>
            </div>
          ))}
        </fieldset>
        <div class={e.note ? 'usa-form-group usa-form-group--error' : 'usa-form-group'}>
          <label class="usa-label" for={noteId}>
            {t.t('moderation.note')}
          </label>
          <div class="usa-hint" id={`${noteId}-hint`}>
            {t.t('moderation.noteHint', { max: REPORT_NOTE_MAX })}
          </div>
          {e.note ? (
            <span class="usa-error-message" id={`${noteId}-error`}>
              {ruleText(t, e.note)}
            </span>
          ) : null}
          <textarea class="usa-textarea" id={noteId} name="note" maxLength={REPORT_NOTE_MAX} aria-describedby={e.note ? `${noteId}-hint ${noteId}-error` : `${noteId}-hint`} aria-invalid={e.note ? 'true' : undefined}>
            {v.note ?? ''}
          </textarea>
        </div>
        <button type="submit" class="usa-button usa-button--outline">
          {t.t('moderation.send')}
        </button>
      </form>
    </details>
  );
}
