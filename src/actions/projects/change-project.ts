import { invalidInput } from '../../domain/catalog/schemas.ts';
import { notFound } from '../../domain/errors.ts';
import { checklistFields, launchPhase, milestoneFields, phaseMoveFields, updateFields, type ChecklistEntry, type Milestone, type Project, type ProjectUpdate } from '../../domain/program/projects.ts';
import type { Deps, Principal } from '../deps.ts';
import { fieldError, loadProject, projectActivity, requireStaff } from './access.ts';
import { checkLaunchGate } from './launch-gate.ts';

const phaseOf = (project: Project, key: string, subject: string, field = 'phase') => {
  const phase = project.phases.find((ph) => ph.key === key);
  if (!phase) throw fieldError(subject, field, `Choose one of the project's phases: ${project.phases.map((ph) => ph.key).join(', ')}.`);
  return phase;
};

/** Moves the project to another phase (staff); the launch phase waits for the checklist. */
export async function movePhase(deps: Deps, p: Principal, idOrSlug: string, input: unknown): Promise<Project> {
  requireStaff(p, 'Moving a project to another phase');
  const parsed = phaseMoveFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The phase is', parsed.error);
  return deps.catalog.transaction(async (tx) => {
    const project = await loadProject(tx, idOrSlug);
    const phase = phaseOf(project, parsed.data.phase, 'The phase is');
    if (phase.key === launchPhase(project.phases)) checkLaunchGate(project);
    const at = deps.clock.now().toISOString();
    await tx.projects.setPhase(project.id, phase.key, at);
    await projectActivity(deps, tx, p, project, 'project.phase_moved', `moved the project “${project.title}” to ${phase.name}`, { from: project.currentPhase, to: phase.key });
    return { ...project, currentPhase: phase.key, updatedAt: at };
  });
}

/** Saves the adoption constraints checklist (staff): each item given replaces its entry. */
export async function saveChecklist(deps: Deps, p: Principal, idOrSlug: string, input: unknown): Promise<Project> {
  requireStaff(p, 'Editing a project checklist');
  const parsed = checklistFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The checklist is', parsed.error);
  return deps.catalog.transaction(async (tx) => {
    const project = await loadProject(tx, idOrSlug);
    const entries: ChecklistEntry[] = parsed.data.items;
    const at = deps.clock.now().toISOString();
    await tx.projects.saveChecklist(project.id, entries, at);
    await projectActivity(deps, tx, p, project, 'project.checklist_updated', `updated the adoption checklist of “${project.title}”`);
    const checklist = project.checklist.map((c) => entries.find((e) => e.item === c.item) ?? c);
    return { ...project, checklist, updatedAt: at };
  });
}

/** Adds a milestone (staff). */
export async function addMilestone(deps: Deps, p: Principal, idOrSlug: string, input: unknown): Promise<Milestone> {
  requireStaff(p, 'Adding a milestone');
  const parsed = milestoneFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The milestone is', parsed.error);
  return deps.catalog.transaction(async (tx) => {
    const project = await loadProject(tx, idOrSlug);
    phaseOf(project, parsed.data.phase, 'The milestone is');
    const m: Milestone = { id: deps.newId(), projectId: project.id, ...parsed.data };
    await tx.projects.addMilestone(m);
    await projectActivity(deps, tx, p, project, 'project.milestone_saved', `added the milestone “${m.title}” to “${project.title}”`, { milestone_id: m.id });
    return m;
  });
}

/** Edits a milestone (staff): its title, due date, status or phase. */
export async function editMilestone(deps: Deps, p: Principal, idOrSlug: string, milestoneId: string, input: unknown): Promise<Milestone> {
  requireStaff(p, 'Editing a milestone');
  const parsed = milestoneFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The milestone is', parsed.error);
  return deps.catalog.transaction(async (tx) => {
    const project = await loadProject(tx, idOrSlug);
    const old = (await tx.projects.listMilestones(project.id)).find((m) => m.id === milestoneId);
    if (!old) throw notFound('Milestone', milestoneId);
    phaseOf(project, parsed.data.phase, 'The milestone is');
    const m: Milestone = { ...old, ...parsed.data };
    await tx.projects.updateMilestone(m);
    await projectActivity(deps, tx, p, project, 'project.milestone_saved', `marked the milestone “${m.title}” of “${project.title}” ${m.status}`, { milestone_id: m.id, status: m.status });
    return m;
  });
}

/** Posts an update on the project (staff). */
export async function postUpdate(deps: Deps, p: Principal, idOrSlug: string, input: unknown): Promise<ProjectUpdate> {
  requireStaff(p, 'Posting a project update');
  const parsed = updateFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The update is', parsed.error);
  return deps.catalog.transaction(async (tx) => {
    const project = await loadProject(tx, idOrSlug);
    const u: ProjectUpdate = { id: deps.newId(), projectId: project.id, body: parsed.data.body, authorId: p.kind === 'user' ? p.userId : '', createdAt: deps.clock.now().toISOString() };
    await tx.projects.addUpdate(u);
    await projectActivity(deps, tx, p, project, 'project.update_posted', `posted an update on “${project.title}”`, { update_id: u.id });
    return u;
  });
}
