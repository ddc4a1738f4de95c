import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { reportItem } from '../../../actions/community/moderation/report-item.ts';
import { approveShowcase } from '../../../actions/showcases/approve-showcase.ts';
import { getShowcase, listPendingShowcases, listShowcases, publicDatasetChoices } from '../../../actions/showcases/read-showcases.ts';
import { rejectShowcase } from '../../../actions/showcases/reject-showcase.ts';
import { submitShowcase } from '../../../actions/showcases/submit-showcase.ts';
import { originPeerName } from '../../../actions/peers/origin.ts';
import { canReviewShowcase } from '../../../domain/community/showcase-policy.ts';
import { SHOWCASE_KINDS } from '../../../domain/community/showcases.ts';
import { AppError } from '../../../domain/errors.ts';
import { readShowcaseForm } from '../../api/showcases/read-form.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import type { PageArea } from '../area.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { pageContext } from '../components/page-context.ts';
import type { SafeHtml } from '../html.ts';
import { galleryPage, SHOWCASES_PER_PAGE, type GalleryState } from './gallery.tsx';
import { showcaseImageRoute } from './image-route.ts';
import { newShowcasePage } from './new.tsx';
import { reviewPage } from './review.tsx';
import { showcasePage, type ShowcasePageState } from './showcase.tsx';

const idParams = z.object({ id: z.string().min(1).max(200) });

function galleryState(query: unknown): GalleryState {
  const raw = (query ?? {}) as Record<string, unknown>;
  return {
    kind: z.enum(SHOWCASE_KINDS).optional().catch(undefined).parse(raw.kind || undefined),
    dataset: z.string().trim().min(1).max(200).optional().catch(undefined).parse(raw.dataset || undefined),
    page: z.coerce.number().int().min(1).max(5_000).catch(1).parse(raw.page ?? 1),
    q: z.string().trim().max(500).catch('').parse(raw.q ?? ''),
  };
}

/** A refusal's messages by form field. */
function fieldErrors(e: AppError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const x of (e.details?.fields ?? []) as Array<{ field: string; message: string }>) errors[x.field.split('.')[0] || 'form'] ??= x.message;
  if (!Object.keys(errors).length) errors.form = e.message;
  return errors;
}

const fixable = (e: unknown): e is AppError => e instanceof AppError && e.status < 500 && e.code !== 'unauthorized' && e.code !== 'not_found' && e.code !== 'forbidden';

