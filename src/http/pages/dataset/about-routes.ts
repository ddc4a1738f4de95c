import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { readsData } from '../../../actions/catalog/access.ts';
import { problemsBearingOn } from '../../../actions/community/read-problem-links.ts';
import { getDataset, noteUse } from '../../../actions/catalog/read-datasets.ts';
import { requestsFulfilledBy } from '../../../actions/community/read-requests.ts';
import { createSubscription, followsDataset } from '../../../actions/notify/subscriptions.ts';
import { queryRecords } from '../../../actions/records/query-records.ts';
import { listShowcases } from '../../../actions/showcases/read-showcases.ts';
import { championsOfDataset } from '../../../actions/champions/read-champions.ts';
import type { Principal } from '../../../domain/accounts/principal.ts';
import { AppError } from '../../../domain/errors.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { ruleText } from '../components/rule-text.ts';
import { harvestedView } from '../../../actions/harvest/overview.ts';
import { requestHarvestedData, saveLocalNotes } from '../../../actions/harvest/harvested.ts';
import type { MadePage } from '../page-cache.ts';
import type { HarvestedState } from './harvested.tsx';
import { pageContext, type PageContext } from '../components/page-context.ts';
import { datasetPage, PREVIEW_ROWS } from './about.tsx';
import type { FollowState } from './follow.tsx';

const slugParams = z.object({ slug: z.string().min(1).max(200) });

/**
 * A dataset's about tab at `/datasets/{slug}`: its description, coverage,
 * versions and a first page of rows, kept for visitors; and its follow form,
 * which subscribes the signed-in person to an email digest of its changes.
 */
export function aboutTabRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;

  /** Whether the reader may follow from the page (a person with a session) and already does. */
  const followState = async (req: Parameters<typeof identityOf>[1], p: Principal, datasetId: string): Promise<FollowState> => {
    if (p.kind !== 'user') return { kind: 'visitor' };
    const { session } = await identityOf(deps, req);
    if (!session) return { kind: 'program' };
    return { kind: 'person', csrf: session.csrfToken, following: await followsDataset(deps, p, datasetId) };
  };

  app.post('/datasets/:slug/follow', async (req, reply) => {
    const { slug } = slugParams.parse(req.params);
    const p = await actorOf(deps, req);
    if (p.kind !== 'user') return reply.redirect(`/sign-in?next=${encodeURIComponent(`/datasets/${slug}`)}`, 303);
    try {
      await createSubscription(deps, p, { dataset: slug, email: true });
    } catch (e) {
      // Following twice is following.
      if (!(e instanceof AppError && e.code === 'conflict' && e.details?.id)) throw e;
    }
    return reply.redirect(`/datasets/${encodeURIComponent(slug)}`, 303);
  });

  /** The about tab's page: the dataset, its preview, what the community made of it and, when harvested, where from. */
  const aboutPage = async (req: FastifyRequest, p: Principal, pc: PageContext, slug: string, page: number, form: { notes?: HarvestedState['notes']; notice?: string } = {}): Promise<MadePage> => {
    let detail;
    try {
      detail = await getDataset(deps, p, slug);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return { status: 404, body: errorPage(pc, pc.t.t('error.datasetNotFound'), pc.t.t('error.datasetNotFoundText', { slug })).value };
      throw e;
    }
    const dataset = detail.dataset;
    const seen = () => noteUse(deps, dataset);
    seen();
    const preview = detail.live && readsData(p, dataset) ? await queryRecords(deps, p, slug, { limit: PREVIEW_ROWS, offset: (page - 1) * PREVIEW_ROWS }, undefined, page <= 4) : undefined;
    const follow = await followState(req, p, dataset.id);
    const view = await harvestedView(deps, p, dataset);
    const community = {
      fulfilled: await requestsFulfilledBy(deps, p, dataset.id),
      built: { page: await listShowcases(deps, { dataset: dataset.id, limit: 6 }), widths: deps.images.widths },
      bearing: await problemsBearingOn(deps, p, dataset.id),
      champions: await championsOfDataset(deps, dataset.id),
      harvested: view ? { view, csrf: follow.kind === 'person' ? follow.csrf : undefined, ...form } : undefined,
    };
    return { status: 200, body: datasetPage(pc, detail, preview, page, follow, community).value, onHit: seen };
  };

  app.get('/datasets/:slug', async (req, reply) => {
    const { slug } = slugParams.parse(req.params);
    const q = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) }).catch({ page: 1 }).parse(req.query);
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    const said = (req.query as Record<string, unknown>).harvest;
    const notice = said === 'notes' ? pc.t.t('harvest.box.notesSaved') : said === 'loading' ? pc.t.t('harvest.box.loading') : undefined;
    return ctx.pages.serve(req, reply, pc.t.lang, () => aboutPage(req, p, pc, slug, q.page, notice ? { notice } : {}));
  });

  /** A harvested dataset's forms: its local notes, and loading its data; each returns to the about tab, or shows it again with why not. */
  const harvestForm = (path: string, act: (p: Principal, slug: string, body: Record<string, unknown>) => Promise<unknown>, done: string) =>
    app.post(path, async (req, reply) => {
      const { slug } = slugParams.parse(req.params);
      const body = (req.body ?? {}) as Record<string, unknown>;
      const back = `/datasets/${encodeURIComponent(slug)}`;
      let p: Principal;
      try {
        p = await actorOf(deps, req);
        if (p.kind !== 'user') return reply.redirect(`/sign-in?next=${encodeURIComponent(back)}`, 303);
        await act(p, slug, body);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.code === 'unauthorized') throw e;
        const send = (status: number, body: string) => reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body);
        // Notes refused for what they say: the page again, the notes as typed beside their message.
        const field = ((e.details?.fields ?? []) as Array<{ field: string; message: string }>).find((f) => f.field === 'notes');
        if (field && typeof body.notes === 'string') {
          const who = await actorOf(deps, req);
          const made = await aboutPage(req, who, await pageContext(ctx, req, who), slug, 1, { notes: { value: body.notes, error: field.message } });
          return send(made.status === 200 ? e.status : made.status, made.body);
        }
        const pc = await pageContext(ctx, req);
        const title = e.code === 'not_found' ? pc.t.t('error.datasetNotFound') : e.code === 'forbidden' ? pc.t.t('error.notForYou') : pc.t.t(`error.title.${e.code}`);
        return send(e.status, errorPage(pc, title, ruleText(pc.t, e.message)).value);
      }
      return reply.redirect(`${back}?harvest=${done}#harvested`, 303);
    });
  harvestForm('/datasets/:slug/notes', (p, slug, body) => saveLocalNotes(deps, p, slug, { notes: typeof body.notes === 'string' ? body.notes : '' }), 'notes');
  harvestForm('/datasets/:slug/load', (p, slug) => requestHarvestedData(deps, p, { dataset: slug }), 'loading');
}
