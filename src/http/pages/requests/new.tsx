import { REQUEST_LIMITS } from '../../../domain/community/requests.ts';
import { FormErrors } from '../community/form-errors.tsx';
import { FormField } from '../components/FormField.tsx';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import type { OrganizationChoice } from './list.tsx';

/** The form to ask for data, as typed, and its problems when refused. */
export interface NewRequestState {
  csrf: string;
  organizations: OrganizationChoice[];
  values: Record<string, string>;
  errors: Record<string, string>;
}

const STYLE = `form.request-form{max-width:36rem}form.request-form .usa-textarea{height:8rem}`;

function NewRequestForm({ s }: { s: NewRequestState }) {
  const t = useT();
  const v = s.values;
  const e = s.errors;
  return (
    <>
      <h1>{t.t('requests.newTitle')}</h1>
      <p>{t.t('requests.newIntro')}</p>
      <FormErrors errors={e} fixBelow={t.t('requests.fixBelow')} />
      <form method="post" action="/requests" class="usa-form request-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        <FormField name="title" label={t.t('requests.fieldTitle')} hint={t.t('requests.fieldTitleHint')} error={e.title}>
          {(a) => <input {...a} type="text" class="usa-input" value={v.title ?? ''} maxLength={REQUEST_LIMITS.title} required />}
        </FormField>
        <FormField name="description" label={t.t('requests.fieldWhy')} hint={t.t('requests.fieldWhyHint')} error={e.description}>
          {(a) => <textarea {...a} class="usa-textarea" maxLength={REQUEST_LIMITS.description} required>{v.description ?? ''}</textarea>}
        </FormField>
        <FormField name="organization" label={t.t('requests.fieldOrganization')} hint={t.t('requests.fieldOrganizationHint')} error={e.organization}>
          {(a) => (
            <select {...a} class="usa-select">
              <option value="">{t.t('requests.dontKnow')}</option>
              {s.organizations.map((o) => (
                <option key={o.id} value={o.slug} selected={v.organization === o.slug}>{o.name}</option>
              ))}
            </select>
          )}
        </FormField>
        <button type="submit" class="usa-button">{t.t('requests.submit')}</button>
      </form>
    </>
  );
}

/** `/requests/new`: the form to ask for data; works without JavaScript and keeps what was typed when refused. */
export function newRequestPage(pc: PageContext, s: NewRequestState): SafeHtml {
  return renderPage(
    <Layout title={pc.t.t('requests.newTitle')} styles={STYLE}>
      <NewRequestForm s={s} />
    </Layout>,
    pc,
  );
}
