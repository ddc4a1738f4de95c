import { createChampion } from '../../src/actions/champions/save-champion.ts';
import { fresh, type Table } from './table.ts';
import type { World } from './world.ts';

/**
 * Data champions. Anyone reads published profiles; an unpublished one is not
 * found for anyone but program staff reading (site administrators,
 * moderators, editors and admins of any organization; a token's write and
 * admin scopes include read)
 * and its own person. Creating needs an account with the write scope (staff
 * create anyone's, others their own); editing needs program staff with the
 * write scope, or the person. Every case also names a resident and a moderator.
 */

const body = (extra: Record<string, unknown> = {}) => ({ name: `Matrix champion ${fresh()}`, tier: 'internal', department: 'Parks', bio: 'Trains staff.', channels: [{ kind: 'email', value: 'hidden@example.org', shown: false }], published: false, ...extra });

/** A new profile made by the site's first administrator for someone else (not linked to an account), published when asked. */
async function champion(w: World, opts: { published?: boolean } = {}): Promise<string> {
  const c = await createChampion(w.t.deps, w.t.admin, body(opts.published ? { published: true, consent: 'Signed form' } : {}));
  return c.slug;
}

const everyone = { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200, resident: 200, moderator: 200 };

export const championTable: Table = {
  'GET /api/v1/champions': [{ name: 'the directory', request: () => ({ url: '/api/v1/champions?tier=internal' }), expect: everyone }],

  'POST /api/v1/champions': [
    {
      name: 'a new profile, unpublished',
      request: () => ({ url: '/api/v1/champions', json: body() }),
      expect: { anonymous: 401, viewer: 201, editor: 201, orgAdmin: 201, otherEditor: 201, siteAdmin: 201, tokenRead: 403, tokenWrite: 201, tokenAdmin: 201, resident: 201, moderator: 201 },
    },
  ],

  'GET /api/v1/champions/{slug}': [
    { name: 'a published profile', request: async (w) => ({ url: `/api/v1/champions/${await champion(w, { published: true })}` }), expect: everyone },
    {
      name: 'an unpublished profile',
      request: async (w) => ({ url: `/api/v1/champions/${await champion(w)}` }),
      expect: { anonymous: 404, viewer: 404, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200, resident: 404, moderator: 200 },
    },
  ],

  'PUT /api/v1/champions/{slug}': [
    {
      name: 'an unpublished profile',
      request: async (w) => ({ url: `/api/v1/champions/${await champion(w)}`, json: body() }),
      expect: { anonymous: 401, viewer: 404, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 403, tokenWrite: 200, tokenAdmin: 200, resident: 404, moderator: 200 },
    },
    {
      name: 'a published profile',
      request: async (w) => ({ url: `/api/v1/champions/${await champion(w, { published: true })}`, json: body({ published: true }) }),
      expect: { anonymous: 401, viewer: 403, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 403, tokenWrite: 200, tokenAdmin: 200, resident: 403, moderator: 200 },
    },
  ],
};
