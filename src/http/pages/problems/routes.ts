import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listOrganizations } from '../../../actions/accounts/organizations.ts';
import { assignProblem } from '../../../actions/community/assign-problem.ts';
import { commentOnProblem } from '../../../actions/community/comment-problem.ts';
import { setProblemHidden } from '../../../actions/community/hide-problem.ts';
import { mergeProblem } from '../../../actions/community/merge-problem.ts';
import { moderateItem } from '../../../actions/community/moderation/moderate-item.ts';
import { reportItem } from '../../../actions/community/moderation/report-item.ts';
import { postProblem } from '../../../actions/community/post-problem.ts';
import { getProblem, listProblems } from '../../../actions/community/read-problems.ts';
import { changeProblemStatus } from '../../../actions/community/triage-problem.ts';
import { voteForProblem, withdrawVote } from '../../../actions/community/vote-problem.ts';
import { PROBLEM_SORTS, PROBLEM_STATUSES } from '../../../domain/community/problems.ts';
import { AppError } from '../../../domain/errors.ts';
import { getSite } from '../../../actions/site/settings.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import type { PageArea } from '../area.ts';
import { followRoute, itemFollowState } from '../community/follow-routes.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { pageContext } from '../components/page-context.ts';
import type { SafeHtml } from '../html.ts';
import { problemsPage, PROBLEMS_PER_PAGE, type ProblemListState } from './list.tsx';
import { confirmFirstPage } from '../account/verify-views.tsx';
import { newProblemPage } from './new.tsx';
import { problemPage, type ProblemPageState } from './problem.tsx';
import { projectsForProblem } from '../../../actions/projects/read-projects.ts';
import { linkNotice, pickState, placeAndLinks, type LinkRefusal } from './extras.ts';
import { mapState } from './map-routes.ts';
import { programOfProblem } from '../events/on-problem.tsx';
import { linkToProblem, unlinkFromProblem } from '../../../actions/community/link-request.ts';

type Form = Record<string, string | undefined>;

const idParams = z.object({ id: z.string().min(1).max(200) });

/** The list's state from its URL; anything unreadable falls back to the default rather than failing the page. */
function listState(query: unknown): ProblemListState {
  const raw = (query ?? {}) as Record<string, unknown>;
  return {
    q: z.string().catch('').parse(raw.q ?? '').trim().slice(0, 500),
    sort: z.enum(PROBLEM_SORTS).optional().catch(undefined).parse(raw.sort || undefined),
    category: mapState(query).category,
    status: z.enum(PROBLEM_STATUSES).optional().catch(undefined).parse(raw.status || undefined),
    page: z.coerce.number().int().min(1).max(5_000).catch(1).parse(raw.page ?? 1),
    area: mapState(query).area,
    organization: mapState(query).organization,
  };
}

/** The post form's fields as the action takes them: an empty coordinate is missing, not zero. */
function problemInput(f: Form): Record<string, unknown> {
  const given = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());
  const kind = f.place_kind;
  const place = kind === 'point' ? { kind, lat: given(f.lat), lon: given(f.lon) } : kind === 'area' ? { kind, area: f.area ?? '' } : kind === 'citywide' ? { kind } : undefined;
  return { title: f.title ?? '', description: f.description ?? '', affected: f.affected ?? '', category: given(f.category), place };
}

/** A refusal's messages by form field: `place.lat` is the `lat` field, the place itself `place`. */
function fieldErrors(e: AppError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const x of (e.details?.fields ?? []) as Array<{ field: string; message: string }>) {
    const [head, sub] = x.field.split('.');
    const name = head === 'place' ? (sub && sub !== 'kind' ? sub : 'place') : head || 'form';
    errors[name] ??= x.message;
  }
  if (!Object.keys(errors).length) errors.form = e.message;
  return errors;
}

/** A refusal the reader can fix on the page (not a failure of ours, nor "sign in"). */
const fixable = (e: unknown): e is AppError => e instanceof AppError && e.status < 500 && e.code !== 'unauthorized' && e.code !== 'not_found';

