import type { Showcase } from '../../../domain/community/showcases.ts';
import { MILESTONE_STATUSES, type Milestone, type Project } from '../../../domain/program/projects.ts';
import { FormField } from '../components/FormField.tsx';
import { useT } from '../components/page-context.ts';
import { ruleText } from '../components/rule-text.ts';

/** What a refused staff form sent back: which form, its values and its messages. */
export interface FormState {
  form?: string | undefined;
  values?: Record<string, string> | undefined;
  errors?: Record<string, string> | undefined;
}

function Refusal({ s, form }: { s: FormState; form: string }) {
  const t = useT();
  return s.form === form && s.errors?.form ? (
    <div class="usa-alert usa-alert--error" role="alert">
      {ruleText(t, s.errors.form)}
    </div>
  ) : null;
}

const pick = (s: FormState, form: string) => ({ v: s.form === form ? (s.values ?? {}) : {}, e: s.form === form ? (s.errors ?? {}) : {} });

export function PhaseForm({ p, csrf, s }: { p: Project; csrf: string; s: FormState }) {
  const t = useT();
  return (
    <form method="post" action={`/projects/${encodeURIComponent(p.slug)}/phase`} class="usa-form">
      <input type="hidden" name="_csrf" value={csrf} />
      <Refusal s={s} form="phase" />
      <FormField id="move-phase" name="phase" label={t.t('projects.movePhase')}>
        {(a) => (
          <select {...a} class="usa-select">
            {p.phases.map((ph) => (
              <option key={ph.key} value={ph.key} selected={ph.key === p.currentPhase}>{ph.name}</option>
            ))}
          </select>
        )}
      </FormField>
      <button type="submit" class="usa-button usa-button--outline">{t.t('projects.move')}</button>
    </form>
  );
}

export function MilestoneForm({ p, csrf, s, m }: { p: Project; csrf: string; s: FormState; m?: Milestone }) {
  const t = useT();
  const form = m ? `milestone-${m.id}` : 'milestone';
  const { v, e } = pick(s, form);
  const id = (n: string) => (m ? `${n}-${m.id}` : n);
  return (
    <form method="post" action={`/projects/${encodeURIComponent(p.slug)}/milestones${m ? `/${encodeURIComponent(m.id)}` : ''}`} class="usa-form">
      <input type="hidden" name="_csrf" value={csrf} />
      <Refusal s={s} form={form} />
      <FormField name="title" id={id('milestone-title')} label={t.t('projects.milestoneTitle')} error={e.title}>
        {(a) => <input {...a} type="text" class="usa-input" value={v.title ?? m?.title ?? ''} maxLength={150} required />}
      </FormField>
      <FormField name="dueDate" id={id('milestone-due')} label={t.t('projects.milestoneDue')} hint={t.t('projects.dateHint')} error={e.dueDate}>
        {(a) => <input {...a} type="date" class="usa-input" value={v.dueDate ?? m?.dueDate ?? ''} required />}
      </FormField>
      <FormField name="phase" id={id('milestone-phase')} label={t.t('projects.milestonePhase')} error={e.phase}>
        {(a) => (
          <select {...a} class="usa-select">
            {p.phases.map((ph) => (
              <option key={ph.key} value={ph.key} selected={(v.phase ?? m?.phase ?? p.currentPhase) === ph.key}>{ph.name}</option>
            ))}
          </select>
        )}
      </FormField>
      <FormField name="status" id={id('milestone-status')} label={t.t('projects.milestoneStatus')} error={e.status}>
        {(a) => (
          <select {...a} class="usa-select">
            {MILESTONE_STATUSES.map((st) => (
              <option key={st} value={st} selected={(v.status ?? m?.status ?? 'planned') === st}>{t.t(`projects.milestone.${st}`)}</option>
            ))}
          </select>
        )}
      </FormField>
      <button type="submit" class="usa-button usa-button--outline">{t.t(m ? 'projects.saveMilestone' : 'projects.addMilestone')}</button>
    </form>
  );
}

export function UpdateForm({ p, csrf, s }: { p: Project; csrf: string; s: FormState }) {
  const t = useT();
  const { v, e } = pick(s, 'update');
  return (
    <form method="post" action={`/projects/${encodeURIComponent(p.slug)}/updates`} class="usa-form">
      <input type="hidden" name="_csrf" value={csrf} />
      <Refusal s={s} form="update" />
      <FormField name="body" id="update-body" label={t.t('projects.updateBody')} error={e.body}>
        {(a) => <textarea {...a} class="usa-textarea" maxLength={5000} required>{v.body ?? ''}</textarea>}
      </FormField>
      <button type="submit" class="usa-button usa-button--outline">{t.t('projects.postUpdate')}</button>
    </form>
  );
}

export function LaunchForm({ p, csrf, s, showcases }: { p: Project; csrf: string; s: FormState; showcases: readonly Showcase[] }) {
  const t = useT();
  const { v, e } = pick(s, 'launch');
  return (
    <form method="post" action={`/projects/${encodeURIComponent(p.slug)}/launch`} class="usa-form">
      <input type="hidden" name="_csrf" value={csrf} />
      <Refusal s={s} form="launch" />
      <FormField name="what" id="launch-what" label={t.t('projects.launchWhat')} error={e.what}>
        {(a) => <textarea {...a} class="usa-textarea" maxLength={2000} required>{v.what ?? ''}</textarea>}
      </FormField>
      <FormField name="maintainer" id="launch-maintainer" label={t.t('projects.launchMaintainer')} error={e.maintainer}>
        {(a) => <input {...a} type="text" class="usa-input" value={v.maintainer ?? ''} maxLength={200} required />}
      </FormField>
      <FormField name="link" id="launch-link" label={t.t('projects.launchLink')} error={e.link}>
        {(a) => <input {...a} type="url" class="usa-input" value={v.link ?? ''} maxLength={2000} required />}
      </FormField>
      <FormField name="showcase" id="launch-showcase" label={t.t('projects.launchShowcase')} hint={t.t('projects.launchShowcaseHint')} error={e.showcase}>
        {(a) => (
          <select {...a} class="usa-select">
            <option value="">{t.t('projects.noShowcase')}</option>
            {showcases.map((x) => (
              <option key={x.id} value={x.id} selected={v.showcase === x.id}>{x.title}</option>
            ))}
          </select>
        )}
      </FormField>
      <p>
        <a href="/showcases/new">{t.t('projects.submitShowcase')}</a>
      </p>
      <button type="submit" class="usa-button">{t.t('projects.launch')}</button>
    </form>
  );
}
