import { anonymous } from '../../domain/accounts/principal.ts';
import { canSeeDataset } from '../../domain/accounts/policy.ts';
import type { Dataset } from '../../domain/catalog/types.ts';
import type { Showcase } from '../../domain/community/showcases.ts';
import type { Blueprint } from '../../domain/program/blueprint.ts';
import type { Milestone, Project, ProjectTemplate, ProjectUpdate } from '../../domain/program/projects.ts';
import { actorsAmong, actorsToPick, statementFor, statementsToPick, type ActorRef, type StatementRef } from './inputs.ts';
import type { Deps } from '../deps.ts';
import { publicDatasetChoices } from '../showcases/read-showcases.ts';
import { loadProject } from './access.ts';

/** Projects, newest first; anybody may read them. */
export async function listProjects(deps: Deps, r: { limit?: number; offset?: number } = {}): Promise<{ total: number; results: Project[] }> {
  return deps.catalog.projects.listProjects({ limit: Math.min(r.limit ?? 50, 100), offset: r.offset ?? 0 });
}

/** The projects working on a problem: those whose statement links it. */
export async function projectsForProblem(deps: Deps, problemId: string): Promise<Project[]> {
  return (await deps.catalog.projects.listProjects({ problemId, limit: 50, offset: 0 })).results;
}

export interface ProjectDetail {
  project: Project;
  statement: StatementRef | null;
  partners: ActorRef[];
  datasets: Dataset[];
  milestones: Milestone[];
  /** Newest first. */
  updates: ProjectUpdate[];
  /** Its showcase, while approved. */
  showcase: Showcase | null;
}

/** One project with everything its page shows. */
export async function getProjectDetail(deps: Deps, idOrSlug: string): Promise<ProjectDetail> {
  const c = deps.catalog;
  const project = await loadProject(c, idOrSlug);
  const datasets: Dataset[] = [];
  for (const id of project.datasetIds) {
    const d = await c.datasets.getDataset(id);
    if (d && canSeeDataset(anonymous, d)) datasets.push(d);
  }
  const showcase = project.launch?.showcaseId ? await c.showcases.getShowcase(project.launch.showcaseId) : undefined;
  return {
    project,
    statement: (await statementFor(c, project.statementId)) ?? null,
    partners: await actorsAmong(c, project.partnerIds),
    datasets,
    milestones: await c.projects.listMilestones(project.id),
    updates: await c.projects.listUpdates(project.id),
    showcase: showcase?.state === 'approved' ? showcase : null,
  };
}

export interface ProjectChoices {
  statements: StatementRef[];
  actors: ActorRef[];
  datasets: Dataset[];
  templates: ProjectTemplate[];
}

/** What the new-project form offers. */
export async function projectChoices(deps: Deps): Promise<ProjectChoices> {
  return {
    statements: await statementsToPick(deps.catalog),
    actors: await actorsToPick(deps.catalog),
    datasets: await publicDatasetChoices(deps),
    templates: await deps.catalog.projects.listTemplates(),
  };
}

/** Approved showcases a launch may name, newest first. */
export async function showcaseChoices(deps: Deps): Promise<Showcase[]> {
  return (await deps.catalog.showcases.listShowcases({ states: ['approved'], limit: 100, offset: 0 })).results;
}

/** The adoption blueprint of a project. */
export async function projectBlueprint(deps: Deps, idOrSlug: string, baseUrl: string): Promise<Blueprint> {
  const d = await getProjectDetail(deps, idOrSlug);
  const p = d.project;
  return {
    title: p.title,
    summary: p.summary,
    statement: d.statement?.title ?? '',
    partners: d.partners.map((a) => ({ name: a.name, kind: a.kind })),
    checklist: p.checklist,
    datasets: d.datasets.map((x) => ({ title: x.title, slug: x.slug })),
    startDate: p.startDate,
    phases: p.phases,
    milestones: d.milestones,
    launch: p.launch,
    url: `${baseUrl.replace(/\/$/, '')}/projects/${encodeURIComponent(p.slug)}`,
  };
}
