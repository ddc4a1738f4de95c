import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { publicDatasetChoices } from '../../../actions/showcases/read-showcases.ts';
import { siteZone } from '../../../actions/program/event-access.ts';
import { findEvent, getEvent, listEvents, problemChoices } from '../../../actions/program/read-events.ts';
import { getStatement, listStatements } from '../../../actions/program/read-statements.ts';
import { cancelRegistration, followEvent, markAttendance, registerForEvent } from '../../../actions/program/registration.ts';
import { createEvent, updateEvent } from '../../../actions/program/save-event.ts';
import { writeStatement } from '../../../actions/program/write-statement.ts';
import { itemActivityFeed } from '../../../actions/notify/feeds.ts';
import { renderAtomFeed } from '../../../domain/notify/atom.ts';
import { AppError } from '../../../domain/errors.ts';
import { ATOM_TYPE } from '../../feeds/routes.ts';
import { instantToLocal } from '../../../domain/i18n/time-zone.ts';
import { toIcs } from '../../../domain/program/ical.ts';
import { eventMarkdown } from '../../../domain/program/markdown.ts';
import { canRunProgram } from '../../../domain/program/policy.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import type { PageArea } from '../area.ts';
import { itemFollowState } from '../community/follow-routes.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { pageContext } from '../components/page-context.ts';
import type { SafeHtml } from '../html.ts';
import { eventPage } from './event.tsx';
import { eventFormPage } from './form.tsx';
import { eventListPage } from './list.tsx';
import { statementFormPage, statementListPage, statementPage } from './statements.tsx';
import { summaryPage } from './summary.tsx';
import { eventPath } from './when.tsx';

const slugParams = z.object({ slug: z.string().min(1).max(220) });
type Form = Record<string, string | string[]>;

/** A refusal's messages by form field. */
function fieldErrors(e: AppError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const x of (e.details?.fields ?? []) as Array<{ field: string; message: string }>) errors[x.field.split('.')[0] || 'form'] ??= x.message;
  if (!Object.keys(errors).length) errors.form = e.message;
  return errors;
}

const fixable = (e: unknown): e is AppError => e instanceof AppError && e.status < 500 && e.code !== 'unauthorized' && e.code !== 'not_found' && e.code !== 'forbidden';
const formOf = (req: FastifyRequest): Form => {
  const out: Form = {};
  for (const [k, v] of Object.entries((req.body ?? {}) as Record<string, unknown>)) if (k !== '_csrf' && (typeof v === 'string' || Array.isArray(v))) out[k] = v as string | string[];
  return out;
};

