import type { Dataset, Organization } from '../../../domain/catalog/types.ts';
import { CHAMPION_TIERS, CHANNEL_KINDS } from '../../../domain/program/champions.ts';
import type { Project } from '../../../domain/program/projects.ts';
import { FormField } from '../components/FormField.tsx';
import { Layout } from '../components/Layout.tsx';
import { Choices } from '../components/Choices.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';

export type FormValues = Record<string, string | string[]>;

/** The profile form, as typed, and its problems when refused. */
export interface ChampionFormState {
  csrf: string;
  /** Where the form posts: `/champions` for a new profile, the profile's address to edit it. */
  action: string;
  editing: boolean;
  /** Program staff: may make profiles for others and must record consent to publish them. */
  staff: boolean;
  /** Whether the profile is (or will be) the signed-in person's own. */
  own: boolean;
  organizations: readonly Organization[];
  themes: readonly string[];
  datasets: readonly Dataset[];
  projects: readonly Project[];
  values: FormValues;
  errors: Record<string, string>;
}

const STYLE = `form.champion-form{max-width:40rem}form.champion-form .usa-textarea{height:7rem}fieldset.picks{border:1px solid var(--line);border-radius:4px;margin:1rem 0;padding:.5rem 1rem 1rem;max-height:20rem;overflow:auto}
fieldset.picks label{display:block;margin:.4rem 0;font-weight:400;overflow-wrap:anywhere}fieldset.channel{border:1px solid var(--line);border-radius:4px;margin:1rem 0;padding:.5rem 1rem}`;

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const many = (v: string | string[] | undefined): Set<string> => new Set(Array.isArray(v) ? v : v ? [v] : []);

function ChannelFields({ s }: { s: ChampionFormState }) {
  const t = useT();
  const v = s.values;
  return (
    <fieldset class="usa-fieldset" aria-describedby="channels-hint">
      <legend class="usa-legend">{t.t('champions.fieldChannels')}</legend>
      <div class="usa-hint" id="channels-hint">{t.t('champions.fieldChannelsHint')}</div>
      {s.errors.channels ? <span class="usa-error-message">{ruleText(t, s.errors.channels)}</span> : null}
      {CHANNEL_KINDS.map((k) => (
        <fieldset class="channel" key={k}>
          <legend>{t.t(`champions.channel.${k}`)}</legend>
          <FormField name={`channel_${k}`} label={k === 'office_hours' ? t.t('champions.fieldOfficeTime') : t.t('champions.fieldChannelValue', { channel: t.t(`champions.channel.${k}`) })}>
            {(a) => <input {...a} type="text" class="usa-input" value={one(v[`channel_${k}`])} maxLength={300} />}
          </FormField>
          {k === 'office_hours' ? (
            <FormField name="channel_office_hours_place" label={t.t('champions.fieldOfficePlace')}>
              {(a) => <input {...a} type="text" class="usa-input" value={one(v.channel_office_hours_place)} maxLength={300} />}
            </FormField>
          ) : null}
          <label class="choice">
            <input type="checkbox" name={`channel_${k}_shown`} value="on" checked={one(v[`channel_${k}_shown`]) === 'on'} /> {t.t('champions.fieldShown')}
          </label>
        </fieldset>
      ))}
    </fieldset>
  );
}

function ChampionForm({ s }: { s: ChampionFormState }) {
  const t = useT();
  const v = s.values;
  const e = s.errors;
  return (
    <>
      <h1>{t.t(s.editing ? 'champions.editTitle' : 'champions.newTitle')}</h1>
      <p>{t.t(s.own ? 'champions.formIntroOwn' : 'champions.formIntro')}</p>
      {Object.keys(e).length ? (
        <div class="usa-alert usa-alert--error" role="alert">
          {e.form ? ruleText(t, e.form) : t.t('champions.fixBelow')}
        </div>
      ) : null}
      <form method="post" action={s.action} class="usa-form champion-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        <FormField name="name" label={t.t('champions.fieldName')} error={e.name}>
          {(a) => <input {...a} type="text" class="usa-input" value={one(v.name)} maxLength={150} required />}
        </FormField>
        <FormField name="tier" label={t.t('champions.fieldTier')} hint={t.t('champions.fieldTierHint')} error={e.tier}>
          {(a) => (
            <select {...a} class="usa-select" required>
              <option value="">{t.t('champions.choose')}</option>
              {CHAMPION_TIERS.map((k) => (
                <option key={k} value={k} selected={one(v.tier) === k}>{t.t(`champions.tier.${k}`)}</option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name="organization" label={t.t('champions.fieldOrganization')} error={e.organization}>
          {(a) => (
            <select {...a} class="usa-select">
              <option value="">{t.t('champions.noOrganization')}</option>
              {s.organizations.map((o) => (
                <option key={o.id} value={o.slug} selected={one(v.organization) === o.slug}>{o.name}</option>
              ))}
            </select>
          )}
        </FormField>
        <FormField name="department" label={t.t('champions.fieldDepartment')} hint={t.t('champions.fieldDepartmentHint')} error={e.department}>
          {(a) => <input {...a} type="text" class="usa-input" value={one(v.department)} maxLength={200} />}
        </FormField>
        <Choices name="topics" legend={t.t('champions.fieldTopics')} options={s.themes.map((x) => ({ value: x, label: x }))} chosen={many(v.topics)} error={e.topics} />
        <FormField name="bio" label={t.t('champions.fieldBio')} error={e.bio}>
          {(a) => <textarea {...a} class="usa-textarea" maxLength={1000}>{one(v.bio)}</textarea>}
        </FormField>
        <ChannelFields s={s} />
        <Choices name="datasets" legend={t.t('champions.fieldDatasets')} options={s.datasets.map((d) => ({ value: d.slug, label: d.title }))} chosen={many(v.datasets)} error={e.datasets} />
        {s.projects.length ? <Choices name="projects" each legend={t.t('champions.fieldProjects')} options={s.projects.map((x) => ({ value: x.slug, label: x.title }))} chosen={many(v.projects)} error={e.projects} /> : null}
        {s.staff && !s.editing ? (
          <label class="choice">
            <input type="checkbox" name="self" value="on" checked={one(v.self) === 'on'} /> {t.t('champions.fieldSelf')}
          </label>
        ) : null}
        <fieldset class="usa-fieldset">
          <legend class="usa-legend">{t.t('champions.fieldPublishing')}</legend>
          <label class="choice">
            <input type="checkbox" name="published" value="on" checked={one(v.published) === 'on'} /> {t.t('champions.fieldPublished')}
          </label>
          {s.staff && !s.own ? (
            <FormField name="consent" label={t.t('champions.fieldConsent')} hint={t.t('champions.fieldConsentHint')} error={e.consent}>
              {(a) => <input {...a} type="text" class="usa-input" value={one(v.consent)} maxLength={300} />}
            </FormField>
          ) : null}
        </fieldset>
        <button type="submit" class="usa-button">{t.t('champions.save')}</button>
      </form>
    </>
  );
}

/** `/champions/new` and `/champions/{slug}/edit`: the profile form, which works without JavaScript and keeps what was typed when refused. */
export function championFormPage(pc: PageContext, s: ChampionFormState): SafeHtml {
  return renderPage(
    <Layout title={pc.t.t(s.editing ? 'champions.editTitle' : 'champions.newTitle')} styles={STYLE}>
      <ChampionForm s={s} />
    </Layout>,
    pc,
  );
}
