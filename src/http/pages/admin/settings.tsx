import { MAX_FEATURED, MAX_LOGO_BYTES, MAX_PROBLEM_CATEGORIES, type SiteSettings } from '../../../domain/site/settings.ts';
import type { Language } from '../../../ports/locales.ts';
import { FormField, type FormFieldProps } from '../components/FormField.tsx';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { ruleText } from '../components/rule-text.ts';
import { richText } from '../rich.tsx';
import { logoHref } from '../site-look.ts';
import type { SafeHtml } from '../html.ts';

/** What the settings form shows: the values as typed, and a message per field that was refused. */
export interface SettingsFormState {
  /** Text per form field: name, logo_url, primary_color, accent_color, featured, themes, the map_* fields, and `lang_<code>` per language. */
  values: Record<string, string>;
  errors: Record<string, string>;
  /** A problem with the form as a whole (an expired form). */
  problem?: string | undefined;
  saved?: boolean;
  csrf: string;
}

/** The form's values from the settings now applying. */
export function formValues(s: SiteSettings): Record<string, string> {
  const values: Record<string, string> = {
    name: s.name,
    logo_url: s.logoUrl?.startsWith('data:') ? '' : (s.logoUrl ?? ''),
    primary_color: s.primaryColor,
    accent_color: s.accentColor,
    featured: s.featured.join('\n'),
    themes: s.themes.join('\n'),
    problem_categories: s.problemCategories.join('\n'),
    map_context: s.mapContext ?? '',
    map_tile_url: s.tileUrl ?? '',
    map_tile_attribution: s.tileAttribution ?? '',
    map_tile_attribution_url: s.tileAttributionUrl ?? '',
    ...(s.anonymousProblems ? { anonymous_problems: 'on' } : {}),
    time_zone: s.timeZone,
  };
  for (const l of s.languages) values[`lang_${l}`] = 'on';
  return values;
}

export const FORM_STYLE = `form.settings{max-width:40rem}form.settings label,form.settings legend{font-weight:600}
form.settings input[type=text],form.settings input[type=url],form.settings textarea{width:100%;padding:.45rem;font:inherit;border:1px solid #8a96a3;border-radius:4px}
form.settings [aria-invalid=true]{border:2px solid #b00020}fieldset{border:1px solid var(--line);border-radius:4px;margin:0 0 1rem}
.saved{border:2px solid #1e7b34;background:#fff;padding:.6rem .9rem;border-radius:4px}
.swatch{display:inline-block;width:1.2rem;height:1.2rem;border:1px solid #56616e;vertical-align:middle;margin-left:.4rem}
form.settings button{font:inherit;padding:.45rem 1rem;border:0;border-radius:4px;background:#0b5cad;color:#fff;cursor:pointer}`;

/** A settings field: the shared labelled field, with the message the form's state holds for it. */
const Field = ({ state, ...props }: Omit<FormFieldProps, 'error'> & { state: SettingsFormState }) => <FormField {...props} error={state.errors[props.name]} />;

/** What maps draw beneath the data: the context layer and the tile server with its attribution. */
function MapFields({ state }: { state: SettingsFormState }) {
  const t = useT();
  const v = state.values;
  const places = { z: '{z}', x: '{x}', y: '{y}' };
  return (
    <fieldset>
      <legend>{t.t('admin.maps')}</legend>
      <p>{t.t('admin.mapsIntro')}</p>
      <Field name="map_context" label={t.t('admin.mapContext')} hint={t.t('admin.mapContextHint')} state={state}>
        {(a) => <input {...a} type="text" value={v.map_context ?? ''} maxLength={200} />}
      </Field>
      <Field name="map_tile_url" label={t.t('admin.tileUrl')} hint={t.t('admin.tileUrlHint', places)} state={state}>
        {(a) => <input {...a} type="text" value={v.map_tile_url ?? ''} maxLength={500} inputMode="url" />}
      </Field>
      <Field name="map_tile_attribution" label={t.t('admin.tileAttribution')} hint={t.t('admin.tileAttributionHint')} state={state}>
        {(a) => <input {...a} type="text" value={v.map_tile_attribution ?? ''} maxLength={200} />}
      </Field>
      <Field name="map_tile_attribution_url" label={t.t('admin.tileAttributionUrl')} hint={t.t('admin.tileAttributionUrlHint')} state={state}>
        {(a) => <input {...a} type="url" value={v.map_tile_attribution_url ?? ''} maxLength={500} />}
      </Field>
    </fieldset>
  );
}

