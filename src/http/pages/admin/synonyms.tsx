import { MAX_SYNONYM_ENTRIES, MAX_SYNONYM_GROUPS } from '../../../domain/site/synonyms.ts';
import { FormField } from '../components/FormField.tsx';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';
import { FORM_STYLE } from './settings.tsx';

/** What the synonyms form shows: the text as typed, the message for it when it was refused, and whether it was just saved or restored. */
export interface SynonymsFormState {
  text: string;
  /** The messages for the text, one per refused line, in the reader's language. */
  errors: string[];
  problem?: string | undefined;
  saved?: 'saved' | 'restored' | undefined;
  csrf: string;
}

const STYLE = `${FORM_STYLE}
form.settings textarea{font-family:ui-monospace,Menlo,Consolas,monospace}
form.settings .actions{display:flex;flex-wrap:wrap;gap:.6rem}
form.settings button.secondary{background:#fff;color:#0b5cad;border:1px solid #0b5cad}`;

/** The synonyms form: one group a line, a button to save and one to go back to the suggested groups. */
function SynonymsForm({ state }: { state: SynonymsFormState }) {
  const t = useT();
  return (
    <>
      <h1>{t.t('admin.synonymsTitle')}</h1>
      <p>{t.t('admin.synonymsIntro')}</p>
      <p>
        <a href="/admin/settings">{t.t('admin.backToSettings')}</a>
      </p>
      {state.problem ? (
        <div class="usa-alert usa-alert--error problem" role="alert">
          {ruleText(t, state.problem)}
        </div>
      ) : state.errors.length ? (
        <div class="usa-alert usa-alert--error problem" role="alert">
          {t.t('admin.fixFields', { count: 1 })}
        </div>
      ) : null}
      {state.saved ? (
        <p class="usa-alert usa-alert--success saved" role="status">
          {t.t(state.saved === 'restored' ? 'admin.synonymsRestored' : 'admin.synonymsSaved')}
        </p>
      ) : null}
      <form class="settings" method="post" action="/admin/synonyms">
        <input type="hidden" name="_csrf" value={state.csrf} />
        <FormField
          name="synonyms"
          label={t.t('admin.synonyms')}
          hint={t.t('admin.synonymsHint', { groups: MAX_SYNONYM_GROUPS, entries: MAX_SYNONYM_ENTRIES })}
          error={state.errors.length ? state.errors.join(' ') : undefined}
        >
          {(a) => <textarea {...a} rows={20} value={state.text} spellcheck={false} class="usa-textarea" />}
        </FormField>
        <p class="actions">
          <button type="submit" class="usa-button">{t.t('admin.synonymsSave')}</button>
          <button type="submit" name="restore" value="1" class="usa-button usa-button--outline secondary">
            {t.t('admin.synonymsRestore')}
          </button>
        </p>
      </form>
    </>
  );
}

/** The site administrators' synonyms page: a POST form that works without JavaScript. */
export function synonymsPage(pc: PageContext, state: SynonymsFormState): SafeHtml {
  return renderPage(
    <Layout title={pc.t.t('admin.synonymsTitle')} styles={STYLE}>
      <SynonymsForm state={state} />
    </Layout>,
    pc,
  );
}
