import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listOrganizations } from '../../../actions/accounts/organizations.ts';
import { getChampion, isProgramStaff, listChampions, ownChampion } from '../../../actions/champions/read-champions.ts';
import { createChampion, updateChampion } from '../../../actions/champions/save-champion.ts';
import { listProjects } from '../../../actions/projects/read-projects.ts';
import { publicDatasetChoices } from '../../../actions/showcases/read-showcases.ts';
import { siteThemes } from '../../../actions/site/settings.ts';
import { ownsChampion, seesHiddenChannels } from '../../../domain/program/champion-policy.ts';
import { CHAMPION_TIERS } from '../../../domain/program/champions.ts';
import { AppError } from '../../../domain/errors.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import type { PageArea } from '../area.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { pageContext } from '../components/page-context.ts';
import type { SafeHtml } from '../html.ts';
import { championPage } from './champion.tsx';
import { directoryPage, type DirectoryState } from './directory.tsx';
import { championFormPage, type FormValues } from './form.tsx';
import { championInput, formValues, valuesOf } from './form-values.ts';

const slugParams = z.object({ slug: z.string().min(1).max(200) });

function directoryState(query: unknown): DirectoryState {
  const raw = (query ?? {}) as Record<string, unknown>;
  const text = z.string().trim().min(1).max(200).optional().catch(undefined);
  return { tier: z.enum(CHAMPION_TIERS).optional().catch(undefined).parse(raw.tier || undefined), topic: text.parse(raw.topic || undefined), organization: text.parse(raw.organization || undefined) };
}

/** A refusal's messages by form field. */
function fieldErrors(e: AppError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const x of (e.details?.fields ?? []) as Array<{ field: string; message: string }>) errors[x.field.split('.')[0] || 'form'] ??= x.message;
  if (!Object.keys(errors).length) errors.form = e.message;
  return errors;
}

const fixable = (e: unknown): e is AppError => e instanceof AppError && e.status < 500 && e.code !== 'unauthorized' && e.code !== 'not_found' && e.code !== 'forbidden';

/** The champions' pages: the directory, each champion, and the profile form (new and edit). */
function championPageRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const send = (reply: FastifyReply, body: SafeHtml, status = 200) => reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body.value);

  app.get('/champions', async (req, reply) => {
    const s = directoryState(req.query);
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    return ctx.pages.serve(req, reply, pc.t.lang, async () => {
      const result = await listChampions(deps, p, { ...(s.tier ? { tier: s.tier } : {}), ...(s.topic ? { topic: s.topic } : {}), ...(s.organization ? { organization: s.organization } : {}), limit: 200 });
      const body = directoryPage(pc, s, { ...result, organizations: await listOrganizations(deps), themes: await siteThemes(deps), own: await ownChampion(deps, p) });
      return { status: 200, body: body.value };
    });
  });

  /** The form, new (`slug` undefined) or to edit a profile; strangers are sent to sign in first. */
  async function showForm(req: FastifyRequest, reply: FastifyReply, slug: string | undefined, values?: FormValues, errors: Record<string, string> = {}, status = 200) {
    const { principal, session } = await identityOf(deps, req);
    const back = slug ? `/champions/${encodeURIComponent(slug)}/edit` : '/champions/new';
    if (principal.kind !== 'user' || !session) return reply.redirect(`/sign-in?next=${encodeURIComponent(back)}`, 303);
    const pc = await pageContext(ctx, req, principal);
    const organizations = await listOrganizations(deps);
    const datasets = await publicDatasetChoices(deps);
    const projects = (await listProjects(deps, { limit: 100 })).results.sort((a, b) => a.title.localeCompare(b.title));
    const staff = isProgramStaff(principal);
    let own = !staff;
    if (slug) {
      let detail;
      try {
        detail = await getChampion(deps, principal, slug);
      } catch (e) {
        if (e instanceof AppError && e.code === 'not_found') return send(reply, errorPage(pc, pc.t.t('champions.notFound'), pc.t.t('champions.notFoundText')), 404);
        throw e;
      }
      if (!detail.mayEdit) return send(reply, errorPage(pc, pc.t.t('champions.mayNotEdit'), pc.t.t('champions.mayNotEditText')), 403);
      own = ownsChampion(principal, detail.champion);
      values ??= valuesOf(detail.champion, organizations, (id) => datasets.find((d) => d.id === id)?.slug, (id) => projects.find((x) => x.id === id)?.slug);
    } else {
      const mine = await ownChampion(deps, principal);
      if (mine && !staff) return reply.redirect(`/champions/${encodeURIComponent(mine.slug)}/edit`, 303);
      values ??= { name: principal.name };
    }
    const state = { csrf: session.csrfToken, action: slug ? `/champions/${encodeURIComponent(slug)}` : '/champions', editing: slug !== undefined, staff, own, organizations, themes: await siteThemes(deps), datasets, projects, values, errors };
    return send(reply, championFormPage(pc, state), status);
  }

  app.get('/champions/new', (req, reply) => showForm(req, reply, undefined));

  app.post('/champions', async (req, reply) => {
    const p = await actorOf(deps, req);
    if (p.kind !== 'user') return reply.redirect(`/sign-in?next=${encodeURIComponent('/champions/new')}`, 303);
    const values = formValues(req.body);
    try {
      const c = await createChampion(deps, p, championInput(values), { self: values.self === 'on' });
      return reply.redirect(`/champions/${encodeURIComponent(c.slug)}?saved=1`, 303);
    } catch (e) {
      if (!fixable(e)) throw e;
      return showForm(req, reply, undefined, values, fieldErrors(e), e.status);
    }
  });

  app.get('/champions/:slug', async (req, reply) => {
    const { slug } = slugParams.parse(req.params);
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    let detail;
    try {
      detail = await getChampion(deps, p, slug);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return send(reply, errorPage(pc, pc.t.t('champions.notFound'), pc.t.t('champions.notFoundText')), 404);
      throw e;
    }
    const notice = (req.query as Record<string, string | undefined> | undefined)?.saved === '1' ? pc.t.t('champions.savedNotice') : undefined;
    return send(reply, championPage(pc, detail, { notice, seesHidden: seesHiddenChannels(p, { userId: detail.champion.userId }) }));
  });

  app.get('/champions/:slug/edit', (req, reply) => showForm(req, reply, slugParams.parse(req.params).slug));

  app.post('/champions/:slug', async (req, reply) => {
    const { slug } = slugParams.parse(req.params);
    const p = await actorOf(deps, req);
    if (p.kind !== 'user') return reply.redirect(`/sign-in?next=${encodeURIComponent(`/champions/${slug}/edit`)}`, 303);
    const values = formValues(req.body);
    try {
      const c = await updateChampion(deps, p, slug, championInput(values));
      return reply.redirect(`/champions/${encodeURIComponent(c.slug)}?saved=1`, 303);
    } catch (e) {
      if (!fixable(e)) throw e;
      return showForm(req, reply, slug, values, fieldErrors(e), e.status);
    }
  });
}

export const championsArea: PageArea = { name: 'champions', routes: championPageRoutes };
