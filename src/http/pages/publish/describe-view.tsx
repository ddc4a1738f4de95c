import type { LayoutUser } from '../components/Layout.tsx';
import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import type { Transition } from '../../../domain/catalog/workflow.ts';
import { ACCESS_LEVELS, FREQUENCIES, LICENSES } from '../../../domain/catalog/vocab.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';
import type { DescribeValues } from './describe-form.ts';
import { Csrf, ErrorSummary, FieldError, invalidProps, PublishLayout, Steps, type FieldErrors } from './parts.tsx';

export interface DescribeState {
  siteName: string;
  user: LayoutUser;
  csrf: string;
  d: DatasetDetail;
  themes: readonly string[];
  values: DescribeValues;
  errors: FieldErrors;
  /** What the dataset still needs before it can be published, by field. */
  problems: FieldErrors;
  /** The workflow moves the person may make from the dataset's status. */
  moves: Transition[];
  notice?: string | undefined;
}

export const DESCRIBE_LABELS: Record<string, string> = {
  title: 'Title', description: 'Description', keywords: 'Keywords', themes: 'Themes', publisher: 'Publisher',
  contact_name: 'Contact name', contact_email: 'Contact email', license: 'License', frequency: 'Update frequency',
  temporal_start: 'Data covers from', temporal_end: 'Data covers until', spatial_place: 'Place covered', language: 'Languages',
  access_level: 'Who may see it', suggested_uses: 'Suggested uses', known_limitations: 'Known limitations', resources: 'Data',
};

const ACCESS_TITLES: Record<(typeof ACCESS_LEVELS)[number], string> = {
  public: 'Public: anyone sees and downloads it',
  restricted: 'Restricted: anyone sees the description, signed-in people get the data',
  private: 'Private: only your organization',
};

const MOVE_TITLES: Record<string, string> = {
  'draft>submitted': 'Submit for review',
  'submitted>draft': 'Withdraw to draft',
  'submitted>published': 'Publish',
  'draft>published': 'Publish',
  'published>draft': 'Unpublish',
  'published>archived': 'Archive',
  'archived>published': 'Restore from the archive',
};

type Input = { name: string; hint?: string; errors: FieldErrors; value: string };

