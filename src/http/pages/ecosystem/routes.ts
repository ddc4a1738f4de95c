import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createActor, deleteActor, updateActor } from '../../../actions/program/ecosystem/edit-actors.ts';
import { createRelation, deleteRelation, updateRelation } from '../../../actions/program/ecosystem/edit-relations.ts';
import { exportEcosystem, importEcosystem } from '../../../actions/program/ecosystem/import-export.ts';
import { getActor, getEcosystem, getRelation, listActors, mayEditEcosystem } from '../../../actions/program/ecosystem/read-ecosystem.ts';
import { listOrganizations } from '../../../actions/program/ecosystem/organizations.ts';
import { AppError } from '../../../domain/errors.ts';
import { actorsCsv, relationsCsv } from '../../../domain/program/ecosystem-files.ts';
import { ACTOR_KINDS } from '../../../domain/program/ecosystem-kinds.ts';
import { readImport } from '../../api/ecosystem/read-import.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import type { PageArea } from '../area.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { pageContext } from '../components/page-context.ts';
import type { SafeHtml } from '../html.ts';
import { actorPage } from './actor.tsx';
import { actorFormPage, importPage, relationFormPage, type ImportProblemView } from './forms.tsx';
import { ecosystemPage } from './map.tsx';

const slugParams = z.object({ slug: z.string().min(1).max(200) });
const idParams = z.object({ id: z.string().min(1).max(200) });
const ACTOR_FIELDS = ['name', 'slug', 'kind', 'topics', 'note', 'website', 'organization'];
const RELATION_FIELDS = ['from', 'to', 'kind', 'topics', 'note'];

function fieldErrors(e: AppError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const x of (e.details?.fields ?? []) as Array<{ field: string; message: string }>) errors[x.field.split('.')[0] || 'form'] ??= x.message;
  if (!Object.keys(errors).length) errors.form = e.message;
  return errors;
}

const fixable = (e: unknown): e is AppError => e instanceof AppError && e.status < 500 && e.code !== 'unauthorized' && e.code !== 'not_found' && e.code !== 'forbidden';
const pick = (body: unknown, names: string[]): Record<string, string> => {
  const f = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(names.map((n) => [n, typeof f[n] === 'string' ? (f[n] as string) : '']));
};

