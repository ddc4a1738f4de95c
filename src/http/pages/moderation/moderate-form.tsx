import { MODERATION_REASON_MAX } from '../../../domain/community/moderation-input.ts';
import { useT } from '../components/page-context.ts';
import { ruleText } from '../components/rule-text.ts';

export type ModerationStep = 'hide' | 'show' | 'dismiss' | 'approve' | 'decline';

export interface ModerateFormProps {
  /** Unique on the page: the reason field's id starts with it. */
  idPrefix: string;
  action: string;
  csrf: string;
  /** What the form does: hide, show again, dismiss the reports, or approve or decline a held problem. */
  does: ModerationStep;
  /** The reason as typed and its refusal, when this form was sent and refused. */
  reason?: string | undefined;
  error?: string | undefined;
}

const LABEL = { hide: 'moderation.hideReason', show: 'moderation.showReason', dismiss: 'moderation.dismissReason', approve: 'moderation.approveReason', decline: 'moderation.declineReason' } as const;
const BUTTON = { hide: 'moderation.hide', show: 'moderation.showAgain', dismiss: 'moderation.dismiss', approve: 'moderation.approve', decline: 'moderation.decline' } as const;

/** A moderator's form: a required reason, then hide, show again or dismiss. */
export function ModerateForm({ idPrefix, action, csrf, does, reason, error }: ModerateFormProps) {
  const t = useT();
  const id = `${idPrefix}-${does}-reason`;
  return (
    <form method="post" action={action} class="usa-form moderate-form">
      <input type="hidden" name="_csrf" value={csrf} />
      {does === 'hide' || does === 'show' ? <input type="hidden" name="hidden" value={does === 'hide' ? 'true' : 'false'} /> : null}
      <div class={error ? 'usa-form-group usa-form-group--error' : 'usa-form-group'}>
        <label class="usa-label" for={id}>
          {t.t(LABEL[does])}
        </label>
        {error ? (
          <span class="usa-error-message" id={`${id}-error`}>
            {ruleText(t, error)}
          </span>
        ) : null}
        <textarea class="usa-textarea" id={id} name="reason" required maxLength={MODERATION_REASON_MAX} aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? 'true' : undefined}>
          {reason ?? ''}
        </textarea>
      </div>
      <button type="submit" class={does === 'hide' || does === 'decline' ? 'usa-button usa-button--secondary' : does === 'approve' ? 'usa-button' : 'usa-button usa-button--outline'}>
        {t.t(BUTTON[does])}
      </button>
    </form>
  );
}
