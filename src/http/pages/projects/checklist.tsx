import type { ProjectDetail } from '../../../actions/projects/read-projects.ts';
import { CHECK_STATUSES } from '../../../domain/program/projects.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';
import { FormField } from '../components/FormField.tsx';
import { FORM_STYLE } from './new.tsx';

export interface ChecklistPageState {
  csrf: string;
  values: Record<string, string>;
  errors: Record<string, string>;
}

function ChecklistForm({ d, s }: { d: ProjectDetail; s: ChecklistPageState }) {
  const t = useT();
  const p = d.project;
  return (
    <>
      <p>
        <a href={`/projects/${encodeURIComponent(p.slug)}`}>{p.title}</a>
      </p>
      <h1>{t.t('projects.checklistTitle')}</h1>
      <p>{t.t('projects.checklistIntro')}</p>
      {s.errors.form ? (
        <div class="usa-alert usa-alert--error" role="alert">
          {ruleText(t, s.errors.form)}
        </div>
      ) : null}
      <form method="post" action={`/projects/${encodeURIComponent(p.slug)}/checklist`} class="usa-form project-form">
        <input type="hidden" name="_csrf" value={s.csrf} />
        {p.checklist.map((c) => (
          <fieldset key={c.item} class="usa-fieldset picks">
            <legend class="usa-legend">{t.t(`projects.item.${c.item}`)}</legend>
            <FormField id={`status-${c.item}`} name={`status_${c.item}`} label={t.t('projects.decision')}>
              {(a) => (
                <select {...a} class="usa-select">
                  {CHECK_STATUSES.map((st) => (
                    <option key={st} value={st} selected={(s.values[`status_${c.item}`] ?? c.status) === st}>{t.t(`projects.status.${st}`)}</option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField id={`notes-${c.item}`} name={`notes_${c.item}`} label={t.t('projects.notes')}>
              {(a) => <textarea {...a} class="usa-textarea" maxLength={2000}>{s.values[`notes_${c.item}`] ?? c.notes}</textarea>}
            </FormField>
            <FormField id={`owner-${c.item}`} name={`owner_${c.item}`} label={t.t('projects.owner')}>
              {(a) => <input {...a} type="text" class="usa-input" value={s.values[`owner_${c.item}`] ?? c.owner} maxLength={200} />}
            </FormField>
          </fieldset>
        ))}
        <button type="submit" class="usa-button">{t.t('projects.saveChecklist')}</button>
      </form>
    </>
  );
}

/** `/projects/{slug}/checklist`: one form for every adoption constraint. */
export function checklistPage(pc: PageContext, d: ProjectDetail, s: ChecklistPageState): SafeHtml {
  return renderPage(
    <Layout title={pc.t.t('projects.checklistTitle')} styles={FORM_STYLE}>
      <ChecklistForm d={d} s={s} />
    </Layout>,
    pc,
  );
}
