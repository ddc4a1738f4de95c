import { useT } from './page-context.ts';
import { ruleText } from './rule-text.ts';

/**
 * A list of check boxes under a legend, with the message a refused choice
 * got. With `each`, every box is a field of its own (`<name>:<value>`),
 * for actions that read one value per field; otherwise the boxes share the
 * name and the form sends the list of the values ticked.
 */
export function Choices({ name, legend, options, chosen, error, each = false }: { name: string; legend: string; options: ReadonlyArray<{ value: string; label: string }>; chosen: Set<string>; error: string | undefined; each?: boolean }) {
  const t = useT();
  return (
    <fieldset class="picks" aria-describedby={error ? `field-${name}-error` : undefined}>
      <legend class="usa-legend">{legend}</legend>
      {error ? (
        <span class="usa-error-message" id={`field-${name}-error`}>
          {ruleText(t, error)}
        </span>
      ) : null}
      {options.map((o) => (
        <label key={o.value}>
          <input type="checkbox" name={each ? `${name}:${o.value}` : name} value={each ? 'on' : o.value} checked={chosen.has(o.value)} /> {o.label}
        </label>
      ))}
    </fieldset>
  );
}
