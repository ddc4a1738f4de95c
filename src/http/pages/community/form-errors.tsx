import { useT } from '../components/page-context.ts';
import { ruleText } from '../components/rule-text.ts';

/** Above a refused form: the form-wide refusal, or else a plea to fix the fields marked below; nothing when nothing was refused. */
export function FormErrors({ errors, fixBelow }: { errors: Record<string, string>; fixBelow: string }) {
  const t = useT();
  if (!Object.keys(errors).length) return null;
  return (
    <div class="usa-alert usa-alert--error" role="alert">
      {errors.form ? ruleText(t, errors.form) : fixBelow}
    </div>
  );
}