/** One labelled text field with its hint and its problem. */
function Text({ name, hint, errors, value, type = 'text', long }: Input & { type?: string; long?: boolean }) {
  const props = { id: name, name, ...invalidProps(name, errors, Boolean(hint)) };
  return (
    <div>
      <label for={name}>{DESCRIBE_LABELS[name]}</label>
      {hint ? (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {long ? <textarea {...props} rows={5}>{value}</textarea> : <input type={type} {...props} value={value} />}
      <FieldError name={name} errors={errors} />
    </div>
  );
}

/** One labelled select, with an empty choice when the field may be left unset. */
function Choice({ name, errors, value, options, empty }: Omit<Input, 'hint'> & { options: Array<{ id: string; title: string }>; empty?: string }) {
  return (
    <div>
      <label for={name}>{DESCRIBE_LABELS[name]}</label>
      <select id={name} name={name} {...invalidProps(name, errors)}>
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((o) => (
          <option key={o.id} value={o.id} selected={o.id === value}>
            {o.title}
          </option>
        ))}
      </select>
      <FieldError name={name} errors={errors} />
    </div>
  );
}

/** The metadata form (every DCAT field) with problems beside their fields, and the workflow's buttons. */
export function describePage(s: DescribeState): SafeHtml {
  const { dataset } = s.d;
  const e = s.errors;
  const v = (k: string) => s.values[k] ?? '';
  return renderPage(
    <PublishLayout title={`Describe – ${dataset.title}`} siteName={s.siteName} user={s.user}>
      <Steps dataset={dataset} step="describe" />
      <h1>Describe “{dataset.title}”</h1>
      {s.notice ? (
        <p class="notice" role="status">
          {s.notice}
        </p>
      ) : null}
      <ErrorSummary errors={e} labels={DESCRIBE_LABELS} />
      <form method="post" action={`/publish/${dataset.slug}/describe`} class="form" noValidate>
        <Csrf token={s.csrf} />
        <Text name="title" errors={e} value={v('title')} />
        <Text name="description" errors={e} value={v('description')} long hint="What the data is, where it comes from and what one row means." />
        <Text name="keywords" errors={e} value={v('keywords')} hint="Words people might search for, separated by commas." />
        <fieldset id="themes" aria-describedby={e.themes ? 'themes-error' : undefined}>
          <legend>Themes</legend>
          <p class="hint">Choose up to five.</p>
          <div class="checks">
            {s.themes.map((t, i) => (
              <label key={t}>
                <input type="checkbox" name={`themes.${i}`} value={t} checked={s.values[`themes.${i}`] === t} /> {t}
              </label>
            ))}
          </div>
          <FieldError name="themes" errors={e} />
        </fieldset>
        <Choice name="license" errors={e} value={v('license')} options={LICENSES.map((l) => ({ id: l.id, title: l.title }))} empty="Choose a license" />
        <Choice name="frequency" errors={e} value={v('frequency')} options={[...FREQUENCIES]} empty="Not said" />
        <Text name="publisher" errors={e} value={v('publisher')} hint="Leave empty to name the organization." />
        <fieldset>
          <legend>Contact</legend>
          <Text name="contact_name" errors={e} value={v('contact_name')} />
          <Text name="contact_email" errors={e} value={v('contact_email')} type="email" />
        </fieldset>
        <fieldset>
          <legend>Time covered</legend>
          <Text name="temporal_start" errors={e} value={v('temporal_start')} type="date" hint="A date like 2024-01-31." />
          <Text name="temporal_end" errors={e} value={v('temporal_end')} type="date" hint="A date like 2024-12-31." />
        </fieldset>
        <Text name="spatial_place" errors={e} value={v('spatial_place')} hint="The city, district or area the data is about." />
        <Text name="language" errors={e} value={v('language')} hint="Two-letter codes separated by commas, like en, es." />
        <Choice name="access_level" errors={e} value={v('access_level')} options={ACCESS_LEVELS.map((a) => ({ id: a, title: ACCESS_TITLES[a] }))} />
        <Text name="suggested_uses" errors={e} value={v('suggested_uses')} long />
        <Text name="known_limitations" errors={e} value={v('known_limitations')} long />
        <p>
          <button type="submit">Save the description</button>
        </p>
      </form>
      <Workflow s={s} />
    </PublishLayout>,
  );
}

/** The dataset's status, what it still needs, and the moves the person may make. */
function Workflow({ s }: { s: DescribeState }) {
  const { dataset } = s.d;
  const problems = Object.entries(s.problems);
  return (
    <section aria-labelledby="workflow" class="card">
      <h2 id="workflow">Status: {dataset.status}</h2>
      {problems.length ? (
        <div>
          <p>Before it can be published, the dataset needs:</p>
          <ul>
            {problems.map(([field, message]) => (
              <li key={field}>
                <a href={field === 'resources' ? `/publish/${dataset.slug}/upload` : `#${field}`}>{`${DESCRIBE_LABELS[field] ?? field}: ${message}`}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {s.moves.length ? (
        <form method="post" action={`/publish/${dataset.slug}/status`} class="form">
          <Csrf token={s.csrf} />
          <input type="hidden" name="back" value={`/publish/${dataset.slug}/describe`} />
          <div>
            <label for="comment">Comment for the activity log (optional)</label>
            <textarea id="comment" name="comment" rows={2} cols={60} maxLength={2000} />
          </div>
          <p>
            {s.moves.map((t) => (
              <button key={t.to} type="submit" name="status" value={t.to} class={t.to === 'published' || t.to === 'submitted' ? undefined : 'secondary'}>
                {MOVE_TITLES[`${t.from}>${t.to}`] ?? t.to}
              </button>
            )).flatMap((b, i) => (i ? [' ', b] : [b]))}
          </p>
        </form>
      ) : (
        <p>You cannot change its status; an admin of its organization can.</p>
      )}
    </section>
  );
}
