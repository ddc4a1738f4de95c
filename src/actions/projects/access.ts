import { anonymous } from '../../domain/accounts/principal.ts';
import { canSeeDataset } from '../../domain/accounts/policy.ts';
import { subjectOf } from '../../domain/activity/types.ts';
import type { Dataset } from '../../domain/catalog/types.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { canRunProgram } from '../../domain/program/policy.ts';
import type { Project } from '../../domain/program/projects.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import { recordActivity } from '../activity/record.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';

/** A project by id or slug, or "not found". Projects are public. */
export async function loadProject(store: CatalogStore, idOrSlug: string): Promise<Project> {
  const project = await store.projects.getProject(idOrSlug);
  if (!project) throw notFound('Project', idOrSlug);
  return project;
}

/** Only program staff change projects. */
export function requireStaff(p: Principal, doing: string): void {
  requireUser(p, doing);
  if (!canRunProgram(p)) deny(p, `${doing} is for program staff (site administrators, moderators and organization editors) with a confirmed email address.`);
}

/** A refusal of one field, said the same way as the other forms. */
export const fieldError = (subject: string, field: string, message: string): AppError => new AppError('validation_failed', `${subject} not valid: ${field}: ${message}`, { fields: [{ field, message }] });

/** The published datasets named, by slug or id; an unknown one refuses the whole input. */
export async function publishedDatasets(store: CatalogStore, names: string[], subject: string): Promise<Dataset[]> {
  const found: Dataset[] = [];
  for (const name of names) {
    const d = await store.datasets.getDataset(name);
    if (!d || !canSeeDataset(anonymous, d)) throw fieldError(subject, 'datasets', `There is no published dataset "${name}"; name datasets by their slug.`);
    if (!found.some((f) => f.id === d.id)) found.push(d);
  }
  return found;
}

/** Records a change to a project, so its followers hear of it. */
export function projectActivity(deps: Deps, tx: CatalogStore, p: Principal, project: Pick<Project, 'id' | 'title' | 'slug'>, verb: 'project.created' | 'project.phase_moved' | 'project.checklist_updated' | 'project.milestone_saved' | 'project.update_posted' | 'project.launched', summary: string, details: Record<string, unknown> = {}) {
  return recordActivity(deps, tx, p, { verb, organizationId: null, summary, details: { project_id: project.id, slug: project.slug, ...details }, subject: subjectOf('project', project.id) });
}
