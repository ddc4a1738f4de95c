import { useT } from '../components/page-context.ts';

/** The "Projects" line on a problem's page: the projects whose statement links the problem. */
export function ProblemProjects({ projects }: { projects: ReadonlyArray<{ slug: string; title: string }> | undefined }) {
  const t = useT();
  if (!projects?.length) return null;
  return (
    <p class="problem-projects">
      <strong>{t.t('projects.onProblem')}</strong>{' '}
      {projects.map((p, i) => (
        <span key={p.slug}>
          {i > 0 ? ', ' : ''}
          <a href={`/projects/${encodeURIComponent(p.slug)}`}>{p.title}</a>
        </span>
      ))}
    </p>
  );
}