/** The scope-a-thons' pages: the list, each event with its exports, the event and statement forms, and the statements. */
function eventPageRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const send = (reply: FastifyReply, body: SafeHtml, status = 200) => reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body.value);
  const notFound = async (req: FastifyRequest, reply: FastifyReply) => {
    const pc = await pageContext(ctx, req, await actorOf(deps, req));
    return send(reply, errorPage(pc, pc.t.t('events.notFound'), pc.t.t('events.notFoundText')), 404);
  };

  app.get('/events', async (req, reply) => {
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    return send(reply, eventListPage(pc, { upcoming: await listEvents(deps, 'upcoming'), past: await listEvents(deps, 'past'), zone: await siteZone(deps), mayRun: canRunProgram(p) }));
  });

  app.get('/events.ics', async (_req, reply) => {
    const body = toIcs(await listEvents(deps, 'upcoming'), { baseUrl: ctx.baseUrl, name: deps.site.name, now: deps.clock.now() });
    return reply.header('Content-Type', 'text/calendar; charset=utf-8').header('Content-Disposition', 'inline; filename="events.ics"').send(body);
  });

  /** The form, for staff with a session; others are sent to sign in or told it is not for them. */
  async function showForm(req: FastifyRequest, reply: FastifyReply, editing: string | undefined, values: Form, errors: Record<string, string> = {}, status = 200) {
    const { principal, session } = await identityOf(deps, req);
    if (principal.kind !== 'user' || !session) return reply.redirect(`/sign-in?next=${encodeURIComponent(req.url)}`, 303);
    const pc = await pageContext(ctx, req, principal);
    if (!canRunProgram(principal)) return send(reply, errorPage(pc, pc.t.t('events.staffOnly'), pc.t.t('events.staffOnlyText')), 403);
    return send(reply, eventFormPage(pc, { csrf: session.csrfToken, editing, problems: await problemChoices(deps, principal), zone: await siteZone(deps), values, errors }), status);
  }

  app.get('/feeds/events/:slug.atom', async (req, reply) => {
    const feed = await itemActivityFeed(deps, ctx.baseUrl, 'event', slugParams.parse(req.params).slug);
    return reply.header('Content-Type', ATOM_TYPE).header('Cache-Control', 'public, max-age=300').send(renderAtomFeed(feed));
  });

  app.get('/events/new', (req, reply) => showForm(req, reply, undefined, {}));

  app.post('/events', async (req, reply) => {
    const values = formOf(req);
    try {
      const e = await createEvent(deps, await actorOf(deps, req), values);
      return reply.redirect(`${eventPath(e)}?saved=1`, 303);
    } catch (e) {
      if (!fixable(e)) throw e;
      return showForm(req, reply, undefined, values, fieldErrors(e), e.status);
    }
  });

  /** `/events/{slug}`, or its Markdown (`.md`) or iCalendar (`.ics`) export; `refused` is a form's refusal shown on the page. */
  async function showEvent(req: FastifyRequest, reply: FastifyReply, slug: string, refused?: AppError) {
    const kind = slug.endsWith('.ics') ? 'ics' : slug.endsWith('.md') ? 'md' : 'page';
    const key = kind === 'ics' ? slug.slice(0, -4) : kind === 'md' ? slug.slice(0, -3) : slug;
    const { principal, session } = await identityOf(deps, req);
    let d;
    try {
      d = await getEvent(deps, principal, key);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return notFound(req, reply);
      throw e;
    }
    if (kind === 'ics') return reply.header('Content-Type', 'text/calendar; charset=utf-8').header('Content-Disposition', `inline; filename="${d.event.slug}.ics"`).send(toIcs([d.event], { baseUrl: ctx.baseUrl, name: d.event.title, now: deps.clock.now() }));
    const pc = await pageContext(ctx, req, principal);
    if (kind === 'md') {
      const md = eventMarkdown({ ...d, baseUrl: ctx.baseUrl }, pc.t);
      return reply.header('Content-Type', 'text/markdown; charset=utf-8').header('Content-Disposition', `inline; filename="${d.event.slug}.md"`).send(md);
    }
    const q = refused ? {} : ((req.query ?? {}) as Record<string, string | undefined>);
    const notice = q.saved === '1' ? pc.t.t('events.savedNotice') : q.registered === '1' ? pc.t.t('events.registeredNotice') : q.cancelled === '1' ? pc.t.t('events.cancelledRegistrationNotice') : q.attendance === '1' ? pc.t.t('events.attendanceNotice') : q.followed === '1' ? pc.t.t('community.followed') : undefined;
    const follow = await itemFollowState(ctx, req, principal, 'event', d.event.id);
    return send(reply, eventPage(pc, d, { csrf: session?.csrfToken, signedIn: principal.kind === 'user', follow, notice, error: refused?.message }), refused?.status ?? 200);
  }
  app.get('/events/:slug', async (req, reply) => showEvent(req, reply, slugParams.parse(req.params).slug));

  app.get('/events/:slug/summary', async (req, reply) => {
    const { principal } = await identityOf(deps, req);
    try {
      const d = await getEvent(deps, principal, slugParams.parse(req.params).slug);
      return send(reply, summaryPage(await pageContext(ctx, req, principal), d));
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return notFound(req, reply);
      throw e;
    }
  });

  app.get('/events/:slug/edit', async (req, reply) => {
    const { principal } = await identityOf(deps, req);
    const d = await getEvent(deps, principal, slugParams.parse(req.params).slug).catch(() => undefined);
    if (!d) return notFound(req, reply);
    const e = d.event;
    const values: Form = { title: e.title, starts: instantToLocal(e.startsAt, d.timeZone), ends: instantToLocal(e.endsAt, d.timeZone), place: e.place, link: e.link, capacity: e.capacity === null ? '' : String(e.capacity), description: e.description, agenda: e.agenda, notes: e.notes, problems: e.problemIds, ...(e.state === 'cancelled' ? { cancelled: 'on' } : {}) };
    return showForm(req, reply, eventPath(e), values);
  });

  app.post('/events/:slug', async (req, reply) => {
    const { slug } = slugParams.parse(req.params);
    const values = formOf(req);
    try {
      const e = await updateEvent(deps, await actorOf(deps, req), slug, { ...values, notes: values.notes ?? '', cancelled: values.cancelled === 'on' });
      return reply.redirect(`${eventPath(e)}?saved=1`, 303);
    } catch (e) {
      if (!fixable(e)) throw e;
      return showForm(req, reply, `/events/${encodeURIComponent(slug)}`, values, fieldErrors(e), e.status);
    }
  });

  /** A registration form's post: done, or back to the page with the message. */
  const act = (path: string, run: (slug: string, req: FastifyRequest) => Promise<unknown>, done: string) =>
    app.post(`/events/:slug/${path}`, async (req, reply) => {
      const { slug } = slugParams.parse(req.params);
      const p = await actorOf(deps, req);
      if (p.kind !== 'user') return reply.redirect(`/sign-in?next=${encodeURIComponent(`/events/${slug}`)}`, 303);
      try {
        await run(slug, req);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500 || e.code === 'not_found') throw e;
        // The refusal is shown on the event page itself: a message never travels in the address, where a link could put any text.
        return showEvent(req, reply, slug, e);
      }
      return reply.redirect(`/events/${encodeURIComponent(slug)}?${done}=1#${path === 'follow' ? 'follow' : path === 'attendance' ? 'attendance' : 'registration'}`, 303);
    });
  act('register', async (slug, req) => registerForEvent(deps, await actorOf(deps, req), slug), 'registered');
  act('cancel', async (slug, req) => cancelRegistration(deps, await actorOf(deps, req), slug), 'cancelled');
  act('follow', async (slug, req) => followEvent(deps, await actorOf(deps, req), slug), 'followed');
  act('attendance', async (slug, req) => markAttendance(deps, await actorOf(deps, req), slug, formOf(req)), 'attendance');

  app.get('/statements', async (req, reply) => {
    const p = await actorOf(deps, req);
    return send(reply, statementListPage(await pageContext(ctx, req, p), (await listStatements(deps, { limit: 200 })).results, canRunProgram(p)));
  });

  async function showStatementForm(req: FastifyRequest, reply: FastifyReply, values: Form, errors: Record<string, string> = {}, status = 200) {
    const { principal, session } = await identityOf(deps, req);
    if (principal.kind !== 'user' || !session) return reply.redirect(`/sign-in?next=${encodeURIComponent(req.url)}`, 303);
    const pc = await pageContext(ctx, req, principal);
    if (!canRunProgram(principal)) return send(reply, errorPage(pc, pc.t.t('events.staffOnly'), pc.t.t('events.staffOnlyText')), 403);
    const eventKey = typeof values.event === 'string' ? values.event : undefined;
    const event = eventKey ? await findEvent(deps, eventKey) : null;
    const problems = await problemChoices(deps, principal);
    // From an event, its problems come first and are ticked to begin with.
    const ordered = event ? [...problems.filter((p) => event.problemIds.includes(p.id)), ...problems.filter((p) => !event.problemIds.includes(p.id))] : problems;
    const start = event && values.problems === undefined && !Object.keys(errors).length ? { ...values, problems: event.problemIds } : values;
    return send(reply, statementFormPage(pc, { csrf: session.csrfToken, event, problems: ordered, datasets: await publicDatasetChoices(deps), values: start, errors }), status);
  }

  app.get('/statements/new', async (req, reply) => {
    const q = (req.query ?? {}) as Record<string, string | undefined>;
    return showStatementForm(req, reply, q.event ? { event: q.event } : {});
  });

  app.post('/statements', async (req, reply) => {
    const values = formOf(req);
    try {
      const s = await writeStatement(deps, await actorOf(deps, req), values);
      return reply.redirect(`/statements/${encodeURIComponent(s.id)}?written=1`, 303);
    } catch (e) {
      if (!fixable(e)) throw e;
      return showStatementForm(req, reply, values, fieldErrors(e), e.status);
    }
  });

  app.get('/statements/:slug', async (req, reply) => {
    const { principal } = await identityOf(deps, req);
    const pc = await pageContext(ctx, req, principal);
    try {
      const d = await getStatement(deps, principal, slugParams.parse(req.params).slug);
      const q = (req.query ?? {}) as Record<string, string | undefined>;
      return send(reply, statementPage(pc, d, q.written === '1' ? pc.t.t('statements.writtenNotice') : undefined));
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return send(reply, errorPage(pc, pc.t.t('statements.notFound'), pc.t.t('events.notFoundText')), 404);
      throw e;
    }
  });
}

export const eventsArea: PageArea = { name: 'events', routes: eventPageRoutes };
