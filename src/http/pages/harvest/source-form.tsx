import { HARVEST_KINDS } from '../../../domain/harvest/types.ts';
import { FormField } from '../components/FormField.tsx';
import { useT } from '../components/page-context.ts';
import { ruleText } from '../components/rule-text.ts';
import { kindName } from './parts.tsx';

/** What the source form holds, as typed: checkboxes are "on" when ticked. */
export type SourceValues = Record<string, string>;

/** A form shown again: what was typed and each field's message (`form` for the whole form). */
export interface FormState {
  csrf: string;
  values: SourceValues;
  errors: Record<string, string>;
}

/** The values of a new source's form before anything is typed. */
export const NEW_SOURCE: SourceValues = { kind: 'dcat-us', harvest: 'on', schedule: 'every', hours: '24' };

/**
 * The form adding a source (`/admin/harvest`) or changing one
 * (`/admin/harvest/{id}/edit`): a source's kind and organization are chosen
 * once, when it is added.
 */
export function SourceForm({ action, state, adding }: { action: string; state: FormState; adding: boolean }) {
  const t = useT();
  const v = state.values;
  const e = state.errors;
  const count = Object.keys(e).filter((k) => k !== 'form').length;
  const radio = (value: string, label: string) => (
    <div class="usa-radio">
      <input class="usa-radio__input" id={`field-schedule-${value}`} type="radio" name="schedule" value={value} checked={(v.schedule ?? 'every') === value} />
      <label class="usa-radio__label" for={`field-schedule-${value}`}>
        {label}
      </label>
    </div>
  );
  const box = (name: 'harvest' | 'peer', label: string, hint: string) => (
    <div class="check">
      <input id={`field-${name}`} type="checkbox" name={name} checked={v[name] === 'on'} aria-describedby={`field-${name}-hint`} />
      <label for={`field-${name}`}>
        {label}
      </label>
      <div class="usa-hint" id={`field-${name}-hint`}>
        {hint}
      </div>
    </div>
  );
  return (
    <form method="post" action={action} class="usa-form harvest-form">
      <input type="hidden" name="_csrf" value={state.csrf} />
      {e.form || count ? (
        <div class="usa-alert usa-alert--error problem" role="alert">
          {e.form ? ruleText(t, e.form) : t.t('harvest.fixFields', { count })}
        </div>
      ) : null}
      {adding ? (
        <FormField name="kind" label={t.t('harvest.fieldKind')} hint={t.t(`harvest.kindHint.${v.kind && (HARVEST_KINDS as readonly string[]).includes(v.kind) ? v.kind : 'dcat-us'}`)} error={e.kind}>
          {(a) => (
            <select {...a} class="usa-select">
              {HARVEST_KINDS.map((k) => (
                <option key={k} value={k} selected={v.kind === k}>
                  {kindName(t, k)}
                </option>
              ))}
            </select>
          )}
        </FormField>
      ) : null}
      {adding ? (
        <details class="kinds">
          <summary>{t.t('harvest.kindsAddresses')}</summary>
          <ul>
            {/* Hints: harvest.kindHint.ckan, harvest.kindHint.dcat-us, harvest.kindHint.dcat-ap, harvest.kindHint.socrata, harvest.kindHint.plaza. */}
            {HARVEST_KINDS.map((k) => (
              <li key={k}>
                <strong>{kindName(t, k)}</strong>: {t.t(`harvest.kindHint.${k}`)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <FormField name="url" label={t.t('harvest.fieldUrl')} hint={t.t('harvest.fieldUrlHint')} error={e.url}>
        {(a) => <input {...a} type="url" class="usa-input" value={v.url ?? ''} maxLength={2000} required />}
      </FormField>
      <FormField name="name" label={t.t('harvest.fieldName')} hint={adding ? t.t('harvest.fieldNameHint') : undefined} error={e.name}>
        {(a) => <input {...a} type="text" class="usa-input" value={v.name ?? ''} maxLength={200} required={!adding} />}
      </FormField>
      {adding ? (
        <FormField name="organization" label={t.t('harvest.fieldOrganization')} hint={t.t('harvest.fieldOrganizationHint')} error={e.organization}>
          {(a) => <input {...a} type="text" class="usa-input" value={v.organization ?? ''} maxLength={200} />}
        </FormField>
      ) : null}
      <fieldset class="usa-fieldset">
        <legend class="usa-legend">{t.t('harvest.fieldRoles')}</legend>
        {box('harvest', t.t('harvest.fieldHarvest'), t.t('harvest.fieldHarvestHint'))}
        {box('peer', t.t('harvest.fieldPeer'), t.t('harvest.fieldPeerHint'))}
      </fieldset>
      <fieldset class="usa-fieldset">
        <legend class="usa-legend">{t.t('harvest.fieldSchedule')}</legend>
        {radio('every', t.t('harvest.scheduleEvery'))}
        <FormField name="hours" label={t.t('harvest.fieldHours')} hint={t.t('harvest.fieldHoursHint')} error={e.hours}>
          {(a) => <input {...a} type="number" class="usa-input" value={v.hours ?? ''} min={1} max={8760} step={1} />}
        </FormField>
        {radio('demand', t.t('harvest.scheduleDemand'))}
      </fieldset>
      <button type="submit" class="usa-button">
        {t.t(adding ? 'harvest.add' : 'harvest.save')}
      </button>
    </form>
  );
}
