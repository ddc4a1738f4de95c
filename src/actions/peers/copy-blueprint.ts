import { slugify } from '../../domain/catalog/slug.ts';
import { blueprintCopy } from '../../domain/peers/blueprint-copy.ts';
import type { Project } from '../../domain/program/projects.ts';
import type { ProblemStatement } from '../../domain/program/statements.ts';
import { recordActivity } from '../activity/record.ts';
import type { Deps, Principal } from '../deps.ts';
import { projectActivity, requireStaff } from '../projects/access.ts';
import { DEFAULT_TEMPLATE_ID } from '../projects/create-project.ts';
import { getPeer, peerBlueprint, requirePlaza } from './browse-peer.ts';
import { fromPeer } from './copy-failure.ts';

/**
 * Starts a co-design project here from a Plaza peer's blueprint (program
 * staff), with its origin kept (ADR 52): a problem statement of this city
 * from theirs, their phases, every constraint to assess again with their
 * decision in its notes, their milestones as plans from today, their
 * partners named in the summary. Partners here are chosen afterwards.
 */
export async function copyPeerBlueprint(deps: Deps, p: Principal, peerId: string, projectSlug: string): Promise<Project> {
  requireStaff(p, 'Copying a project blueprint');
  const peer = await getPeer(deps, p, peerId);
  const root = requirePlaza(peer);
  const b = await fromPeer(peer.name, () => peerBlueprint(deps, peer, projectSlug));
  const now = deps.clock.now().toISOString();
  const today = now.slice(0, 10);
  const fallback = (await deps.catalog.projects.getTemplate(DEFAULT_TEMPLATE_ID))?.phases ?? [{ key: 'research', name: 'Research', weeks: 4 }];
  const c = blueprintCopy(b, peer.name, today, fallback);
  const author = p.kind === 'user' ? p.userId : '';
  const statement: ProblemStatement = {
    id: deps.newId(),
    title: c.statement.title,
    affected: `To be described for this city (from ${peer.name}'s project).`,
    need: c.statement.need || c.title,
    measure: `To be agreed here (from ${peer.name}'s project).`,
    dataNotes: c.statement.dataNotes,
    eventId: null,
    problemIds: [],
    datasetIds: [],
    authorId: author,
    createdAt: now,
    updatedAt: now,
  };
  const base = slugify(c.title) || 'project';
  let slug = base;
  for (let n = 2; await deps.catalog.projects.slugTaken(slug); n++) slug = `${base}-${n}`;
  const project: Project = {
    id: deps.newId(),
    slug,
    title: c.title,
    summary: c.summary,
    statementId: statement.id,
    partnerIds: [],
    datasetIds: [],
    startDate: today,
    templateId: DEFAULT_TEMPLATE_ID,
    phases: c.phases,
    currentPhase: c.phases[0]?.key ?? '',
    checklist: c.checklist,
    launch: null,
    originUrl: `${root}/projects/${encodeURIComponent(projectSlug)}`,
    createdBy: author,
    createdAt: now,
    updatedAt: now,
  };
  return deps.catalog.transaction(async (tx) => {
    await tx.events.createStatement(statement);
    await recordActivity(deps, tx, p, { verb: 'statement.written', organizationId: null, summary: `wrote the problem statement “${statement.title}”, from ${peer.name}`, details: { statement_id: statement.id } });
    await tx.projects.createProject(project);
    for (const m of c.milestones) await tx.projects.addMilestone({ id: deps.newId(), projectId: project.id, ...m });
    await projectActivity(deps, tx, p, project, 'project.created', `started the project “${project.title}” from ${peer.name}'s blueprint`, { statement_id: statement.id, origin_url: project.originUrl });
    return project;
  });
}