/** The ecosystem map's pages: the map, each actor, the staff's forms, the import and the files. */
function ecosystemRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const send = (reply: FastifyReply, body: SafeHtml, status = 200) => reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body.value);

  /** The signed-in person and their session, or a redirect to sign in and come back. */
  async function signedIn(req: FastifyRequest, reply: FastifyReply, back: string) {
    const { principal, session } = await identityOf(deps, req);
    if (principal.kind !== 'user' || !session) {
      await reply.redirect(`/sign-in?next=${encodeURIComponent(back)}`, 303);
      return undefined;
    }
    return { principal, csrf: session.csrfToken };
  }

  app.get('/ecosystem', async (req, reply) => {
    const raw = (req.query ?? {}) as Record<string, unknown>;
    const kind = z.enum(ACTOR_KINDS).optional().catch(undefined).parse(raw.kind || undefined);
    const topic = z.string().trim().toLowerCase().max(50).catch('').parse(raw.topic ?? '');
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    const v = await getEcosystem(deps, { ...(kind ? { kinds: [kind] } : {}), ...(topic ? { topic } : {}) });
    const notice = raw.imported !== undefined ? pc.t.t('ecosystem.importedNotice', { actors: Number(raw.imported) || 0, relations: Number(raw.relations) || 0 }) : raw.deleted === '1' ? pc.t.t('ecosystem.deletedNotice') : undefined;
    return send(reply, ecosystemPage(pc, v, { kind, topic }, { mayEdit: mayEditEcosystem(p), notice }));
  });

  app.get('/ecosystem.json', async (_req, reply) => reply.header('Content-Type', 'application/json; charset=utf-8').header('Content-Disposition', 'attachment; filename="ecosystem.json"').send(JSON.stringify(await exportEcosystem(deps), null, 2)));
  app.get('/ecosystem/actors.csv', async (_req, reply) => reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="actors.csv"').send(actorsCsv(await exportEcosystem(deps))));
  app.get('/ecosystem/relationships.csv', async (_req, reply) => reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="relationships.csv"').send(relationsCsv(await exportEcosystem(deps))));

  async function actorForm(req: FastifyRequest, reply: FastifyReply, slug: string | undefined, values?: Record<string, string>, errors: Record<string, string> = {}, status = 200) {
    const who = await signedIn(req, reply, slug ? `/ecosystem/actors/${encodeURIComponent(slug)}/edit` : '/ecosystem/actors/new');
    if (!who) return reply;
    const pc = await pageContext(ctx, req, who.principal);
    const editing = slug ? (await getActor(deps, who.principal, slug)).actor : undefined;
    const orgs = await listOrganizations(deps);
    const slugOfOrg = (id: string | null) => orgs.find((o) => o.id === id)?.slug ?? '';
    const start: Record<string, string> = editing ? { name: editing.name, slug: editing.slug, kind: editing.kind, topics: editing.topics.join('; '), note: editing.note, website: editing.website, organization: slugOfOrg(editing.organizationId) } : {};
    const action = editing ? `/ecosystem/actors/${encodeURIComponent(editing.slug)}` : '/ecosystem/actors';
    return send(reply, actorFormPage(pc, { csrf: who.csrf, action, values: values ?? start, errors, editing, organizations: orgs }), status);
  }

  app.get('/ecosystem/actors/new', (req, reply) => actorForm(req, reply, undefined));
  app.get('/ecosystem/actors/:slug/edit', (req, reply) => actorForm(req, reply, slugParams.parse(req.params).slug));

  app.post('/ecosystem/actors', async (req, reply) => {
    const values = pick(req.body, ACTOR_FIELDS);
    try {
      const a = await createActor(deps, await actorOf(deps, req), values);
      return reply.redirect(`/ecosystem/actors/${encodeURIComponent(a.slug)}?saved=1`, 303);
    } catch (e) {
      if (!fixable(e)) throw e;
      return actorForm(req, reply, undefined, values, fieldErrors(e), e.status);
    }
  });

  app.post('/ecosystem/actors/:slug', async (req, reply) => {
    const { slug } = slugParams.parse(req.params);
    const values = pick(req.body, ACTOR_FIELDS);
    try {
      const a = await updateActor(deps, await actorOf(deps, req), slug, values);
      return reply.redirect(`/ecosystem/actors/${encodeURIComponent(a.slug)}?saved=1`, 303);
    } catch (e) {
      if (!fixable(e)) throw e;
      return actorForm(req, reply, slug, values, fieldErrors(e), e.status);
    }
  });

  app.post('/ecosystem/actors/:slug/delete', async (req, reply) => {
    await deleteActor(deps, await actorOf(deps, req), slugParams.parse(req.params).slug);
    return reply.redirect('/ecosystem?deleted=1', 303);
  });

  app.get('/ecosystem/actors/:slug', async (req, reply) => {
    const { principal, session } = await identityOf(deps, req);
    const pc = await pageContext(ctx, req, principal);
    try {
      const d = await getActor(deps, principal, slugParams.parse(req.params).slug);
      const q = (req.query ?? {}) as Record<string, string | undefined>;
      const notice = q.saved === '1' ? pc.t.t('ecosystem.savedNotice') : undefined;
      return send(reply, actorPage(pc, d, { csrf: principal.kind === 'user' ? session?.csrfToken : undefined, notice }));
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return send(reply, errorPage(pc, pc.t.t('ecosystem.notFound'), pc.t.t('ecosystem.notFoundText')), 404);
      throw e;
    }
  });

  async function relationForm(req: FastifyRequest, reply: FastifyReply, id: string | undefined, values?: Record<string, string>, errors: Record<string, string> = {}, status = 200) {
    const who = await signedIn(req, reply, id ? `/ecosystem/relationships/${encodeURIComponent(id)}/edit` : '/ecosystem/relationships/new');
    if (!who) return reply;
    const pc = await pageContext(ctx, req, who.principal);
    const actors = [...(await listActors(deps))].sort((a, b) => a.name.localeCompare(b.name));
    let start: Record<string, string> = { from: ((req.query ?? {}) as Record<string, string>).from ?? '' };
    if (id) {
      const found = await getRelation(deps, id).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'not_found') return undefined;
        throw e;
      });
      if (!found) return send(reply, errorPage(pc, pc.t.t('ecosystem.notFound'), pc.t.t('ecosystem.notFoundText')), 404);
      start = { from: found.from.slug, to: found.to.slug, kind: found.relation.kind, topics: found.relation.topics.join('; '), note: found.relation.note };
    }
    const base = id ? `/ecosystem/relationships/${encodeURIComponent(id)}` : '/ecosystem/relationships';
    return send(reply, relationFormPage(pc, { csrf: who.csrf, action: base, values: values ?? start, errors, editing: Boolean(id), actors, deleteAction: id ? `${base}/delete` : undefined }), status);
  }

  app.get('/ecosystem/relationships/new', (req, reply) => relationForm(req, reply, undefined));
  app.get('/ecosystem/relationships/:id/edit', (req, reply) => relationForm(req, reply, idParams.parse(req.params).id));

  app.post('/ecosystem/relationships', async (req, reply) => {
    const values = pick(req.body, RELATION_FIELDS);
    try {
      await createRelation(deps, await actorOf(deps, req), values);
      return reply.redirect(`/ecosystem/actors/${encodeURIComponent(values.from ?? '')}?saved=1`, 303);
    } catch (e) {
      if (!fixable(e)) throw e;
      return relationForm(req, reply, undefined, values, fieldErrors(e), e.status);
    }
  });

  app.post('/ecosystem/relationships/:id', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const values = pick(req.body, RELATION_FIELDS);
    try {
      await updateRelation(deps, await actorOf(deps, req), id, values);
      return reply.redirect(`/ecosystem/actors/${encodeURIComponent(values.from ?? '')}?saved=1`, 303);
    } catch (e) {
      if (!fixable(e)) throw e;
      return relationForm(req, reply, id, values, fieldErrors(e), e.status);
    }
  });

  app.post('/ecosystem/relationships/:id/delete', async (req, reply) => {
    await deleteRelation(deps, await actorOf(deps, req), idParams.parse(req.params).id);
    return reply.redirect('/ecosystem?deleted=1', 303);
  });

  async function importForm(req: FastifyRequest, reply: FastifyReply, problems: ImportProblemView[] = [], error?: string, status = 200) {
    const who = await signedIn(req, reply, '/ecosystem/import');
    if (!who) return reply;
    return send(reply, importPage(await pageContext(ctx, req, who.principal), { csrf: who.csrf, problems, error }), status);
  }

  app.get('/ecosystem/import', (req, reply) => importForm(req, reply));

  app.post('/ecosystem/import', async (req, reply) => {
    const { principal } = await identityOf(deps, req);
    if (principal.kind !== 'user') return reply.redirect(`/sign-in?next=${encodeURIComponent('/ecosystem/import')}`, 303);
    try {
      const { files, fields } = await readImport(req);
      // The form's security token comes with the files.
      req.body = fields;
      const c = await importEcosystem(deps, await actorOf(deps, req), files);
      return reply.redirect(`/ecosystem?imported=${c.actorsCreated + c.actorsUpdated}&relations=${c.relationsAdded}`, 303);
    } catch (e) {
      if (!fixable(e)) throw e;
      const problems = (e.details?.problems ?? []) as ImportProblemView[];
      return importForm(req, reply, problems, problems.length ? undefined : e.message, e.status);
    }
  });
}

export const ecosystemArea: PageArea = { name: 'ecosystem', routes: ecosystemRoutes };
