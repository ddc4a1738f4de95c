import { postRequest } from '../../src/actions/community/post-request.ts';
import { fresh, type Table } from './table.ts';
import type { World } from './world.ts';

/**
 * Dataset requests (ADR 31). Anyone reads shown requests; asking, voting and
 * comments need an account (a token: the write scope); answering needs a
 * moderator (or the site administrator) or an editor of the organization the
 * request names; fulfilling needs an editor of the dataset's organization. A
 * hidden request is not found for anyone who may not see it.
 */

const body = () => ({ title: `Matrix request ${fresh()}`, description: 'Where the city plants street trees, and when.' });

/** A new request asked by the site's first administrator, optionally naming A and hidden. */
async function request(w: World, opts: { namesA?: boolean; hidden?: boolean } = {}): Promise<string> {
  const r = await postRequest(w.t.deps, w.t.admin, { ...body(), ...(opts.namesA ? { organization: w.orgA.slug } : {}) });
  if (opts.hidden) await w.t.deps.catalog.requests.updateRequest(r.id, { hidden: true });
  return r.id;
}

const everyone = (code: number) => ({ anonymous: code, viewer: code, editor: code, orgAdmin: code, otherEditor: code, siteAdmin: code, tokenRead: code, tokenWrite: code, tokenAdmin: code, resident: code, moderator: code });
const takingPart = (code: number) => ({ ...everyone(code), anonymous: 401, tokenRead: 403 });

export const requestTable: Table = {
  'GET /api/v1/requests': [{ name: 'the list', request: () => ({ url: '/api/v1/requests?sort=newest&status=new' }), expect: everyone(200) }],

  'POST /api/v1/requests': [{ name: 'a new request', request: () => ({ url: '/api/v1/requests', json: body() }), expect: takingPart(201) }],

  'GET /api/v1/requests/{id}': [
    { name: 'a shown request', request: async (w) => ({ url: `/api/v1/requests/${await request(w)}` }), expect: everyone(200) },
    {
      name: 'a hidden request naming no one',
      request: async (w) => ({ url: `/api/v1/requests/${await request(w, { hidden: true })}` }),
      expect: { ...everyone(404), siteAdmin: 200, moderator: 200 },
    },
    {
      name: 'a hidden request naming A',
      request: async (w) => ({ url: `/api/v1/requests/${await request(w, { hidden: true, namesA: true })}` }),
      expect: { ...everyone(200), anonymous: 404, viewer: 404, otherEditor: 404, resident: 404 },
    },
  ],

  'PUT /api/v1/requests/{id}/vote': [{ name: 'a shown request', request: async (w) => ({ url: `/api/v1/requests/${await request(w)}/vote` }), expect: takingPart(200) }],

  'DELETE /api/v1/requests/{id}/vote': [{ name: 'a shown request', request: async (w) => ({ url: `/api/v1/requests/${await request(w)}/vote` }), expect: takingPart(200) }],

  'POST /api/v1/requests/{id}/comments': [
    { name: 'a shown request', request: async (w) => ({ url: `/api/v1/requests/${await request(w)}/comments`, json: { body: 'Yes please.' } }), expect: takingPart(201) },
  ],

  'POST /api/v1/requests/{id}/answer': [
    {
      name: 'a request naming no one, to review',
      request: async (w) => ({ url: `/api/v1/requests/${await request(w)}/answer`, json: { status: 'under_review' } }),
      expect: { ...everyone(403), anonymous: 401, siteAdmin: 200, moderator: 200 },
    },
    {
      name: 'a request naming A, planned',
      request: async (w) => ({ url: `/api/v1/requests/${await request(w, { namesA: true })}/answer`, json: { status: 'planned', target_date: '2030-01-31' } }),
      expect: { ...everyone(200), anonymous: 401, viewer: 403, otherEditor: 403, tokenRead: 403, resident: 403 },
    },
  ],

  'POST /api/v1/requests/{id}/fulfil': [
    {
      name: 'a request, with a published dataset of A',
      request: async (w) => ({ url: `/api/v1/requests/${await request(w)}/fulfil`, json: { dataset: await w.inStatus('published') } }),
      expect: { ...everyone(403), anonymous: 401, editor: 200, orgAdmin: 200, siteAdmin: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],
};
