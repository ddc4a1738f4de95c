import { FormErrors } from '../community/form-errors.tsx';
import { FormField } from '../components/FormField.tsx';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';
import { categoryLabel } from './labels.ts';
import { PickMap } from './pick-map.tsx';
import type { PlaceMapState } from './place-map.tsx';

/** The form to post a problem, as typed, and its problems when refused. */
export interface NewProblemState {
  csrf: string;
  categories: readonly string[];
  values: Record<string, string>;
  errors: Record<string, string>;
  /** The city's map to pick a point on, and the script that makes a click pick it. */
  pick?: (PlaceMapState & { script: string }) | undefined;
  /** For someone without an account (when the site allows it): the form says posts are held, or thanks for one just held. */
  held?: 'form' | 'posted' | undefined;
}

const STYLE = `form.problem-form{max-width:36rem}form.problem-form .usa-textarea{height:8rem}fieldset{border:1px solid var(--line);border-radius:4px;margin:1rem 0;padding:.5rem 1rem 1rem}
fieldset label.choice{display:block;margin:.4rem 0;font-weight:400}.coordinates{display:flex;flex-wrap:wrap;gap:1rem}.coordinates .usa-form-group{margin-top:.5rem}`;

const PLACES = ['citywide', 'point', 'area'] as const;

function NewProblemForm({ s }: { s: NewProblemState }) {
  const t = useT();
  const v = s.values;
  const e = s.errors;
  const where = v.place_kind ?? 'citywide';
  return (
    <>
      <h1>{t.t('problems.newTitle')}</h1>
      <p>{t.t('problems.newIntro')}</p>
      {s.held === 'posted' ? (
        <p class="usa-alert usa-alert--success" role="status">
          {t.t('moderation.heldPosted')}
        </p>
      ) : s.held ? (
        <p class="usa-alert usa-alert--info">
          {t.t('moderation.heldNotice')} <a href="/sign-in?next=%2Fproblems%2Fnew">{t.t('problems.signInToPost')}</a>
        </p>
      ) : null}
      <FormErrors errors={e} fixBelow={t.t('problems.fixBelow')} />
      <form method="post" action="/problems" class="usa-form problem-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        <FormField name="title" label={t.t('problems.fieldTitle')} hint={t.t('problems.fieldTitleHint')} error={e.title}>
          {(a) => <input {...a} type="text" class="usa-input" value={v.title ?? ''} maxLength={150} required />}
        </FormField>
        <FormField name="description" label={t.t('problems.whatHappens')} hint={t.t('problems.whatHappensHint')} error={e.description}>
          {(a) => <textarea {...a} class="usa-textarea" maxLength={5000} required>{v.description ?? ''}</textarea>}
        </FormField>
        <FormField name="affected" label={t.t('problems.whoIsAffected')} hint={t.t('problems.whoIsAffectedHint')} error={e.affected}>
          {(a) => <textarea {...a} class="usa-textarea" maxLength={1000}>{v.affected ?? ''}</textarea>}
        </FormField>
        <FormField name="category" label={t.t('problems.categoryLabel')} error={e.category}>
          {(a) => (
            <select {...a} class="usa-select" required>
              <option value="">{t.t('problems.choose')}</option>
              {s.categories.map((c) => (
                <option key={c} value={c} selected={v.category === c}>{categoryLabel(t, c)}</option>
              ))}
            </select>
          )}
        </FormField>
        <fieldset aria-describedby={e.place ? 'field-place-error' : undefined}>
          <legend class="usa-legend">{t.t('problems.where')}</legend>
          {e.place ? (
            <span class="usa-error-message" id="field-place-error">
              {ruleText(t, e.place)}
            </span>
          ) : null}
          {PLACES.map((k) => (
            <label class="choice" key={k}>
              <input type="radio" name="place_kind" value={k} checked={where === k} /> {t.t(`problems.place.${k}`)}
            </label>
          ))}
          {s.pick ? <PickMap s={s.pick} /> : null}
          <div class="coordinates">
            <FormField name="lat" label={t.t('problems.latitude')} error={e.lat}>
              {(a) => <input {...a} type="text" inputMode="decimal" class="usa-input" value={v.lat ?? ''} />}
            </FormField>
            <FormField name="lon" label={t.t('problems.longitude')} error={e.lon}>
              {(a) => <input {...a} type="text" inputMode="decimal" class="usa-input" value={v.lon ?? ''} />}
            </FormField>
          </div>
          <FormField name="area" label={t.t('problems.area')} hint={t.t('problems.areaHint')} error={e.area}>
            {(a) => <input {...a} type="text" class="usa-input" value={v.area ?? ''} maxLength={100} />}
          </FormField>
        </fieldset>
        <button type="submit" class="usa-button">{t.t('problems.submit')}</button>
      </form>
    </>
  );
}

/** `/problems/new`: the form to post a problem, which works without JavaScript and keeps what was typed when refused. */
export function newProblemPage(pc: PageContext, s: NewProblemState): SafeHtml {
  return renderPage(
    <Layout title={pc.t.t('problems.newTitle')} styles={STYLE} scripts={s.pick ? [s.pick.script] : undefined}>
      <NewProblemForm s={s} />
    </Layout>,
    pc,
  );
}
