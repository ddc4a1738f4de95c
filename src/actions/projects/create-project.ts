import { invalidInput } from '../../domain/catalog/schemas.ts';
import { slugify } from '../../domain/catalog/slug.ts';
import { emptyChecklist, missingPartnerKinds, projectFields, type Project } from '../../domain/program/projects.ts';
import { advanceProblem } from '../community/advance-problem.ts';
import type { Deps, Principal } from '../deps.ts';
import { fieldError, projectActivity, publishedDatasets, requireStaff } from './access.ts';
import { actorsAmong, statementFor } from './inputs.ts';

export const DEFAULT_TEMPLATE_ID = 'co-design-sprint';

const KIND_NAMES: Record<string, string> = { agency: 'a city agency', community_organization: 'a community organization', tech_partner: 'a tech partner' };

/**
 * Starts a co-design project from a problem statement (staff): its partners
 * must include an agency, a community organization and a tech partner; its
 * phases are copied from the template; its checklist starts with every item
 * not assessed. Every problem of the statement moves to "in project", so
 * their followers hear of it.
 */
export async function createProject(deps: Deps, p: Principal, input: unknown): Promise<Project> {
  requireStaff(p, 'Starting a project');
  const parsed = projectFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The project is', parsed.error);
  const v = parsed.data;
  const subject = 'The project is';
  const statement = await statementFor(deps.catalog, v.statement);
  if (!statement) throw fieldError(subject, 'statement', `There is no problem statement "${v.statement}"; choose one from the list.`);
  const actors = await actorsAmong(deps.catalog, v.partners);
  const unknown = v.partners.filter((id) => !actors.some((a) => a.id === id));
  if (unknown.length) throw fieldError(subject, 'partners', `There is no ecosystem actor "${unknown[0]}"; choose partners from the list.`);
  const missing = missingPartnerKinds(actors.map((a) => a.kind));
  if (missing.length) throw fieldError(subject, 'partners', `A project needs at least one city agency, one community organization and one tech partner; add ${missing.map((k) => KIND_NAMES[k]).join(' and ')}.`);
  const datasets = await publishedDatasets(deps.catalog, v.datasets, subject);
  const template = await deps.catalog.projects.getTemplate(v.template || DEFAULT_TEMPLATE_ID);
  if (!template) throw fieldError(subject, 'template', `There is no template "${v.template}"; choose one from the list.`);
  const base = slugify(v.title);
  let slug = base;
  for (let n = 2; await deps.catalog.projects.slugTaken(slug); n++) slug = `${base}-${n}`;
  const now = deps.clock.now().toISOString();
  const project: Project = {
    id: deps.newId(),
    slug,
    title: v.title,
    summary: v.summary,
    statementId: statement.id,
    partnerIds: actors.map((a) => a.id).sort(),
    datasetIds: datasets.map((d) => d.id).sort(),
    startDate: v.startDate,
    templateId: template.id,
    phases: template.phases.map((ph) => ({ ...ph })),
    currentPhase: template.phases[0]?.key ?? '',
    checklist: emptyChecklist(),
    launch: null,
    createdBy: p.kind === 'user' ? p.userId : '',
    createdAt: now,
    updatedAt: now,
  };
  return deps.catalog.transaction(async (tx) => {
    await tx.projects.createProject(project);
    await projectActivity(deps, tx, p, project, 'project.created', `started the project “${project.title}”`, { statement_id: statement.id });
    for (const problemId of statement.problemIds) {
      const problem = await tx.problems.getProblem(problemId);
      if (problem) await advanceProblem(deps, tx, p, problem, 'in_project', `The project “${project.title}” works on it.`);
    }
    return project;
  });
}
