import type { LayoutUser } from '../components/Layout.tsx';
import type { Organization } from '../../../domain/catalog/types.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import { Csrf, ErrorSummary, FieldError, invalidProps, PublishLayout, type FieldErrors } from './parts.tsx';

export interface NewState {
  siteName: string;
  user: LayoutUser;
  csrf: string;
  organizations: Organization[];
  values: Record<string, string | undefined>;
  errors: FieldErrors;
}

const LABELS = { title: 'Title', organization: 'Organization', description: 'Description' };

/** The form that starts a dataset as a draft: a title, the organization that publishes it, a description. */
export function newDatasetPage(s: NewState): SafeHtml {
  const v = (k: string) => s.values[k] ?? '';
  return renderPage(
    <PublishLayout title="Create a dataset" siteName={s.siteName} user={s.user}>
      <p class="meta">
        <a href="/publish">Your datasets</a> › Create a dataset
      </p>
      <h1>Create a dataset</h1>
      <p>The dataset starts as a draft that only your organization sees. You add its data in the next step.</p>
      <ErrorSummary errors={s.errors} labels={LABELS} />
      <form method="post" action="/publish/new" class="form" noValidate>
        <Csrf token={s.csrf} />
        <div>
          <label for="title">Title</label>
          <input type="text" id="title" name="title" value={v('title')} required maxLength={200} {...invalidProps('title', s.errors)} />
          <FieldError name="title" errors={s.errors} />
        </div>
        <div>
          <label for="organization">Organization</label>
          <select id="organization" name="organization" {...invalidProps('organization', s.errors)}>
            {s.organizations.map((o) => (
              <option key={o.id} value={o.slug} selected={v('organization') === o.slug}>
                {o.name}
              </option>
            ))}
          </select>
          <FieldError name="organization" errors={s.errors} />
        </div>
        <div>
          <label for="description">Description</label>
          <p class="hint" id="description-hint">
            What the data is, where it comes from and what one row means. You can change it later.
          </p>
          <textarea id="description" name="description" rows={5} {...invalidProps('description', s.errors, true)}>
            {v('description')}
          </textarea>
          <FieldError name="description" errors={s.errors} />
        </div>
        <p>
          <button type="submit">Create and add data</button>
        </p>
      </form>
    </PublishLayout>,
  );
}
