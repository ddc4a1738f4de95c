import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { getEvent, listEvents } from '../../../actions/program/read-events.ts';
import { getStatement, listStatements } from '../../../actions/program/read-statements.ts';
import { cancelRegistration, followEvent, listRegistrants, markAttendance, registerForEvent } from '../../../actions/program/registration.ts';
import { createEvent, updateEvent } from '../../../actions/program/save-event.ts';
import { writeStatement } from '../../../actions/program/write-statement.ts';
import { attendanceFields, eventFields, statementFields } from '../../../domain/program/events.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { eventDetailSchema, eventSchema, eventUrl, presentEvent, presentEventDetail, presentRegistrant, presentStatement, presentStatementDetail, registrantSchema, registrationSchema, statementDetailSchema, statementSchema, statementUrl } from './present.ts';

const idParams = z.object({ id: z.string().min(1).max(200) });
const notFound = { description: 'No such event.' };
const bad = { description: 'validation_failed: one entry per field in `details.fields`.' };
const staffOnly = { description: 'Not program staff (site administrators, moderators, editors) with a confirmed email address.' };
const timesNote = '`starts` and `ends` are UTC instants (`2026-10-17T14:00:00Z`) or a local date and time (`2026-10-17T10:00`) read in the site’s `time_zone`. `problems` lists problem ids; `capacity` is a whole number or empty for no limit.';