/** The problem inventory's pages: the list, one problem, and the form to post one; forms that work without JavaScript. */
function problemRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const send = (reply: FastifyReply, body: SafeHtml, status = 200) => reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body.value);

  app.get('/problems', async (req, reply) => {
    const s = listState(req.query);
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    // Kept for visitors like the catalog (made again once anything changes); signed-in people see their votes, so theirs is made each time.
    return ctx.pages.serve(req, reply, pc.t.lang, async () => {
      const result = await listProblems(deps, p, {
        ...(s.q ? { q: s.q } : {}),
        ...(s.sort ? { sort: s.sort } : {}),
        ...(s.category ? { categories: [s.category] } : {}),
        ...(s.status ? { statuses: [s.status] } : {}),
        ...(s.area ? { areas: [s.area] } : {}),
        ...(s.organization ? { organization: s.organization } : {}),
        facets: true,
        limit: PROBLEMS_PER_PAGE,
        offset: (s.page - 1) * PROBLEMS_PER_PAGE,
      });
      return { status: 200, body: problemsPage(pc, s, result, (await getSite(deps)).problemCategories, (await listOrganizations(deps)).map((o) => ({ slug: o.slug, name: o.name }))).value };
    });
  });

  /** The post form for the signed-in person, or a redirect to sign in. */
  async function showForm(req: FastifyRequest, reply: FastifyReply, values: Record<string, string> = {}, errors: Record<string, string> = {}, status = 200) {
    const { principal, session } = await identityOf(deps, req);
    const signedIn = principal.kind === 'user' && session;
    // Without an account, only when the site takes problems held for moderation.
    if (!signedIn && (principal.kind === 'user' || !(await getSite(deps)).anonymousProblems)) return reply.redirect(`/sign-in?next=${encodeURIComponent('/problems/new')}`, 303);
    const pc = await pageContext(ctx, req, principal);
    if (signedIn && !principal.emailVerified) return send(reply, confirmFirstPage(pc, pc.t.t('problems.newTitle'), { email: principal.email, csrf: session.csrfToken, next: '/problems/new' }), status);
    const held = signedIn ? undefined : (req.query as Form).held === '1' ? 'posted' : 'form';
    const pick = { ...(await pickState(deps, values)), script: await ctx.assets.url('pick') };
    return send(reply, newProblemPage(pc, { csrf: session?.csrfToken ?? '', categories: (await getSite(deps)).problemCategories, values, errors, pick, held }), status);
  }

  app.get('/problems/new', (req, reply) => showForm(req, reply));

  app.post('/problems', async (req, reply) => {
    const f = (req.body ?? {}) as Form;
    const values: Record<string, string> = {};
    for (const k of ['title', 'description', 'affected', 'category', 'place_kind', 'lat', 'lon', 'area']) if (typeof f[k] === 'string') values[k] = f[k];
    try {
      const problem = await postProblem(deps, await actorOf(deps, req), problemInput(f));
      // A problem held for moderation is not shown to the one who posted it without an account.
      if (problem.authorId === null) return reply.redirect('/problems/new?held=1', 303);
      return reply.redirect(`/problems/${encodeURIComponent(problem.id)}?posted=1`, 303);
    } catch (e) {
      if (!fixable(e)) throw e;
      return showForm(req, reply, values, fieldErrors(e), e.status);
    }
  });

  /** One problem's page; a merged duplicate sends the reader to the problem it was merged into. */
  async function show(req: FastifyRequest, reply: FastifyReply, id: string, more: Partial<ProblemPageState> & { linkRefusal?: LinkRefusal } = {}, status = 200) {
    const { principal, session } = await identityOf(deps, req);
    const pc = await pageContext(ctx, req, principal);
    let detail;
    try {
      detail = await getProblem(deps, principal, id);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return send(reply, errorPage(pc, pc.t.t('problems.notFound'), pc.t.t('problems.notFoundText')), 404);
      throw e;
    }
    if (detail.problem.mergedInto) return reply.redirect(`/problems/${encodeURIComponent(detail.problem.mergedInto)}`, 301);
    const q = (req.query ?? {}) as Form;
    const notice = q.posted === '1' ? pc.t.t('problems.postedNotice') : q.voted === '1' ? pc.t.t('problems.votedNotice') : q.unvoted === '1' ? pc.t.t('problems.unvotedNotice') : q.moved === '1' ? pc.t.t('problems.movedNotice') : q.commented === '1' ? pc.t.t('problems.commentedNotice') : q.merged === '1' ? pc.t.t('problems.mergedNotice') : q.assigned === '1' ? pc.t.t('problems.assignedNotice') : q.hidden === '1' ? pc.t.t('problems.hiddenDone') : q.shown === '1' ? pc.t.t('problems.shownDone') : q.followed === '1' ? pc.t.t('community.followed') : q.reported === '1' ? pc.t.t('moderation.reportedNotice') : q.comment_hidden === '1' ? pc.t.t('moderation.commentHiddenDone') : q.comment_shown === '1' ? pc.t.t('moderation.commentShownDone') : linkNotice(pc.t, q);
    const follow = await itemFollowState(ctx, req, principal, 'problem', detail.problem.id);
    const organizations = detail.mayModerate ? (await listOrganizations(deps)).map((o) => ({ id: o.id, slug: o.slug, name: o.name })) : undefined;
    const csrf = principal.kind === 'user' ? session?.csrfToken : undefined;
    const extras = await placeAndLinks(deps, principal, csrf, detail, more.linkRefusal);
    const unconfirmedEmail = principal.kind === 'user' && !principal.emailVerified ? principal.email : undefined;
    const program = await programOfProblem(deps, detail.problem.id);
    const projects = (await projectsForProblem(deps, detail.problem.id)).map((x) => ({ slug: x.slug, title: x.title }));
    return send(reply, problemPage(pc, detail, { csrf, notice, organizations, follow, unconfirmedEmail, program, ...extras, projects, ...more }), status);
  }

  app.get('/problems/:id', async (req, reply) => show(req, reply, idParams.parse(req.params).id));

  followRoute(app, ctx, 'problem');

  app.post('/problems/:id/vote', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const f = (req.body ?? {}) as Form;
    const p = await actorOf(deps, req);
    try {
      if (f.vote === 'remove') await withdrawVote(deps, p, id);
      else await voteForProblem(deps, p, id);
    } catch (e) {
      if (!fixable(e)) throw e;
      return show(req, reply, id, { errors: { form: e.message } }, e.status);
    }
    return reply.redirect(`/problems/${encodeURIComponent(id)}?${f.vote === 'remove' ? 'unvoted' : 'voted'}=1`, 303);
  });

  app.post('/problems/:id/comments', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const f = (req.body ?? {}) as Form;
    const values = { body: f.body ?? '' };
    try {
      await commentOnProblem(deps, await actorOf(deps, req), id, values);
    } catch (e) {
      if (!fixable(e)) throw e;
      const errors = fieldErrors(e);
      // A refused comment comes back in its own form; other refusals are said at the top.
      return show(req, reply, id, { values, errors: errors.body ? { body: errors.body } : { form: e.message } }, e.status);
    }
    return reply.redirect(`/problems/${encodeURIComponent(id)}?commented=1#comments`, 303);
  });

  app.post('/problems/:id/assign', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const f = (req.body ?? {}) as Form;
    try {
      await assignProblem(deps, await actorOf(deps, req), id, { organization: f.organization ?? '' });
    } catch (e) {
      if (!fixable(e) || e.code === 'forbidden') throw e;
      return show(req, reply, id, { errors: fieldErrors(e) }, e.status);
    }
    return reply.redirect(`/problems/${encodeURIComponent(id)}?assigned=1`, 303);
  });

  app.post('/problems/:id/visibility', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const f = (req.body ?? {}) as Form;
    const values = { hide_reason: f.hide_reason ?? '' };
    const hidden = f.hidden !== 'false';
    try {
      await setProblemHidden(deps, await actorOf(deps, req), id, { hidden, reason: values.hide_reason });
    } catch (e) {
      if (!fixable(e) || e.code === 'forbidden') throw e;
      const errors = fieldErrors(e);
      return show(req, reply, id, { values, errors: errors.reason ? { hide_reason: errors.reason } : errors }, e.status);
    }
    return reply.redirect(`/problems/${encodeURIComponent(id)}?${hidden ? 'hidden' : 'shown'}=1`, 303);
  });

  const commentParams = z.object({ id: z.string().min(1).max(200), comment: z.string().min(1).max(200) });

  /** Reports the problem (`target: 'problem'`) or one of its comments; a refusal opens the same form again with what was typed. */
  async function report(req: FastifyRequest, reply: FastifyReply, id: string, target: string) {
    const f = (req.body ?? {}) as Form;
    const values = { reason: f.reason ?? '', note: f.note ?? '' };
    const kind = target === 'problem' ? 'problem' : 'problem-comment';
    try {
      await reportItem(deps, await actorOf(deps, req), { kind, item: target === 'problem' ? id : target, reason: values.reason || undefined, note: values.note });
    } catch (e) {
      if (!fixable(e) || e.code === 'forbidden') throw e;
      return show(req, reply, id, { report: { target, state: { values, errors: fieldErrors(e) } } }, e.status);
    }
    return reply.redirect(`/problems/${encodeURIComponent(id)}?reported=1${target === 'problem' ? '' : `#comment-${encodeURIComponent(target)}`}`, 303);
  }

  app.post('/problems/:id/report', async (req, reply) => report(req, reply, idParams.parse(req.params).id, 'problem'));

  app.post('/problems/:id/comments/:comment/report', async (req, reply) => {
    const { id, comment } = commentParams.parse(req.params);
    return report(req, reply, id, comment);
  });

  app.post('/problems/:id/comments/:comment/visibility', async (req, reply) => {
    const { id, comment } = commentParams.parse(req.params);
    const f = (req.body ?? {}) as Form;
    const hidden = f.hidden !== 'false';
    const reason = f.reason ?? '';
    try {
      await moderateItem(deps, await actorOf(deps, req), 'problem-comment', comment, { hidden, reason });
    } catch (e) {
      if (!fixable(e) || e.code === 'forbidden') throw e;
      const errors = fieldErrors(e);
      return show(req, reply, id, errors.reason ? { commentModeration: { commentId: comment, reason, error: errors.reason } } : { errors }, e.status);
    }
    return reply.redirect(`/problems/${encodeURIComponent(id)}?${hidden ? 'comment_hidden' : 'comment_shown'}=1#comment-${encodeURIComponent(comment)}`, 303);
  });

  app.post('/problems/:id/merge', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const f = (req.body ?? {}) as Form;
    const values = { into: f.into ?? '' };
    let into;
    try {
      into = await mergeProblem(deps, await actorOf(deps, req), id, values);
    } catch (e) {
      if (!fixable(e) || e.code === 'forbidden') throw e;
      return show(req, reply, id, { values, errors: fieldErrors(e) }, e.status);
    }
    return reply.redirect(`/problems/${encodeURIComponent(into.id)}?merged=1`, 303);
  });

  app.post('/problems/:id/links', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const f = (req.body ?? {}) as Form;
    const kind = f.kind === 'request' ? 'request' : 'dataset';
    const chosen = (kind === 'request' ? f.request : f.target) ?? '';
    let changed;
    try {
      changed = (await linkToProblem(deps, await actorOf(deps, req), id, { kind, target: chosen })).changed;
    } catch (e) {
      if (!fixable(e) || e.code === 'forbidden') throw e;
      const errors = fieldErrors(e);
      return show(req, reply, id, errors.target ? { linkRefusal: { chosen, error: errors.target, kind } } : { errors }, e.status);
    }
    return reply.redirect(`/problems/${encodeURIComponent(id)}?linked=${changed ? 1 : 0}${kind === 'request' ? '&kind=request' : ''}#linked`, 303);
  });

  app.post('/problems/:id/links/remove', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const f = (req.body ?? {}) as Form;
    const kind = f.kind === 'request' ? 'request' : 'dataset';
    try {
      await unlinkFromProblem(deps, await actorOf(deps, req), id, { kind, target: f.target ?? '' });
    } catch (e) {
      if (!fixable(e) || e.code === 'forbidden') throw e;
      return show(req, reply, id, { errors: fieldErrors(e) }, e.status);
    }
    return reply.redirect(`/problems/${encodeURIComponent(id)}?unlinked=1${kind === 'request' ? '&kind=request' : ''}#linked`, 303);
  });

  app.post('/problems/:id/status', async (req, reply) => {
    const { id } = idParams.parse(req.params);
    const f = (req.body ?? {}) as Form;
    const values = { status: f.status ?? '', reason: f.reason ?? '' };
    try {
      await changeProblemStatus(deps, await actorOf(deps, req), id, values);
    } catch (e) {
      if (!fixable(e) || e.code === 'forbidden') throw e;
      return show(req, reply, id, { values, errors: fieldErrors(e) }, e.status);
    }
    return reply.redirect(`/problems/${encodeURIComponent(id)}?moved=1`, 303);
  });
}

export const problemsArea: PageArea = { name: 'problems', routes: problemRoutes };
