import type { PageContext } from '../components/page-context.ts';
import type { Organization } from '../../../domain/catalog/types.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { Csrf, ErrorSummary, FieldError, invalidProps, PublishLayout, type FieldErrors } from './parts.tsx';

export interface NewState {
  pc: PageContext;
  csrf: string;
  organizations: Organization[];
  values: Record<string, string | undefined>;
  errors: FieldErrors;
}

/** The form that starts a dataset as a draft: a title, the organization that publishes it, a description. */
export function newDatasetPage(s: NewState): SafeHtml {
  const { t } = s.pc;
  const v = (k: string) => s.values[k] ?? '';
  const labels = { title: t.t('publish.field.title'), organization: t.t('publish.field.organization'), description: t.t('publish.field.description') };
  return renderPage(
    <PublishLayout title={t.t('publish.new.title')}>
      <p class="meta">
        <a href="/publish">{t.t('publish.yourDatasets')}</a> › {t.t('publish.new.title')}
      </p>
      <h1>{t.t('publish.new.title')}</h1>
      <p>{t.t('publish.new.intro')}</p>
      <ErrorSummary errors={s.errors} labels={labels} />
      <form method="post" action="/publish/new" class="form" noValidate>
        <Csrf token={s.csrf} />
        <div>
          <label for="title">{labels.title}</label>
          <input type="text" id="title" name="title" value={v('title')} required maxLength={200} {...invalidProps('title', s.errors)} class="usa-input" />
          <FieldError name="title" errors={s.errors} />
        </div>
        <div>
          <label for="organization">{labels.organization}</label>
          <select id="organization" name="organization" {...invalidProps('organization', s.errors)} class="usa-select">
            {s.organizations.map((o) => (
              <option key={o.id} value={o.slug} selected={v('organization') === o.slug}>
                {o.name}
              </option>
            ))}
          </select>
          <FieldError name="organization" errors={s.errors} />
        </div>
        <div>
          <label for="description">{labels.description}</label>
          <p class="hint" id="description-hint">
            {t.t('publish.new.descriptionHint')}
          </p>
          <textarea id="description" name="description" rows={5} {...invalidProps('description', s.errors, true)} class="usa-textarea">
            {v('description')}
          </textarea>
          <FieldError name="description" errors={s.errors} />
        </div>
        <p>
          <button type="submit" class="usa-button">{t.t('publish.new.submit')}</button>
        </p>
      </form>
    </PublishLayout>,
    s.pc,
  );
}
