import { postProblem } from '../../src/actions/community/post-problem.ts';
import { principalFor } from '../../src/actions/auth/principal.ts';
import { createEvent } from '../../src/actions/program/save-event.ts';
import { writeStatement } from '../../src/actions/program/write-statement.ts';
import { TOKEN_SCOPES } from '../../src/domain/accounts/types.ts';
import { fresh, type Table } from './table.ts';
import type { World } from './world.ts';

/**
 * Scope-a-thons and problem statements. Anyone reads events and statements;
 * registering, cancelling and following need an account (a confirmed email
 * address to register, the write scope through a token); scheduling,
 * changing, attendance and statements need the program staff (site
 * administrators, moderators, editors of any organization) with the write
 * scope; the registrants are read by staff with the read scope.
 */

/** The A editor's principal: program staff, who sets up each case's event and problem. */
async function staff(w: World) {
  return principalFor(w.t.deps, w.userOf.editor, 'session', [...TOKEN_SCOPES], null);
}

async function problem(w: World): Promise<string> {
  const p = await principalFor(w.t.deps, w.userOf.moderator, 'session', [...TOKEN_SCOPES], null);
  return (await postProblem(w.t.deps, p, { title: `Matrix problem ${fresh()}`, description: 'The light has been out for a month now.', affected: '', category: 'safety', place: { kind: 'citywide' } })).id;
}

const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const eventBody = async (w: World) => ({ title: `Matrix event ${fresh()}`, starts: later(10), ends: later(10.1), problems: [await problem(w)] });

/** A new upcoming event with no limit on places; its slug. */
async function event(w: World): Promise<string> {
  return (await createEvent(w.t.deps, await staff(w), await eventBody(w))).slug;
}

const everyone = { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200, resident: 200, moderator: 200 };
/** Program staff with the write scope (the tokens are the A admin's; a read-only token lacks it). */
const staffWrites = (ok: number) => ({ anonymous: 401, viewer: 403, editor: ok, orgAdmin: ok, otherEditor: ok, siteAdmin: ok, tokenRead: 403, tokenWrite: ok, tokenAdmin: ok, resident: 403, moderator: ok });
/** Anyone signed in with the write scope. */
const people = (ok: number) => ({ anonymous: 401, viewer: ok, editor: ok, orgAdmin: ok, otherEditor: ok, siteAdmin: ok, tokenRead: 403, tokenWrite: ok, tokenAdmin: ok, resident: ok, moderator: ok });

export const eventTable: Table = {
  'GET /api/v1/events': [{ name: 'the upcoming events', request: () => ({ url: '/api/v1/events?when=upcoming' }), expect: everyone }],
  'POST /api/v1/events': [{ name: 'a new event', request: async (w) => ({ url: '/api/v1/events', json: await eventBody(w) }), expect: staffWrites(201) }],
  'GET /api/v1/events/{id}': [{ name: 'an event', request: async (w) => ({ url: `/api/v1/events/${await event(w)}` }), expect: everyone }],
  'PUT /api/v1/events/{id}': [{ name: 'an event changed', request: async (w) => ({ url: `/api/v1/events/${await event(w)}`, json: await eventBody(w) }), expect: staffWrites(200) }],
  'POST /api/v1/events/{id}/registration': [{ name: 'registering', request: async (w) => ({ url: `/api/v1/events/${await event(w)}/registration` }), expect: people(200) }],
  'DELETE /api/v1/events/{id}/registration': [{ name: 'cancelling', request: async (w) => ({ url: `/api/v1/events/${await event(w)}/registration` }), expect: people(200) }],
  'POST /api/v1/events/{id}/follow': [{ name: 'following', request: async (w) => ({ url: `/api/v1/events/${await event(w)}/follow` }), expect: people(200) }],
  'GET /api/v1/events/{id}/registrants': [
    {
      name: 'who registered',
      request: async (w) => ({ url: `/api/v1/events/${await event(w)}/registrants` }),
      expect: { anonymous: 401, viewer: 403, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200, resident: 403, moderator: 200 },
    },
  ],
  'PUT /api/v1/events/{id}/attendance': [{ name: 'marking attendance', request: async (w) => ({ url: `/api/v1/events/${await event(w)}/attendance`, json: { attended: [] } }), expect: staffWrites(200) }],
  'GET /api/v1/statements': [{ name: 'the statements', request: () => ({ url: '/api/v1/statements' }), expect: everyone }],
  'POST /api/v1/statements': [
    {
      name: 'a new statement',
      request: async (w) => ({ url: '/api/v1/statements', json: { title: `Matrix statement ${fresh()}`, affected: 'People walking home', need: 'Light', measure: 'Fewer outages', problems: [await problem(w)] } }),
      expect: staffWrites(201),
    },
  ],
  'GET /api/v1/statements/{id}': [
    {
      name: 'a statement',
      request: async (w) => ({ url: `/api/v1/statements/${(await writeStatement(w.t.deps, await staff(w), { title: `Matrix statement ${fresh()}`, affected: 'People walking home', need: 'Light', measure: 'Fewer outages', problems: [await problem(w)] })).id}` }),
      expect: everyone,
    },
    { name: 'a missing statement', request: () => ({ url: '/api/v1/statements/no-such-statement' }), expect: { ...everyone, anonymous: 404, viewer: 404, editor: 404, orgAdmin: 404, otherEditor: 404, siteAdmin: 404, tokenRead: 404, tokenWrite: 404, tokenAdmin: 404, resident: 404, moderator: 404 } },
  ],
};