/** Scope-a-thons and the problem statements they write. */
export function eventRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;
  const tag = 'Events';

  route(app, registry, {
    method: 'GET', path: '/api/v1/events', operationId: 'listEvents', tag, access: 'public',
    summary: 'Scope-a-thons to come or past',
    query: z.object({ when: z.enum(['upcoming', 'past'], { message: 'is upcoming or past' }).default('upcoming') }),
    responses: { 200: { description: 'Upcoming soonest first; past latest first.', schema: z.object({ results: z.array(eventSchema) }) } },
  }, async ({ query }) => ({ results: (await listEvents(deps, query.when)).map(presentEvent) }));

  route(app, registry, {
    method: 'POST', path: '/api/v1/events', operationId: 'createEvent', tag, access: 'signed-in',
    summary: 'Schedule a scope-a-thon (program staff)', description: timesNote,
    body: eventFields, bodyCheckedBy: 'action',
    responses: { 201: { description: 'The event.', schema: eventSchema }, 400: bad, 403: staffOnly },
  }, async ({ req, reply }) => {
    const e = await createEvent(deps, await actorOf(deps, req), req.body);
    reply.status(201).header('Location', eventUrl(e.slug));
    return presentEvent(e);
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/events/{id}', operationId: 'getEvent', tag, access: 'public',
    summary: 'One event (by id or slug), with its problems, statements and the caller’s registration',
    params: idParams,
    responses: { 200: { description: 'The event.', schema: eventDetailSchema }, 404: notFound },
  }, async ({ req, params }) => presentEventDetail(await getEvent(deps, await actorOf(deps, req), params.id)));

  route(app, registry, {
    method: 'PUT', path: '/api/v1/events/{id}', operationId: 'updateEvent', tag, access: 'signed-in',
    summary: 'Change an event (program staff)', description: `Every field is replaced; \`notes\` left out stay; \`cancelled: true\` cancels it. ${timesNote}`,
    params: idParams, body: eventFields, bodyCheckedBy: 'action',
    responses: { 200: { description: 'The event.', schema: eventSchema }, 400: bad, 403: staffOnly, 404: notFound },
  }, async ({ req, params }) => presentEvent(await updateEvent(deps, await actorOf(deps, req), params.id, req.body)));

  route(app, registry, {
    method: 'POST', path: '/api/v1/events/{id}/registration', operationId: 'registerForEvent', tag, access: 'signed-in',
    summary: 'Register for an event', description: 'Needs a confirmed email address. A place while the capacity lasts, then the waiting list (`waiting`). Registering again changes nothing. The person follows the event.',
    params: idParams,
    responses: { 200: { description: 'The place held.', schema: registrationSchema }, 403: { description: 'No confirmed email address.' }, 404: notFound, 409: { description: 'The event is cancelled or over.' } },
  }, async ({ req, params }) => {
    const r = await registerForEvent(deps, await actorOf(deps, req), params.id);
    return { event_id: r.event.id, state: r.state };
  });

  route(app, registry, {
    method: 'DELETE', path: '/api/v1/events/{id}/registration', operationId: 'cancelRegistration', tag, access: 'signed-in',
    summary: 'Cancel a registration', description: 'A place freed goes to the first person waiting, who is told by email.',
    params: idParams,
    responses: { 200: { description: 'Cancelled.', schema: registrationSchema }, 404: notFound },
  }, async ({ req, params }) => {
    const r = await cancelRegistration(deps, await actorOf(deps, req), params.id);
    return { event_id: r.event.id, state: r.state };
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/events/{id}/follow', operationId: 'followEvent', tag, access: 'signed-in',
    summary: 'Follow an event by email digest', params: idParams,
    responses: { 200: { description: 'Followed (following twice is following).', schema: eventSchema }, 404: notFound },
  }, async ({ req, params }) => presentEvent(await followEvent(deps, await actorOf(deps, req), params.id)));

  route(app, registry, {
    method: 'GET', path: '/api/v1/events/{id}/registrants', operationId: 'listRegistrants', tag, access: 'signed-in',
    summary: 'Who registered and attended (program staff)', params: idParams,
    responses: { 200: { description: 'In the order they registered.', schema: z.object({ results: z.array(registrantSchema) }) }, 403: staffOnly, 404: notFound },
  }, async ({ req, params }) => ({ results: (await listRegistrants(deps, await actorOf(deps, req), params.id)).map(presentRegistrant) }));

  route(app, registry, {
    method: 'PUT', path: '/api/v1/events/{id}/attendance', operationId: 'markAttendance', tag, access: 'signed-in',
    summary: 'Mark who attended (program staff)', description: '`attended` lists the user ids of the registrants who came; the others are marked absent.',
    params: idParams, body: attendanceFields, bodyCheckedBy: 'action',
    responses: { 200: { description: 'The registrants.', schema: z.object({ results: z.array(registrantSchema) }) }, 400: bad, 403: staffOnly, 404: notFound },
  }, async ({ req, params }) => ({ results: (await markAttendance(deps, await actorOf(deps, req), params.id, req.body)).map(presentRegistrant) }));

  route(app, registry, {
    method: 'GET', path: '/api/v1/statements', operationId: 'listStatements', tag, access: 'public',
    summary: 'Problem statements, newest first',
    query: z.object({ event: z.string().trim().max(200).optional().describe('An event’s id or slug'), problem: z.string().trim().max(200).optional().describe('A problem’s id'), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(100_000).default(0) }),
    responses: { 200: { description: 'A page of statements and the total.', schema: z.object({ total: z.number(), results: z.array(statementSchema) }) } },
  }, async ({ query }) => {
    const page = await listStatements(deps, { ...(query.event ? { event: query.event } : {}), ...(query.problem ? { problem: query.problem } : {}), limit: query.limit, offset: query.offset });
    return { total: page.total, results: page.results.map(presentStatement) };
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/statements', operationId: 'writeStatement', tag, access: 'signed-in',
    summary: 'Write a problem statement (program staff)', description: '`problems` (ids, at least one) move to `scoped`; `datasets` are slugs of published datasets; `event` (id or slug) when an event wrote it.',
    body: statementFields, bodyCheckedBy: 'action',
    responses: { 201: { description: 'The statement.', schema: statementSchema }, 400: bad, 403: staffOnly },
  }, async ({ req, reply }) => {
    const s = await writeStatement(deps, await actorOf(deps, req), req.body);
    reply.status(201).header('Location', statementUrl(s.id));
    return presentStatement(s);
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/statements/{id}', operationId: 'getStatement', tag, access: 'public',
    summary: 'One problem statement, with its problems, datasets and event', params: idParams,
    responses: { 200: { description: 'The statement.', schema: statementDetailSchema }, 404: { description: 'No such statement.' } },
  }, async ({ req, params }) => presentStatementDetail(await getStatement(deps, await actorOf(deps, req), params.id)));
}
