import type { ComponentChildren } from 'preact';
import type { FieldAttrs } from '../components/FormField.tsx';
import { useT } from '../components/page-context.ts';
import { ruleText } from '../components/rule-text.ts';

/** A labelled control like `FormField`, with an id of its own, for pages holding several forms with the same field names. */
export function Field({ id: base, name, label, hint, error: raw, children }: { id: string; name: string; label: string; hint?: string | undefined; error?: string | undefined; children: (attrs: FieldAttrs) => ComponentChildren }) {
  const t = useT();
  const id = `field-${base}`;
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
