import type { ProjectTemplate } from '../../../domain/program/projects.ts';
import { Layout } from '../components/Layout.tsx';
import { useT, type PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import { ruleText } from '../components/rule-text.ts';
import type { SafeHtml } from '../html.ts';
import { FormField } from '../components/FormField.tsx';
import { FORM_STYLE } from './new.tsx';

export interface TemplatesState {
  csrf: string;
  /** The form refused ("new" or a template's id), with what was typed. */
  form?: string | undefined;
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** Phases as the form writes them: one "name, weeks" a line. */
export const phaseLines = (t: ProjectTemplate): string => t.phases.map((ph) => `${ph.name}, ${ph.weeks}`).join('\n');

function TemplateForm({ s, tp }: { s: TemplatesState; tp?: ProjectTemplate }) {
  const t = useT();
  const key = tp?.id ?? 'new';
  const mine = s.form === key;
  const v = mine ? s.values : {};
  return (
    <form method="post" action={tp ? `/projects/templates/${encodeURIComponent(tp.id)}` : '/projects/templates'} class="usa-form project-form">
      <input type="hidden" name="_csrf" value={s.csrf} />
      {mine && s.errors.form ? (
        <div class="usa-alert usa-alert--error" role="alert">
          {ruleText(t, s.errors.form)}
        </div>
      ) : null}
      <FormField id={`name-${key}`} name="name" label={t.t('projects.templateName')}>
        {(a) => <input {...a} type="text" class="usa-input" value={v.name ?? tp?.name ?? ''} maxLength={100} required />}
      </FormField>
      <FormField id={`phases-${key}`} name="phases" label={t.t('projects.templatePhases')} hint={t.t('projects.templatePhasesHint')}>
        {(a) => <textarea {...a} class="usa-textarea" required>{v.phases ?? (tp ? phaseLines(tp) : '')}</textarea>}
      </FormField>
      <button type="submit" class="usa-button">{t.t(tp ? 'projects.saveTemplate' : 'projects.createTemplate')}</button>
    </form>
  );
}

/** `/projects/templates`: the templates of phases, for site administrators to create and edit. */
export function templatesPage(pc: PageContext, templates: readonly ProjectTemplate[], s: TemplatesState): SafeHtml {
  const t = pc.t;
  return renderPage(
    <Layout title={t.t('projects.templates')} styles={FORM_STYLE}>
      <p>
        <a href="/projects">{t.t('projects.title')}</a>
      </p>
      <h1>{t.t('projects.templates')}</h1>
      <p>{t.t('projects.templatesIntro')}</p>
      {templates.map((tp) => (
        <section key={tp.id} aria-label={tp.name}>
          <h2>{tp.name}</h2>
          <TemplateForm s={s} tp={tp} />
        </section>
      ))}
      <h2>{t.t('projects.newTemplate')}</h2>
      <TemplateForm s={s} />
    </Layout>,
    pc,
  );
}
