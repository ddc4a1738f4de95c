import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listOrganizations } from '../../../actions/accounts/organizations.ts';
import { answerRequest } from '../../../actions/community/answer-request.ts';
import { commentOnRequest } from '../../../actions/community/comment-request.ts';
import { fulfilRequest } from '../../../actions/community/fulfil-request.ts';
import { postRequest } from '../../../actions/community/post-request.ts';
import { problemsBearingOnRequest } from '../../../actions/community/read-problem-links.ts';
import { fulfillingCandidates, getRequest, listRequests, requestOfComment } from '../../../actions/community/read-requests.ts';
import { moderateItem } from '../../../actions/community/moderation/moderate-item.ts';
import { reportItem } from '../../../actions/community/moderation/report-item.ts';
import { voteForRequest, withdrawRequestVote } from '../../../actions/community/vote-request.ts';
import { roleAtLeast } from '../../../domain/accounts/types.ts';
import type { Principal } from '../../../domain/accounts/principal.ts';
import { REQUEST_SORTS, REQUEST_STATUSES } from '../../../domain/community/requests.ts';
import { AppError } from '../../../domain/errors.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import type { PageArea } from '../area.ts';
import { followRoute, itemFollowState } from '../community/follow-routes.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { pageContext } from '../components/page-context.ts';
import type { SafeHtml } from '../html.ts';
import { describeFulfilRoute } from './describe-choice-route.ts';
import { requestPath } from './labels.ts';
import { requestsPage, REQUESTS_PER_PAGE, type OrganizationChoice, type RequestListState } from './list.tsx';
import { newRequestPage } from './new.tsx';
import { requestPage, type RequestPageState } from './request.tsx';

type Form = Record<string, string | undefined>;

const idParams = z.object({ id: z.string().min(1).max(200) });

/** The list's state from its URL; anything unreadable falls back to the default. */
function listState(query: unknown): RequestListState {
  const raw = (query ?? {}) as Record<string, unknown>;
  return {
    sort: z.enum(REQUEST_SORTS).catch('votes').parse(raw.sort ?? 'votes'),
    status: z.enum(REQUEST_STATUSES).optional().catch(undefined).parse(raw.status || undefined),
    organization: z.string().trim().min(1).max(200).optional().catch(undefined).parse(raw.organization || undefined),
    page: z.coerce.number().int().min(1).max(5_000).catch(1).parse(raw.page ?? 1),
    q: z.string().trim().max(500).catch('').parse(raw.q ?? ''),
    sortChosen: REQUEST_SORTS.some((o) => o === raw.sort),
  };
}

/** A refusal's messages by form field. */
function fieldErrors(e: AppError, rename: Record<string, string> = {}): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const x of (e.details?.fields ?? []) as Array<{ field: string; message: string }>) {
    const name = x.field ? (rename[x.field] ?? x.field) : 'form';
    errors[name] ??= x.message;
  }
  if (!Object.keys(errors).length) errors.form = e.message;
  return errors;
}

/** A refusal the reader can fix on the page (not a failure of ours, nor "sign in"). */
const fixable = (e: unknown): e is AppError => e instanceof AppError && e.status < 500 && e.code !== 'unauthorized' && e.code !== 'not_found';

const organizationChoices = async (ctx: HttpContext): Promise<OrganizationChoice[]> => (await listOrganizations(ctx.deps)).map((o) => ({ id: o.id, slug: o.slug, name: o.name }));

/** Whether the person edits in any organization (and so may fulfil requests with its datasets). */
const editsSomewhere = (p: Principal): boolean => p.kind === 'user' && Object.values(p.roles).some((r) => roleAtLeast(r, 'editor'));

const NOTICES: Record<string, string> = {
  posted: 'requests.postedNotice',
  voted: 'requests.votedNotice',
  unvoted: 'requests.unvotedNotice',
  answered: 'requests.answeredNotice',
  commented: 'requests.commentedNotice',
  fulfilled: 'requests.fulfilledNotice',
  reported: 'moderation.reportedNotice',
  hidden: 'moderation.requestHiddenDone',
  shown: 'moderation.requestShownDone',
  comment_hidden: 'moderation.commentHiddenDone',
  comment_shown: 'moderation.commentShownDone',
};

const commentParams = z.object({ id: z.string().min(1).max(200), comment: z.string().min(1).max(200) });

