import { useT, type PageContext } from '../components/page-context.ts';
import { vocab } from '../components/vocab.ts';
import type { Translator } from '../../../domain/i18n/translator.ts';
import type { DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import { needsEmptyConfirmation, type Transition } from '../../../domain/catalog/workflow.ts';
import { ACCESS_LEVELS, FREQUENCIES, LICENSES } from '../../../domain/catalog/vocab.ts';
import { renderPage } from '../components/render.tsx';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';
import type { DescribeValues } from './describe-form.ts';
import { FulfilChoice, type FulfilChoiceState } from '../requests/describe-choice.tsx';
import { Csrf, ErrorSummary, FieldError, invalidProps, PublishLayout, Steps, type FieldErrors } from './parts.tsx';

export interface DescribeState {
  pc: PageContext;
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
  /** The "fulfils a request" choice, for those who may edit the dataset. */
  fulfils?: FulfilChoiceState | undefined;
}

/** The form's fields, each labelled by its message `publish.field.<name>`. */
export const DESCRIBE_FIELDS = [
  'title', 'description', 'keywords', 'themes', 'publisher', 'contact_name', 'contact_email', 'license', 'frequency',
  'temporal_start', 'temporal_end', 'spatial_place', 'language', 'access_level', 'suggested_uses', 'known_limitations', 'resources',
] as const;

/** The form's field labels in the reader's language, by field name. */
export const describeLabels = (t: Translator): Record<string, string> => Object.fromEntries(DESCRIBE_FIELDS.map((f) => [f, t.t(`publish.field.${f}`)]));

/** A workflow move's button text; a move with no message is named by the status it leads to. */
const moveTitle = (t: Translator, m: Transition) => {
  const key = `publish.move.${m.from}.${m.to}`;
  return t.has(key) ? t.t(key) : vocab(t, 'status', m.to);
};

type Input = { name: string; hint?: string; errors: FieldErrors; value: string };

/** One labelled text field with its hint and its problem. */
function Text({ name, hint, errors, value, type = 'text', long }: Input & { type?: string; long?: boolean }) {
  const t = useT();
  const props = { id: name, name, ...invalidProps(name, errors, Boolean(hint)) };
  return (
    <div>
      <label for={name}>{t.t(`publish.field.${name}`)}</label>
      {hint ? (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {long ? <textarea {...props} rows={5} class="usa-textarea">{value}</textarea> : <input type={type} {...props} value={value} class="usa-input" />}
      <FieldError name={name} errors={errors} />
    </div>
  );
}

/** One labelled select, with an empty choice when the field may be left unset. */
function Choice({ name, errors, value, options, empty }: Omit<Input, 'hint'> & { options: Array<{ id: string; title: string }>; empty?: string }) {
  const t = useT();
  return (
    <div>
      <label for={name}>{t.t(`publish.field.${name}`)}</label>
      <select id={name} name={name} {...invalidProps(name, errors)} class="usa-select">
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
  const { t } = s.pc;
  const { dataset } = s.d;
  const e = s.errors;
  const v = (k: string) => s.values[k] ?? '';
  return renderPage(
    <PublishLayout title={t.t('publish.describe.title', { title: dataset.title })}>
      <Steps dataset={dataset} step="describe" />
      <h1>{t.t('publish.describe.heading', { title: dataset.title })}</h1>
      {s.notice ? (
        <p class="usa-alert usa-alert--info notice" role="status">
          {s.notice}
        </p>
      ) : null}
      <ErrorSummary errors={e} labels={describeLabels(t)} />
      <form method="post" action={`/publish/${dataset.slug}/describe`} class="form" noValidate>
        <Csrf token={s.csrf} />
        <Text name="title" errors={e} value={v('title')} />
        <Text name="description" errors={e} value={v('description')} long hint={t.t('publish.describe.descriptionHint')} />
        <Text name="keywords" errors={e} value={v('keywords')} hint={t.t('publish.describe.keywordsHint')} />
        <fieldset id="themes" aria-describedby={e.themes ? 'themes-error' : undefined}>
          <legend>{t.t('publish.field.themes')}</legend>
          <p class="hint">{t.t('publish.describe.themesHint')}</p>
          <div class="checks">
            {s.themes.map((theme, i) => (
              <label key={theme}>
                <input type="checkbox" name={`themes.${i}`} value={theme} checked={s.values[`themes.${i}`] === theme} /> {vocab(t, 'theme', theme)}
              </label>
            ))}
          </div>
          <FieldError name="themes" errors={e} />
        </fieldset>
        <Choice name="license" errors={e} value={v('license')} options={LICENSES.map((l) => ({ id: l.id, title: vocab(t, 'license', l.id) }))} empty={t.t('publish.describe.chooseLicense')} />
        <Choice name="frequency" errors={e} value={v('frequency')} options={FREQUENCIES.map((f) => ({ id: f.id, title: vocab(t, 'frequency', f.id) }))} empty={t.t('publish.describe.notSaid')} />
        <Text name="publisher" errors={e} value={v('publisher')} hint={t.t('publish.describe.publisherHint')} />
        <fieldset>
          <legend>{t.t('publish.describe.contact')}</legend>
          <Text name="contact_name" errors={e} value={v('contact_name')} />
          <Text name="contact_email" errors={e} value={v('contact_email')} type="email" />
        </fieldset>
        <fieldset>
          <legend>{t.t('publish.describe.time')}</legend>
          <Text name="temporal_start" errors={e} value={v('temporal_start')} type="date" hint={t.t('publish.describe.startHint')} />
          <Text name="temporal_end" errors={e} value={v('temporal_end')} type="date" hint={t.t('publish.describe.endHint')} />
        </fieldset>
        <Text name="spatial_place" errors={e} value={v('spatial_place')} hint={t.t('publish.describe.placeHint')} />
        <Text name="language" errors={e} value={v('language')} hint={t.t('publish.describe.languageHint')} />
        <Choice name="access_level" errors={e} value={v('access_level')} options={ACCESS_LEVELS.map((a) => ({ id: a, title: t.t(`publish.access.${a}`, { name: vocab(t, 'access', a) }) }))} />
        <Text name="suggested_uses" errors={e} value={v('suggested_uses')} long />
        <Text name="known_limitations" errors={e} value={v('known_limitations')} long />
        <p>
          <button type="submit" class="usa-button">{t.t('publish.describe.save')}</button>
        </p>
      </form>
      <Workflow s={s} />
      {s.fulfils ? <FulfilChoice s={s.fulfils} slug={dataset.slug} csrf={s.csrf} /> : null}
    </PublishLayout>,
    s.pc,
  );
}

/** The dataset's status, what it still needs, and the moves the person may make. */
function Workflow({ s }: { s: DescribeState }) {
  const t = useT();
  const labels = describeLabels(t);
  const { dataset } = s.d;
  const problems = Object.entries(s.problems);
  // A dataset with no rows is published or submitted only when the box is ticked.
  const empty = s.moves.some((m) => needsEmptyConfirmation(m.to, s.d.live?.rowCount));
  return (
    <section aria-labelledby="workflow" class="card">
      <h2 id="workflow">{t.t('publish.workflow.status', { status: vocab(t, 'status', dataset.status) })}</h2>
      {problems.length ? (
        <div>
          <p>{t.t('publish.workflow.needs')}</p>
          <ul>
            {problems.map(([field, message]) => (
              <li key={field}>
                <a href={field === 'resources' ? `/publish/${dataset.slug}/upload` : `#${field}`}>{t.t('publish.problemAt', { label: labels[field] ?? field, message: ruleText(t, message) })}</a>
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
            <label for="comment">{t.t('publish.workflow.comment')}</label>
            <textarea id="comment" name="comment" rows={2} cols={60} maxLength={2000} class="usa-textarea" />
          </div>
          {empty ? (
            <div>
              <p id="confirm_empty-hint">{t.t('publish.workflow.noRows')}</p>
              <label>
                <input type="checkbox" id="confirm_empty" name="confirm_empty" value="yes" {...invalidProps('confirm_empty', s.errors, true)} /> {t.t('publish.workflow.confirmEmpty')}
              </label>
              <FieldError name="confirm_empty" errors={s.errors} />
            </div>
          ) : null}
          <p>
            {s.moves.map((m) => (
              <button key={m.to} type="submit" name="status" value={m.to} class={m.to === 'published' || m.to === 'submitted' ? 'usa-button' : 'usa-button usa-button--outline secondary'}>
                {moveTitle(t, m)}
              </button>
            )).flatMap((b, i) => (i ? [' ', b] : [b]))}
          </p>
        </form>
      ) : (
        <p>{t.t('publish.workflow.cannot')}</p>
      )}
    </section>
  );
}