/** The showcases' pages: the gallery, one showcase, the form to submit one, the moderators' review, and the images. */
function showcaseRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const widths = deps.images.widths;
  const maxMb = Math.round(deps.images.maxBytes / (1024 * 1024));
  const send = (reply: FastifyReply, body: SafeHtml, status = 200) => reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body.value);

  showcaseImageRoute(app, ctx);

  app.get('/showcases', async (req, reply) => {
    const s = galleryState(req.query);
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    const mayReview = canReviewShowcase(p);
    return ctx.pages.serve(req, reply, pc.t.lang, async () => {
      const result = await listShowcases(deps, { ...(s.kind ? { kinds: [s.kind] } : {}), ...(s.dataset ? { dataset: s.dataset } : {}), limit: SHOWCASES_PER_PAGE, offset: (s.page - 1) * SHOWCASES_PER_PAGE, ...(s.q ? { q: s.q } : {}), facets: true });
      return { status: 200, body: galleryPage(pc, s, { result, datasets: await publicDatasetChoices(deps), widths, mayReview }).value };
    });
  });

  async function showForm(req: FastifyRequest, reply: FastifyReply, values: Record<string, string | string[]> = {}, errors: Record<string, string> = {}, status = 200) {
    const { principal, session } = await identityOf(deps, req);
    if (principal.kind !== 'user' || !session) return reply.redirect(`/sign-in?next=${encodeURIComponent('/showcases/new')}`, 303);
    const pc = await pageContext(ctx, req, principal);
    return send(reply, newShowcasePage(pc, { csrf: session.csrfToken, datasets: await publicDatasetChoices(deps), maxMb, values, errors }), status);
  }

  app.get('/showcases/new', (req, reply) => showForm(req, reply));

  app.post('/showcases', async (req, reply) => {
    const { principal } = await identityOf(deps, req);
    if (principal.kind !== 'user') return reply.redirect(`/sign-in?next=${encodeURIComponent('/showcases/new')}`, 303);
    const form = await readShowcaseForm(req, deps.images.maxBytes);
    req.body = form.fields;
    const f = form.fields;
    const values: Record<string, string | string[]> = {};
    for (const k of ['title', 'kind', 'description', 'link', 'made_by', 'image_alt', 'datasets']) if (f[k] !== undefined) values[k] = f[k];
    try {
      const showcase = await submitShowcase(deps, await actorOf(deps, req), { ...f, madeBy: f.made_by ?? '', imageAlt: f.image_alt ?? '', datasets: f.datasets ?? [] }, form.image);
      return reply.redirect(`/showcases/${encodeURIComponent(showcase.id)}?submitted=1`, 303);
    } catch (e) {
      if (!fixable(e)) throw e;
      return showForm(req, reply, values, fieldErrors(e), e.status);
    }
  });

  app.get('/showcases/review', async (req, reply) => {
    const { principal } = await identityOf(deps, req);
    if (principal.kind !== 'user') return reply.redirect(`/sign-in?next=${encodeURIComponent('/showcases/review')}`, 303);
    const pending = await listPendingShowcases(deps, principal);
    return send(reply, reviewPage(await pageContext(ctx, req, principal), pending, widths));
  });

  async function show(req: FastifyRequest, reply: FastifyReply, id: string, more: Partial<ShowcasePageState> = {}, status = 200) {
    const { principal, session } = await identityOf(deps, req);
    const pc = await pageContext(ctx, req, principal);
    let detail;
    try {
      detail = await getShowcase(deps, principal, id);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return send(reply, errorPage(pc, pc.t.t('showcases.notFound'), pc.t.t('showcases.notFoundText')), 404);
      throw e;
    }
    const q = (req.query ?? {}) as Record<string, string | undefined>;
    const notice = q.submitted === '1' ? pc.t.t('showcases.submittedNotice') : q.approved === '1' ? pc.t.t('showcases.approvedNotice') : q.rejected === '1' ? pc.t.t('showcases.rejectedNotice') : q.reported === '1' ? pc.t.t('moderation.reportedNotice') : q.copied === '1' ? pc.t.t(q.picture === '0' ? 'peers.copiedNoPicture' : 'peers.copiedNotice') : undefined;
    return send(reply, showcasePage(pc, detail, { csrf: principal.kind === 'user' ? session?.csrfToken : undefined, widths, notice, originPeer: await originPeerName(deps, detail.showcase.originUrl), ...more }), status);
  }

  app.get('/showcases/:id', async (req, reply) => show(req, reply, idParams.parse(req.params).id));

  app.post('/showcases/:id/approve', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    try {
      await approveShowcase(deps, await actorOf(deps, req), id);
    } catch (e) {
      if (!fixable(e)) throw e;
      return show(req, reply, id, { errors: { form: e.message } }, e.status);
    }
    return reply.redirect(`/showcases/${encodeURIComponent(id)}?approved=1`, 303);
  });

  app.post('/showcases/:id/reject', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const f = (req.body ?? {}) as Record<string, string | undefined>;
    const values = { reason: f.reason ?? '' };
    try {
      await rejectShowcase(deps, await actorOf(deps, req), id, values);
    } catch (e) {
      if (!fixable(e)) throw e;
      return show(req, reply, id, { values, errors: fieldErrors(e) }, e.status);
    }
    return reply.redirect(`/showcases/${encodeURIComponent(id)}?rejected=1`, 303);
  });

  /** Reports the showcase to the moderators; a refusal opens the form again with what was typed. */
  app.post('/showcases/:id/report', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const f = (req.body ?? {}) as Record<string, string | undefined>;
    const values = { reason: f.reason ?? '', note: f.note ?? '' };
    try {
      await reportItem(deps, await actorOf(deps, req), { kind: 'showcase', item: id, reason: values.reason || undefined, note: values.note });
    } catch (e) {
      if (!fixable(e)) throw e;
      return show(req, reply, id, { report: { values, errors: fieldErrors(e) } }, e.status);
    }
    return reply.redirect(`/showcases/${encodeURIComponent(id)}?reported=1`, 303);
  });
}

export const showcasesArea: PageArea = { name: 'showcases', routes: showcaseRoutes };
