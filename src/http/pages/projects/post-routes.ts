import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addMilestone, editMilestone, movePhase, postUpdate, saveChecklist } from '../../../actions/projects/change-project.ts';
import { createProject } from '../../../actions/projects/create-project.ts';
import { launchProject } from '../../../actions/projects/launch-project.ts';
import { createTemplate, updateTemplate } from '../../../actions/projects/templates.ts';
import { CHECKLIST_ITEMS } from '../../../domain/program/projects.ts';
import { AppError } from '../../../domain/errors.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import type { ProjectPages } from './pages.ts';

const idParams = z.object({ id: z.string().min(1).max(200) });
const fixable = (e: unknown): e is AppError => e instanceof AppError && e.status < 500 && e.code !== 'unauthorized' && e.code !== 'not_found' && e.code !== 'forbidden';

/** A refusal's messages by form field, the whole message as `form`. */
function fieldErrors(e: AppError): Record<string, string> {
  const errors: Record<string, string> = { form: e.message };
  for (const x of (e.details?.fields ?? []) as Array<{ field: string; message: string }>) errors[x.field.split('.')[0] || 'form'] ??= x.message;
  return errors;
}

const strings = (body: unknown): Record<string, string> => Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>;

/** "Name, weeks" lines as template phases. */
const parsePhases = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const at = l.lastIndexOf(',');
      return at < 0 ? { name: l, weeks: NaN } : { name: l.slice(0, at).trim(), weeks: Number(l.slice(at + 1).trim()) };
    });

/** The forms the projects' pages post: each redirects when it worked, or shows its page again with what was typed and why not. */
export function projectPostRoutes(app: FastifyInstance, ctx: HttpContext, pages: ProjectPages): void {
  const { deps } = ctx;
  const back = (id: string) => `/projects/${encodeURIComponent(id)}?saved=1`;
  const needUser = async (req: FastifyRequest) => (await identityOf(deps, req)).principal.kind === 'user';

  app.post('/projects', async (req, reply) => {
    if (!(await needUser(req))) return reply.redirect('/sign-in?next=%2Fprojects%2Fnew', 303);
    const f = strings(req.body);
    const values: Record<string, string | string[]> = {};
    for (const k of ['title', 'summary', 'statement', 'startDate', 'template']) if (f[k] !== undefined) values[k] = f[k];
    // Each box is a field of its own ("partners:<id>"), as a plain form keeps one value per name.
    const ticked = (prefix: string) => Object.keys(f).filter((k) => k.startsWith(`${prefix}:`)).map((k) => k.slice(prefix.length + 1));
    values.partners = ticked('partners');
    values.datasets = ticked('datasets');
    try {
      const p = await createProject(deps, await actorOf(deps, req), values);
      return reply.redirect(back(p.slug), 303);
    } catch (e) {
      if (!fixable(e)) throw e;
      return pages.showNew(req, reply, values, fieldErrors(e), e.status);
    }
  });

  /** A staff form on the project page. */
  const onProject = (path: string, form: (params: Record<string, string>) => string, act: (req: FastifyRequest, id: string, params: Record<string, string>, body: Record<string, string>) => Promise<unknown>) =>
    app.post(path, async (req, reply) => {
      const params = req.params as Record<string, string>;
      const { id } = idParams.parse(params);
      if (!(await needUser(req))) return reply.redirect(`/sign-in?next=${encodeURIComponent(`/projects/${id}`)}`, 303);
      const body = strings(req.body);
      try {
        await act(req, id, params, body);
        return reply.redirect(back(id), 303);
      } catch (e) {
        if (!fixable(e)) throw e;
        return pages.showProject(req, reply, id, { form: form(params), values: body, errors: fieldErrors(e) }, e.status);
      }
    });

  onProject('/projects/:id/phase', () => 'phase', async (req, id, _p, body) => movePhase(deps, await actorOf(deps, req), id, body));
  onProject('/projects/:id/milestones', () => 'milestone', async (req, id, _p, body) => addMilestone(deps, await actorOf(deps, req), id, body));
  onProject('/projects/:id/milestones/:milestone', (p) => `milestone-${p.milestone}`, async (req, id, p, body) => editMilestone(deps, await actorOf(deps, req), id, p.milestone ?? '', body));
  onProject('/projects/:id/updates', () => 'update', async (req, id, _p, body) => postUpdate(deps, await actorOf(deps, req), id, body));
  onProject('/projects/:id/launch', () => 'launch', async (req, id, _p, body) => launchProject(deps, await actorOf(deps, req), id, body));

  app.post('/projects/:id/checklist', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    if (!(await needUser(req))) return reply.redirect(`/sign-in?next=${encodeURIComponent(`/projects/${id}/checklist`)}`, 303);
    const body = strings(req.body);
    const items = CHECKLIST_ITEMS.map((item) => ({ item, status: body[`status_${item}`] ?? 'not_assessed', notes: body[`notes_${item}`] ?? '', owner: body[`owner_${item}`] ?? '' }));
    try {
      await saveChecklist(deps, await actorOf(deps, req), id, { items });
      return reply.redirect(back(id), 303);
    } catch (e) {
      if (!fixable(e)) throw e;
      return pages.showChecklist(req, reply, id, body, fieldErrors(e), e.status);
    }
  });

  const templateForm = async (req: FastifyRequest, key: string, act: (input: unknown) => Promise<unknown>) => {
    const body = strings(req.body);
    try {
      await act({ name: body.name ?? '', phases: parsePhases(body.phases ?? '') });
      return undefined;
    } catch (e) {
      if (!fixable(e)) throw e;
      return { form: key, values: body, errors: fieldErrors(e), status: e.status };
    }
  };
  app.post('/projects/templates', async (req, reply) => {
    if (!(await needUser(req))) return reply.redirect('/sign-in?next=%2Fprojects%2Ftemplates', 303);
    const refused = await templateForm(req, 'new', async (input) => createTemplate(deps, await actorOf(deps, req), input));
    return refused ? pages.showTemplates(req, reply, refused, refused.status) : reply.redirect('/projects/templates', 303);
  });
  app.post('/projects/templates/:id', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    if (!(await needUser(req))) return reply.redirect('/sign-in?next=%2Fprojects%2Ftemplates', 303);
    const refused = await templateForm(req, id, async (input) => updateTemplate(deps, await actorOf(deps, req), id, input));
    return refused ? pages.showTemplates(req, reply, refused, refused.status) : reply.redirect('/projects/templates', 303);
  });
}