/** The settings form's heading, notices and fields. */
function SettingsForm({ state, current, languages }: { state: SettingsFormState; current: SiteSettings; languages: readonly Language[] }) {
  const t = useT();
  const v = state.values;
  const count = Object.keys(state.errors).length;
  const langError = state.errors.languages;
  return (
    <>
      <h1>{t.t('admin.title')}</h1>
      <p>
        <a href="/admin/synonyms">{t.t('admin.synonymsLink')}</a> · <a href="/admin/harvest">{t.t('harvest.title')}</a> · <a href="/admin/jobs">{t.t('jobs.link')}</a>
      </p>
      {state.problem ? (
        <div class="usa-alert usa-alert--error problem" role="alert">
          {ruleText(t, state.problem)}
        </div>
      ) : count ? (
        <div class="usa-alert usa-alert--error problem" role="alert">
          {t.t('admin.fixFields', { count })}
        </div>
      ) : null}
      {state.saved ? (
        <p class="usa-alert usa-alert--success saved" role="status">
          {richText(t, 'admin.saved', {}, { link: <a href="/">{t.t('admin.seeHome')}</a> })}
        </p>
      ) : null}
      <form class="settings" method="post" action="/admin/settings" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={state.csrf} />
        <Field name="name" label={t.t('admin.name')} state={state}>
          {(a) => <input {...a} type="text" value={v.name ?? ''} required maxLength={100} autocomplete="organization" class="usa-input" />}
        </Field>
        <Field name="logo_url" label={t.t('admin.logoUrl')} hint={t.t('admin.logoUrlHint')} state={state}>
          {(a) => <input {...a} type="url" value={v.logo_url ?? ''} class="usa-input" />}
        </Field>
        <Field name="logo_file" label={t.t('admin.logoFile')} hint={t.t('admin.logoFileHint', { kb: MAX_LOGO_BYTES / 1024 })} state={state}>
          {(a) => <input {...a} type="file" accept="image/png,image/jpeg,image/gif,image/webp,image/svg+xml" />}
        </Field>
        {current.logoUrl ? (
          <p>
            <input id="field-remove_logo" name="remove_logo" type="checkbox" checked={v.remove_logo === 'on'} /> <label for="field-remove_logo">{t.t('admin.removeLogo')}</label>{' '}
            <img src={logoHref(current.logoUrl) ?? ''} alt={t.t('admin.currentLogo')} height={32} style="vertical-align:middle;background:#12263a;padding:2px" />
          </p>
        ) : null}
        <Field name="primary_color" label={t.t('admin.primaryColor')} hint={t.t('admin.primaryColorHint')} state={state}>
          {(a) => (
            <>
              <input {...a} type="text" value={v.primary_color ?? ''} pattern="#[0-9a-fA-F]{6}" maxLength={7} style="width:8rem" class="usa-input" />
              <span class="swatch" aria-hidden="true" style={`background:${current.primaryColor}`} />
            </>
          )}
        </Field>
        <Field name="accent_color" label={t.t('admin.accentColor')} hint={t.t('admin.accentColorHint')} state={state}>
          {(a) => (
            <>
              <input {...a} type="text" value={v.accent_color ?? ''} pattern="#[0-9a-fA-F]{6}" maxLength={7} style="width:8rem" class="usa-input" />
              <span class="swatch" aria-hidden="true" style={`background:${current.accentColor}`} />
            </>
          )}
        </Field>
        <Field name="featured" label={t.t('admin.featured')} hint={t.t('admin.featuredHint', { max: MAX_FEATURED })} state={state}>
          {(a) => <textarea {...a} rows={6} value={v.featured ?? ''} class="usa-textarea" />}
        </Field>
        <Field name="themes" label={t.t('admin.themes')} hint={t.t('admin.themesHint')} state={state}>
          {(a) => <textarea {...a} rows={10} value={v.themes ?? ''} class="usa-textarea" />}
        </Field>
        <Field name="problem_categories" label={t.t('admin.problemCategories')} hint={t.t('admin.problemCategoriesHint', { max: MAX_PROBLEM_CATEGORIES })} state={state}>
          {(a) => <textarea {...a} rows={8} value={v.problem_categories ?? ''} class="usa-textarea" />}
        </Field>
        <Field name="time_zone" label={t.t('events.timeZone')} hint={t.t('events.timeZoneHint')} state={state}>
          {(a) => <input {...a} type="text" value={v.time_zone ?? ''} class="usa-input" autocomplete="off" />}
        </Field>
        <MapFields state={state} />
        <fieldset>
          <legend>{t.t('moderation.settingsLegend')}</legend>
          <p>
            <input id="field-anonymous_problems" name="anonymous_problems" type="checkbox" checked={v.anonymous_problems === 'on'} aria-describedby="field-anonymous_problems-hint" />{' '}
            <label for="field-anonymous_problems">{t.t('moderation.anonymousProblems')}</label>
          </p>
          <div class="usa-hint" id="field-anonymous_problems-hint">
            {t.t('moderation.anonymousProblemsHint')}
          </div>
        </fieldset>
        <fieldset aria-describedby={langError ? 'field-languages-error' : undefined}>
          <legend>{t.t('admin.languages')}</legend>
          {langError ? (
            <span class="usa-error-message field-error" id="field-languages-error">
              {ruleText(t, langError)}
            </span>
          ) : null}
          {languages.map(({ code, name }) => (
            <span key={code} style="margin-right:1rem">
              <input id={`field-lang_${code}`} name={`lang_${code}`} type="checkbox" checked={v[`lang_${code}`] === 'on'} />{' '}
              <label for={`field-lang_${code}`} lang={code}>
                {name}
              </label>
            </span>
          ))}
        </fieldset>
        <button type="submit" class="usa-button">{t.t('admin.save')}</button>
      </form>
    </>
  );
}

/** The site administrators' settings form: a POST form (with a file upload for the logo) that works without JavaScript. */
export function settingsPage(pc: PageContext, state: SettingsFormState, current: SiteSettings, languages: readonly Language[]): SafeHtml {
  return renderPage(
    <Layout title={pc.t.t('admin.title')} styles={FORM_STYLE}>
      <SettingsForm state={state} current={current} languages={languages} />
    </Layout>,
    pc,
  );
}
