import { useT } from '../components/page-context.ts';
import { ruleText } from '../components/rule-text.ts';

/** Under a problem's or request's title: a refused form's form-wide error, the notice that the item is hidden, and what a form just did. */
export function ItemNotices({ formError, hiddenNotice, notice }: { formError: string | undefined; hiddenNotice: string | undefined; notice: string | undefined }) {
  const t = useT();
  return (
    <>
      {formError ? (
        <div class="usa-alert usa-alert--error" role="alert">
          {ruleText(t, formError)}
        </div>
      ) : null}
      {hiddenNotice ? <p class="usa-alert usa-alert--info">{hiddenNotice}</p> : null}
      {notice ? (
        <p class="usa-alert usa-alert--success" role="status">
          {notice}
        </p>
      ) : null}
    </>
  );
}
