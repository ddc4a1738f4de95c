import type { ComponentChildren } from 'preact';
import { useT } from './page-context.ts';
import { ruleText } from './rule-text.ts';

/** What a field's control needs from its field: its id and name, and its ties to the hint and the message. */
export type FieldAttrs = Record<string, string | boolean | undefined>;

export interface FormFieldProps {
  name: string;
  /** The control's id without its `field-` prefix, when a page holds several forms with the same field names; the name otherwise. */
  id?: string | undefined;
  label: string;
  hint?: string | undefined;
  /** The message a refused value got (a rule's English text, shown in the reader's language), if any. */
  error?: string | undefined;
  children: (attrs: FieldAttrs) => ComponentChildren;
}

/** One labelled control with its hint and, when refused, its message, tied to it for screen readers. */
export function FormField({ name, id: own, label, hint, error: raw, children }: FormFieldProps) {
  const t = useT();
  const id = `field-${own ?? name}`;
  const error = raw === undefined ? undefined : ruleText(t, raw);
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'usa-form-group usa-form-group--error' : 'usa-form-group'}>
      <label for={id}>{label}</label>
      {hint ? (
        <div class="usa-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <span class="usa-error-message field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      {children({ id, name, 'aria-describedby': describedBy, 'aria-invalid': error ? 'true' : undefined })}
    </div>
  );
}
