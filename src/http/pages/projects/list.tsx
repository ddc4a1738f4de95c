import type { Project } from '../../../domain/program/projects.ts';
import { Layout } from '../components/Layout.tsx';
import type { PageContext } from '../components/page-context.ts';
import { renderPage } from '../components/render.tsx';
import type { SafeHtml } from '../html.ts';

/** `/projects`: every co-design project, newest first, with its phase. */
export function projectListPage(pc: PageContext, projects: readonly Project[], mayRun: boolean, mayKeepTemplates: boolean): SafeHtml {
  const t = pc.t;
  return renderPage(
    <Layout title={t.t('projects.title')}>
      <h1>{t.t('projects.title')}</h1>
      <p>{t.t('projects.intro')}</p>
      {mayRun ? (
        <p>
          <a class="usa-button" href="/projects/new">{t.t('projects.new')}</a>
          {mayKeepTemplates ? <a href="/projects/templates">{t.t('projects.templates')}</a> : null}
        </p>
      ) : null}
      {projects.length ? (
        <ul class="usa-card-group project-list">
          {projects.map((p) => (
            <li key={p.id} class="usa-card">
              <div class="usa-card__container">
                <div class="usa-card__header">
                  <h2 class="usa-card__heading">
                    <a href={`/projects/${encodeURIComponent(p.slug)}`}>{p.title}</a>
                  </h2>
                </div>
                <div class="usa-card__body">
                  <p>{p.summary}</p>
                  <p>
                    <span class="usa-tag">{p.launch ? t.t('projects.launched') : (p.phases.find((ph) => ph.key === p.currentPhase)?.name ?? p.currentPhase)}</span>
                  </p>
                </div>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.t('projects.none')}</p>
      )}
    </Layout>,
    pc,
  );
}
