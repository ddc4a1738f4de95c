import type { FastifyInstance } from 'fastify';
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
import { pageContext } from '../components/page-context.ts';
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

  app.get('/datasets/:slug', async (req, reply) => {
    const { slug } = slugParams.parse(req.params);
    const q = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) }).catch({ page: 1 }).parse(req.query);
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    return ctx.pages.serve(req, reply, pc.t.lang, async () => {
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
      const preview = detail.live && readsData(p, dataset) ? await queryRecords(deps, p, slug, { limit: PREVIEW_ROWS, offset: (q.page - 1) * PREVIEW_ROWS }, undefined, q.page <= 4) : undefined;
      const community = {
        fulfilled: await requestsFulfilledBy(deps, p, dataset.id),
        built: { page: await listShowcases(deps, { dataset: dataset.id, limit: 6 }), widths: deps.images.widths },
        bearing: await problemsBearingOn(deps, p, dataset.id),
        champions: await championsOfDataset(deps, dataset.id),
      };
      return { status: 200, body: datasetPage(pc, detail, preview, q.page, await followState(req, p, dataset.id), community).value, onHit: seen };
    });
  });
}
