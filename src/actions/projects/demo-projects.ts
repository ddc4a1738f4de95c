import type { CheckStatus, ChecklistItem, MilestoneStatus } from '../../domain/program/projects.ts';
import type { Deps, Principal } from '../deps.ts';
import { addMilestone, movePhase, postUpdate, saveChecklist } from './change-project.ts';
import { createProject } from './create-project.ts';
import { actorsToPick, statementsToPick } from './inputs.ts';
import { launchProject } from './launch-project.ts';

/** One of the demo city's projects (demo/projects.json): its statement, partners and showcase named by title. */
export interface DemoProject {
  title: string;
  summary: string;
  statement: string;
  partners: string[];
  datasets: string[];
  startDate: string;
  phase?: string;
  checklist: Array<{ item: ChecklistItem; status: CheckStatus; notes: string; owner: string }>;
  milestones: Array<{ title: string; dueDate: string; phase: string; status: MilestoneStatus }>;
  updates: string[];
  launch?: { what: string; maintainer: string; link: string; showcase: string };
}

/**
 * Starts the demo city's projects as `staff`, through the actions people
 * use, after the scope-a-thon and ecosystem demos wrote the statements and
 * actors they name; a missing one stops with a message naming it. A project
 * already there is left alone.
 */
export async function seedDemoProjects(deps: Deps, staff: Principal, entries: DemoProject[]): Promise<number> {
  const c = deps.catalog;
  const statements = await statementsToPick(c);
  const actors = await actorsToPick(c);
  const showcases = (await c.showcases.listShowcases({ states: ['approved'], limit: 100, offset: 0 })).results;
  let made = 0;
  for (const e of entries) {
    if ((await c.projects.listProjects({ limit: 100, offset: 0 })).results.some((p) => p.title === e.title)) continue;
    const statement = statements.find((s) => s.title === e.statement);
    if (!statement) throw new Error(`The demo project "${e.title}" needs the problem statement "${e.statement}"; load the scope-a-thon demo first.`);
    const partners = e.partners.map((name) => {
      const actor = actors.find((a) => a.name === name);
      if (!actor) throw new Error(`The demo project "${e.title}" needs the ecosystem actor "${name}"; load the ecosystem demo first.`);
      return actor.id;
    });
    const p = await createProject(deps, staff, { title: e.title, summary: e.summary, statement: statement.id, partners, datasets: e.datasets, startDate: e.startDate });
    await saveChecklist(deps, staff, p.id, { items: e.checklist });
    for (const m of e.milestones) await addMilestone(deps, staff, p.id, m);
    for (const u of e.updates) await postUpdate(deps, staff, p.id, { body: u });
    if (e.phase) await movePhase(deps, staff, p.id, { phase: e.phase });
    if (e.launch) {
      const showcase = showcases.find((s) => s.title === e.launch?.showcase);
      if (!showcase) throw new Error(`The demo project "${e.title}" needs the approved showcase "${e.launch.showcase}"; load the showcases demo first.`);
      await launchProject(deps, staff, p.id, { what: e.launch.what, maintainer: e.launch.maintainer, link: e.launch.link, showcase: showcase.id });
    }
    made++;
  }
  return made;
}
