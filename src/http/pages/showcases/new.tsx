import type { Dataset } from '../../../domain/catalog/types.ts';
import { SHOWCASE_KINDS } from '../../../domain/community/showcases.ts';
import { FormField } from '../components/FormField.tsx';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';

/** The submit form, as typed, and its problems when refused. */
export interface NewShowcaseState {
  csrf: string;
  datasets: readonly Dataset[];
  maxMb: number;
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
}

const STYLE = `form.showcase-form{max-width:36rem}form.showcase-form .usa-textarea{height:8rem}fieldset.datasets{border:1px solid var(--line);border-radius:4px;margin:1rem 0;padding:.5rem 1rem 1rem;max-height:24rem;overflow:auto}
fieldset.datasets label{display:block;margin:.4rem 0;font-weight:400;overflow-wrap:anywhere}`;

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

function NewShowcaseForm({ s }: { s: NewShowcaseState }) {
  const t = useT();
  const v = s.values;
  const e = s.errors;
  const chosen = new Set(Array.isArray(v.datasets) ? v.datasets : v.datasets ? [v.datasets] : []);
  return (
    <>
      <h1>{t.t('showcases.newTitle')}</h1>
      <p>{t.t('showcases.newIntro')}</p>
      {Object.keys(e).length ? (
        <div class="usa-alert usa-alert--error" role="alert">
          {e.form ? ruleText(t, e.form) : t.t('showcases.fixBelow')}
        </div>
      ) : null}
      <form method="post" action="/showcases" enctype="multipart/form-data" class="usa-form showcase-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        <FormField name="title" label={t.t('showcases.fieldTitle')} error={e.title}>
          {(a) => <input {...a} type="text" class="usa-input" value={one(v.title)} maxLength={150} required />}
        </FormField>
        <FormField name="kind" label={t.t('showcases.fieldKind')} error={e.kind}>
          {(a) => (
            <select {...a} class="usa-select" required>
              <option value="">{t.t('showcases.choose')}</option>
              {SHOWCASE_KINDS.map((k) => (
                <option key={k} value={k} selected={one(v.kind) === k}>{t.t(`showcases.kind.${k}`)}</option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name="description" label={t.t('showcases.fieldDescription')} hint={t.t('showcases.fieldDescriptionHint')} error={e.description}>
          {(a) => <textarea {...a} class="usa-textarea" maxLength={5000} required>{one(v.description)}</textarea>}
        </FormField>
        <FormField name="link" label={t.t('showcases.fieldLink')} hint={t.t('showcases.fieldLinkHint')} error={e.link}>
          {(a) => <input {...a} type="url" class="usa-input" value={one(v.link)} maxLength={2000} required />}
        </FormField>
        <FormField name="made_by" label={t.t('showcases.fieldMadeBy')} hint={t.t('showcases.fieldMadeByHint')} error={e.madeBy}>
          {(a) => <input {...a} type="text" class="usa-input" value={one(v.made_by)} maxLength={200} required />}
        </FormField>
        <fieldset class="datasets" aria-describedby={e.datasets ? 'field-datasets-error' : undefined}>
          <legend class="usa-legend">{t.t('showcases.fieldDatasets')}</legend>
          {e.datasets ? (
            <span class="usa-error-message" id="field-datasets-error">
              {ruleText(t, e.datasets)}
            </span>
          ) : null}
          {s.datasets.map((d) => (
            <label key={d.id}>
              <input type="checkbox" name="datasets" value={d.slug} checked={chosen.has(d.slug)} /> {d.title}
            </label>
          ))}
        </fieldset>
        <FormField name="image_alt" label={t.t('showcases.fieldImageAlt')} hint={t.t('showcases.fieldImageAltHint')} error={e.imageAlt}>
          {(a) => <input {...a} type="text" class="usa-input" value={one(v.image_alt)} maxLength={300} />}
        </FormField>
        <FormField name="image" label={t.t('showcases.fieldImage')} hint={t.t('showcases.fieldImageHint', { mb: s.maxMb })} error={e.image}>
          {(a) => <input {...a} type="file" class="usa-file-input" accept="image/jpeg,image/png,image/webp,image/gif" />}
        </FormField>
        <button type="submit" class="usa-button">{t.t('showcases.send')}</button>
      </form>
    </>
  );
}

/** `/showcases/new`: the form to submit a showcase with its image, which works without JavaScript and keeps what was typed when refused. */
export function newShowcasePage(pc: PageContext, s: NewShowcaseState): SafeHtml {
  return renderPage(
    <Layout title={pc.t.t('showcases.newTitle')} styles={STYLE}>
      <NewShowcaseForm s={s} />
    </Layout>,
    pc,
  );
}
