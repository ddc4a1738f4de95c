import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { championsOfProject } from '../../../actions/champions/read-champions.ts';
import { originPeerName } from '../../../actions/peers/origin.ts';
import { getProjectDetail, listProjects, projectBlueprint, projectChoices, showcaseChoices } from '../../../actions/projects/read-projects.ts';
import { listTemplates } from '../../../actions/projects/templates.ts';
import { blueprintMarkdown } from '../../../domain/program/blueprint.ts';
import { canRunProgram } from '../../../domain/program/policy.ts';
import { canKeepTemplates } from '../../../domain/program/project-policy.ts';
import { AppError } from '../../../domain/errors.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import type { PageArea } from '../area.ts';
import { itemFollowState, followRoute } from '../community/follow-routes.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { pageContext } from '../components/page-context.ts';
import type { SafeHtml } from '../html.ts';
import { blueprintPage } from './blueprint.tsx';
import { checklistPage } from './checklist.tsx';
import { projectListPage } from './list.tsx';
import { newProjectPage } from './new.tsx';
import type { ProjectPages } from './pages.ts';
import { projectPage, type ProjectPageState } from './project.tsx';
import { projectPostRoutes } from './post-routes.ts';
import { templatesPage } from './templates.tsx';

const idParams = z.object({ id: z.string().min(1).max(200) });

/** The projects' pages: the list, one project, the forms, the checklist, the blueprint and the templates. */
function projectRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const send = (reply: FastifyReply, body: SafeHtml, status = 200) => reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body.value);
  const signIn = (reply: FastifyReply, next: string) => reply.redirect(`/sign-in?next=${encodeURIComponent(next)}`, 303);
  const missing = async (req: FastifyRequest, reply: FastifyReply) => {
    const pc = await pageContext(ctx, req, await actorOf(deps, req));
    return send(reply, errorPage(pc, pc.t.t('projects.notFound'), pc.t.t('projects.notFoundText')), 404);
  };
  const found = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return undefined;
      throw e;
    }
  };

  const pages: ProjectPages = {
    send,
    async showProject(req, reply, id, more = {}, status = 200) {
      const { principal, session } = await identityOf(deps, req);
      const pc = await pageContext(ctx, req, principal);
      const d = await found(() => getProjectDetail(deps, id));
      if (!d) return missing(req, reply);
      const staff = canRunProgram(principal) && session ? session.csrfToken : undefined;
      const q = (req.query ?? {}) as Record<string, string | undefined>;
      const notice = q.saved === '1' ? pc.t.t('projects.savedNotice') : q.followed === '1' ? pc.t.t('community.followed') : undefined;
      const state: ProjectPageState = { csrf: staff, follow: await itemFollowState(ctx, req, principal, 'project', d.project.id), showcases: staff ? await showcaseChoices(deps) : [], today: deps.clock.now().toISOString().slice(0, 10), notice, champions: await championsOfProject(deps, d.project.id), originPeer: await originPeerName(deps, d.project.originUrl), ...more };
      return send(reply, projectPage(pc, d, state), status);
    },
    async showNew(req, reply, values = {}, errors = {}, status = 200) {
      const { principal, session } = await identityOf(deps, req);
      if (principal.kind !== 'user' || !session) return signIn(reply, '/projects/new');
      const pc = await pageContext(ctx, req, principal);
      if (!canRunProgram(principal)) return send(reply, errorPage(pc, pc.t.t('projects.staffOnly'), pc.t.t('projects.staffOnlyText')), 403);
      return send(reply, newProjectPage(pc, { csrf: session.csrfToken, choices: await projectChoices(deps), values, errors }), status);
    },
    async showChecklist(req, reply, id, values = {}, errors = {}, status = 200) {
      const { principal, session } = await identityOf(deps, req);
      if (principal.kind !== 'user' || !session) return signIn(reply, `/projects/${id}/checklist`);
      const pc = await pageContext(ctx, req, principal);
      if (!canRunProgram(principal)) return send(reply, errorPage(pc, pc.t.t('projects.staffOnly'), pc.t.t('projects.staffOnlyText')), 403);
      const d = await found(() => getProjectDetail(deps, id));
      if (!d) return missing(req, reply);
      return send(reply, checklistPage(pc, d, { csrf: session.csrfToken, values, errors }), status);
    },
    async showTemplates(req, reply, more = {}, status = 200) {
      const { principal, session } = await identityOf(deps, req);
      if (principal.kind !== 'user' || !session) return signIn(reply, '/projects/templates');
      const pc = await pageContext(ctx, req, principal);
      if (!canKeepTemplates(principal)) return send(reply, errorPage(pc, pc.t.t('projects.adminsOnly'), pc.t.t('projects.adminsOnlyText')), 403);
      return send(reply, templatesPage(pc, await listTemplates(deps), { csrf: session.csrfToken, values: {}, errors: {}, ...more }), status);
    },
  };

  app.get('/projects', async (req, reply) => {
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    const { results } = await listProjects(deps, { limit: 100 });
    return send(reply, projectListPage(pc, results, canRunProgram(p), canKeepTemplates(p)));
  });
  app.get('/projects/new', (req, reply) => pages.showNew(req, reply));
  app.get('/projects/templates', (req, reply) => pages.showTemplates(req, reply));
  app.get('/projects/:id', (req, reply) => pages.showProject(req, reply, idParams.parse(req.params).id));
  app.get('/projects/:id/checklist', (req, reply) => pages.showChecklist(req, reply, idParams.parse(req.params).id));
  app.get('/projects/:id/blueprint', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const b = await found(() => projectBlueprint(deps, id, ctx.baseUrl));
    if (!b) return missing(req, reply);
    const pc = await pageContext(ctx, req, await actorOf(deps, req));
    return send(reply, blueprintPage(pc, b, id));
  });
  app.get('/projects/:id/blueprint.md', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const b = await found(() => projectBlueprint(deps, id, ctx.baseUrl));
    if (!b) return missing(req, reply);
    return reply.header('Content-Type', 'text/markdown; charset=utf-8').header('Content-Disposition', `inline; filename="${id}-blueprint.md"`).send(blueprintMarkdown(b));
  });
  followRoute(app, ctx, 'project');
  projectPostRoutes(app, ctx, pages);
}

export const projectsArea: PageArea = { name: 'projects', routes: projectRoutes };