/** Dataset requests' pages: the list, one request, and the form to ask; forms that work without JavaScript. */
function requestRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const send = (reply: FastifyReply, body: SafeHtml, status = 200) => reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body.value);

  app.get('/requests', async (req, reply) => {
    const s = listState(req.query);
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    return ctx.pages.serve(req, reply, pc.t.lang, async () => {
      const result = await listRequests(deps, p, {
        ...(s.q && !s.sortChosen ? { q: s.q } : { sort: s.sort, ...(s.q ? { q: s.q } : {}) }),
        facets: true,
        ...(s.status ? { statuses: [s.status] } : {}),
        ...(s.organization ? { organization: s.organization } : {}),
        limit: REQUESTS_PER_PAGE,
        offset: (s.page - 1) * REQUESTS_PER_PAGE,
      });
      return { status: 200, body: requestsPage(pc, s, result, await organizationChoices(ctx)).value };
    });
  });

  async function showForm(req: FastifyRequest, reply: FastifyReply, values: Record<string, string> = {}, errors: Record<string, string> = {}, status = 200) {
    const { principal, session } = await identityOf(deps, req);
    if (principal.kind !== 'user' || !session) return reply.redirect(`/sign-in?next=${encodeURIComponent('/requests/new')}`, 303);
    const pc = await pageContext(ctx, req, principal);
    return send(reply, newRequestPage(pc, { csrf: session.csrfToken, organizations: await organizationChoices(ctx), values, errors }), status);
  }

  app.get('/requests/new', (req, reply) => showForm(req, reply));

  app.post('/requests', async (req, reply) => {
    const f = (req.body ?? {}) as Form;
    const values: Record<string, string> = {};
    for (const k of ['title', 'description', 'organization']) if (typeof f[k] === 'string') values[k] = f[k];
    try {
      const request = await postRequest(deps, await actorOf(deps, req), { title: values.title ?? '', description: values.description ?? '', organization: values.organization ?? '' });
      return reply.redirect(`${requestPath(request.id)}?posted=1`, 303);
    } catch (e) {
      if (!fixable(e)) throw e;
      return showForm(req, reply, values, fieldErrors(e), e.status);
    }
  });

  async function show(req: FastifyRequest, reply: FastifyReply, id: string, more: Partial<RequestPageState> = {}, status = 200) {
    const { principal, session } = await identityOf(deps, req);
    const pc = await pageContext(ctx, req, principal);
    let detail;
    try {
      detail = await getRequest(deps, principal, id);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return send(reply, errorPage(pc, pc.t.t('requests.notFound'), pc.t.t('requests.notFoundText')), 404);
      throw e;
    }
    const q = (req.query ?? {}) as Form;
    const key = Object.keys(NOTICES).find((k) => q[k] === '1');
    const notice = key ? pc.t.t(NOTICES[key]!) : q.followed === '1' ? pc.t.t('community.followed') : undefined;
    const follow = await itemFollowState(ctx, req, principal, 'request', detail.request.id);
    const candidates = editsSomewhere(principal) ? (await fulfillingCandidates(deps, principal)).map((d) => ({ slug: d.slug, title: d.title })) : undefined;
    const problems = await problemsBearingOnRequest(deps, principal, detail.request.id);
    return send(reply, requestPage(pc, detail, { csrf: principal.kind === 'user' ? session?.csrfToken : undefined, notice, follow, organizationName: detail.organizationName ?? undefined, candidates, problems, ...more }), status);
  }

  app.get('/requests/:id', async (req, reply) => show(req, reply, idParams.parse(req.params).id));

  followRoute(app, ctx, 'request');

  app.post('/requests/:id/vote', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const f = (req.body ?? {}) as Form;
    const p = await actorOf(deps, req);
    try {
      if (f.vote === 'remove') await withdrawRequestVote(deps, p, id);
      else await voteForRequest(deps, p, id);
    } catch (e) {
      if (!fixable(e)) throw e;
      return show(req, reply, id, { errors: { form: e.message } }, e.status);
    }
    return reply.redirect(`${requestPath(id)}?${f.vote === 'remove' ? 'unvoted' : 'voted'}=1`, 303);
  });

  app.post('/requests/:id/comments', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const values = { body: ((req.body ?? {}) as Form).body ?? '' };
    try {
      await commentOnRequest(deps, await actorOf(deps, req), id, values);
    } catch (e) {
      if (!fixable(e)) throw e;
      const errors = fieldErrors(e);
      return show(req, reply, id, { values, errors: errors.body ? { body: errors.body } : { form: e.message } }, e.status);
    }
    return reply.redirect(`${requestPath(id)}?commented=1#comments`, 303);
  });

  app.post('/requests/:id/answer', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const f = (req.body ?? {}) as Form;
    const values = { status: f.status ?? '', note: f.note ?? '', decline_reason: f.decline_reason ?? '', target_date: f.target_date ?? '' };
    try {
      await answerRequest(deps, await actorOf(deps, req), id, values);
    } catch (e) {
      if (!fixable(e) || e.code === 'forbidden') throw e;
      return show(req, reply, id, { values, errors: fieldErrors(e) }, e.status);
    }
    return reply.redirect(`${requestPath(id)}?answered=1`, 303);
  });

  app.post('/requests/:id/fulfil', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const f = (req.body ?? {}) as Form;
    const values = { dataset: f.dataset ?? '', fulfil_note: f.fulfil_note ?? '' };
    try {
      await fulfilRequest(deps, await actorOf(deps, req), id, { dataset: values.dataset, note: values.fulfil_note });
    } catch (e) {
      if (!fixable(e) || e.code === 'forbidden') throw e;
      return show(req, reply, id, { values, errors: fieldErrors(e, { note: 'fulfil_note' }) }, e.status);
    }
    return reply.redirect(`${requestPath(id)}?fulfilled=1`, 303);
  });

  /** The "not found" page, for a comment named under a request it is not on. */
  async function notFoundPage(req: FastifyRequest, reply: FastifyReply) {
    const pc = await pageContext(ctx, req, await actorOf(deps, req));
    return send(reply, errorPage(pc, pc.t.t('requests.notFound'), pc.t.t('requests.notFoundText')), 404);
  }

  /** Whether a comment named in a request's address is on that request. */
  const onThatRequest = async (id: string, target: string): Promise<boolean> => target === 'request' || (await requestOfComment(deps, target)) === id;

  /** Reports the request (`target: 'request'`) or one of its comments; a refusal opens the same form again with what was typed. */
  async function report(req: FastifyRequest, reply: FastifyReply, id: string, target: string) {
    const f = (req.body ?? {}) as Form;
    const values = { reason: f.reason ?? '', note: f.note ?? '' };
    const onRequest = target === 'request';
    if (!(await onThatRequest(id, target))) return notFoundPage(req, reply);
    try {
      await reportItem(deps, await actorOf(deps, req), { kind: onRequest ? 'request' : 'request-comment', item: onRequest ? id : target, reason: values.reason || undefined, note: values.note });
    } catch (e) {
      if (!fixable(e) || e.code === 'forbidden') throw e;
      return show(req, reply, id, { report: { target, state: { values, errors: fieldErrors(e) } } }, e.status);
    }
    return reply.redirect(`${requestPath(id)}?reported=1${onRequest ? '' : `#comment-${encodeURIComponent(target)}`}`, 303);
  }

  app.post('/requests/:id/report', (req, reply) => report(req, reply, idParams.parse(req.params).id, 'request'));

  app.post('/requests/:id/comments/:comment/report', (req, reply) => {
    const { id, comment } = commentParams.parse(req.params);
    return report(req, reply, id, comment);
  });

  /** A moderator hides or shows the request (`target: 'request'`) or one of its comments, with a reason; a refusal keeps the reason as typed. */
  async function visibility(req: FastifyRequest, reply: FastifyReply, id: string, target: string) {
    const f = (req.body ?? {}) as Form;
    const hidden = f.hidden !== 'false';
    const reason = f.reason ?? '';
    const onRequest = target === 'request';
    if (!(await onThatRequest(id, target))) return notFoundPage(req, reply);
    try {
      await moderateItem(deps, await actorOf(deps, req), onRequest ? 'request' : 'request-comment', onRequest ? id : target, { hidden, reason });
    } catch (e) {
      if (!fixable(e) || e.code === 'forbidden') throw e;
      const errors = fieldErrors(e);
      return show(req, reply, id, errors.reason ? { moderation: { target, reason, error: errors.reason } } : { errors: { form: e.message } }, e.status);
    }
    const done = `${onRequest ? '' : 'comment_'}${hidden ? 'hidden' : 'shown'}=1`;
    return reply.redirect(`${requestPath(id)}?${done}${onRequest ? '' : `#comment-${encodeURIComponent(target)}`}`, 303);
  }

  app.post('/requests/:id/visibility', (req, reply) => visibility(req, reply, idParams.parse(req.params).id, 'request'));

  app.post('/requests/:id/comments/:comment/visibility', (req, reply) => {
    const { id, comment } = commentParams.parse(req.params);
    return visibility(req, reply, id, comment);
  });

  describeFulfilRoute(app, ctx);
}

export const requestsArea: PageArea = { name: 'requests', routes: requestRoutes };
