import type { ProjectChoices } from '../../../actions/projects/read-projects.ts';
import { FormField } from '../components/FormField.tsx';
import { Layout } from '../components/Layout.tsx';
import { Choices } from '../components/Choices.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';

export interface NewProjectState {
  csrf: string;
  choices: ProjectChoices;
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
}

export const FORM_STYLE = `form.project-form{max-width:36rem}form.project-form .usa-textarea{height:6rem}fieldset.picks{border:1px solid var(--line);border-radius:4px;margin:1rem 0;padding:.5rem 1rem 1rem;max-height:24rem;overflow:auto}
fieldset.picks label{display:block;margin:.4rem 0;font-weight:400;overflow-wrap:anywhere}`;

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const many = (v: string | string[] | undefined): Set<string> => new Set(Array.isArray(v) ? v : v ? [v] : []);

function NewProjectForm({ s }: { s: NewProjectState }) {
  const t = useT();
  const v = s.values;
  const e = s.errors;
  return (
    <>
      <h1>{t.t('projects.newTitle')}</h1>
      <p>{t.t('projects.newIntro')}</p>
      {Object.keys(e).length ? (
        <div class="usa-alert usa-alert--error" role="alert">
          {e.form ? ruleText(t, e.form) : t.t('projects.fixBelow')}
        </div>
      ) : null}
      <form method="post" action="/projects" class="usa-form project-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        <FormField name="title" label={t.t('projects.fieldTitle')} error={e.title}>
          {(a) => <input {...a} type="text" class="usa-input" value={one(v.title)} maxLength={150} required />}
        </FormField>
        <FormField name="summary" label={t.t('projects.fieldSummary')} error={e.summary}>
          {(a) => <textarea {...a} class="usa-textarea" maxLength={5000} required>{one(v.summary)}</textarea>}
        </FormField>
        <FormField name="statement" label={t.t('projects.fieldStatement')} error={e.statement}>
          {(a) => (
            <select {...a} class="usa-select" required>
              <option value="">{t.t('projects.choose')}</option>
              {s.choices.statements.map((st) => (
                <option key={st.id} value={st.id} selected={one(v.statement) === st.id}>{st.title}</option>
              ))}
            </select>
          )}
        </FormField>
        <Choices name="partners" each legend={t.t('projects.fieldPartners')} error={e.partners} chosen={many(v.partners)} options={s.choices.actors.map((a) => ({ value: a.id, label: `${a.name} (${t.t(`projects.kind.${a.kind}`)})` }))} />
        <Choices name="datasets" each legend={t.t('projects.fieldDatasets')} error={e.datasets} chosen={many(v.datasets)} options={s.choices.datasets.map((d) => ({ value: d.slug, label: d.title }))} />
        <FormField name="startDate" label={t.t('projects.fieldStart')} hint={t.t('projects.dateHint')} error={e.startDate}>
          {(a) => <input {...a} type="date" class="usa-input" value={one(v.startDate)} required />}
        </FormField>
        <FormField name="template" label={t.t('projects.fieldTemplate')} error={e.template}>
          {(a) => (
            <select {...a} class="usa-select">
              {s.choices.templates.map((tp) => (
                <option key={tp.id} value={tp.id} selected={one(v.template) === tp.id}>
                  {tp.name} ({tp.phases.map((ph) => `${ph.name} ${ph.weeks}`).join(', ')})
                </option>
              ))}
            </select>
          )}
        </FormField>
        <button type="submit" class="usa-button">{t.t('projects.create')}</button>
      </form>
    </>
  );
}

/** `/projects/new`: the form staff start a project with; it keeps what was typed when refused. */
export function newProjectPage(pc: PageContext, s: NewProjectState): SafeHtml {
  return renderPage(
    <Layout title={pc.t.t('projects.newTitle')} styles={FORM_STYLE}>
      <NewProjectForm s={s} />
    </Layout>,
    pc,
  );
}
