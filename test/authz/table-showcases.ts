import { approveShowcase } from '../../src/actions/showcases/approve-showcase.ts';
import { submitShowcase } from '../../src/actions/showcases/submit-showcase.ts';
import { fresh, type Table } from './table.ts';
import type { World } from './world.ts';

/**
 * Showcases. Anyone reads approved ones; submitting needs an account (a
 * token: the write scope); approving, rejecting and the queue need a
 * moderator (or the site administrator). A pending showcase is not found for
 * anyone but its author (here the site administrator) and moderators. Every
 * case also names a resident and a moderator.
 */

const body = (w: World) => ({ title: `Matrix showcase ${fresh()}`, kind: 'app', description: 'Shows the data on a phone.', link: 'https://example.org/app', madeBy: 'A group', datasets: [w.shared.restricted] });

/** A new showcase submitted by the site's first administrator, approved when asked. */
async function showcase(w: World, opts: { approved?: boolean } = {}): Promise<string> {
  const s = await submitShowcase(w.t.deps, w.t.admin, body(w));
  if (opts.approved) await approveShowcase(w.t.deps, w.t.admin, s.id);
  return s.id;
}

const everyone = { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200, resident: 200, moderator: 200 };
/** What a moderator's move on a pending showcase gets: only moderators may; others do not see it. */
const moderatorsOnPending = (ok: number) => ({ anonymous: 401, viewer: 404, editor: 404, orgAdmin: 404, otherEditor: 404, siteAdmin: ok, tokenRead: 404, tokenWrite: 404, tokenAdmin: 404, resident: 404, moderator: ok });

export const showcaseTable: Table = {
  'GET /api/v1/showcases': [{ name: 'the gallery', request: () => ({ url: '/api/v1/showcases?kind=app' }), expect: everyone }],

  'POST /api/v1/showcases': [
    {
      name: 'a new showcase',
      request: (w) => ({ url: '/api/v1/showcases', json: body(w) }),
      expect: { anonymous: 401, viewer: 201, editor: 201, orgAdmin: 201, otherEditor: 201, siteAdmin: 201, tokenRead: 403, tokenWrite: 201, tokenAdmin: 201, resident: 201, moderator: 201 },
    },
  ],

  'GET /api/v1/showcases/pending': [
    {
      name: 'the review queue',
      request: () => ({ url: '/api/v1/showcases/pending' }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 403, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 403, tokenAdmin: 403, resident: 403, moderator: 200 },
    },
  ],

  'GET /api/v1/showcases/{id}': [
    { name: 'an approved showcase', request: async (w) => ({ url: `/api/v1/showcases/${await showcase(w, { approved: true })}` }), expect: everyone },
    {
      name: 'a pending showcase',
      request: async (w) => ({ url: `/api/v1/showcases/${await showcase(w)}` }),
      expect: { ...moderatorsOnPending(200), anonymous: 404 },
    },
  ],

  'POST /api/v1/showcases/{id}/approve': [
    { name: 'a pending showcase', request: async (w) => ({ url: `/api/v1/showcases/${await showcase(w)}/approve` }), expect: moderatorsOnPending(200) },
  ],

  'POST /api/v1/showcases/{id}/reject': [
    { name: 'a pending showcase, with a reason', request: async (w) => ({ url: `/api/v1/showcases/${await showcase(w)}/reject`, json: { reason: 'Not built with this data.' } }), expect: moderatorsOnPending(200) },
  ],
};
