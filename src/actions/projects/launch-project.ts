import { invalidInput } from '../../domain/catalog/schemas.ts';
import { AppError } from '../../domain/errors.ts';
import { launchFields, launchPhase, type Launch, type Project } from '../../domain/program/projects.ts';
import type { Deps, Principal } from '../deps.ts';
import { fieldError, loadProject, projectActivity, requireStaff } from './access.ts';
import { checkLaunchGate } from './launch-gate.ts';

/**
 * Marks the project launched (staff): what launched, who maintains it, the
 * tool's link and, optionally, its approved showcase. Refused while any
 * checklist item is not assessed or a blocker. The project moves to its
 * launch phase.
 */
export async function launchProject(deps: Deps, p: Principal, idOrSlug: string, input: unknown): Promise<Project> {
  requireStaff(p, 'Launching a project');
  const parsed = launchFields.safeParse(input ?? {});
  if (!parsed.success) throw invalidInput('The launch is', parsed.error);
  const v = parsed.data;
  return deps.catalog.transaction(async (tx) => {
    const project = await loadProject(tx, idOrSlug);
    if (project.launch) throw new AppError('conflict', 'The project is launched already.');
    checkLaunchGate(project);
    if (v.showcase) {
      const showcase = await tx.showcases.getShowcase(v.showcase);
      if (!showcase || showcase.state !== 'approved') throw fieldError('The launch is', 'showcase', `There is no approved showcase "${v.showcase}"; choose one from the list or submit one first.`);
    }
    const at = deps.clock.now().toISOString();
    const launch: Launch = { what: v.what, maintainer: v.maintainer, link: v.link, showcaseId: v.showcase || null, at };
    const phase = launchPhase(project.phases) ?? project.currentPhase;
    await tx.projects.setLaunch(project.id, launch, phase, at);
    await projectActivity(deps, tx, p, project, 'project.launched', `launched “${project.title}”`, { link: v.link });
    return { ...project, launch, currentPhase: phase, updatedAt: at };
  });
}
