import { postProblem } from '../../src/actions/community/post-problem.ts';
import { linkDataset } from '../../src/actions/community/link-problem.ts';
import { fresh, type Table } from './table.ts';
import type { World } from './world.ts';

/**
 * The problem inventory (ADR 30). Anyone reads shown problems; posting,
 * voting and comments need an account (a token: the write scope); triage
 * needs a moderator (or the site administrator), or an editor of the
 * organization the problem is assigned to; merging needs a moderator. A
 * hidden problem is not found for anyone who may not see it. Every case also
 * names a resident (an account with no role) and a moderator.
 */

const body = () => ({ title: `Matrix problem ${fresh()}`, description: 'Water pools at the corner after every rain.', category: 'environment', place: { kind: 'citywide' } });

/** A new problem posted by the site's first administrator, optionally assigned to A and hidden. */
async function problem(w: World, opts: { assigned?: boolean; hidden?: boolean } = {}): Promise<string> {
  const p = await postProblem(w.t.deps, w.t.admin, body());
  if (opts.assigned || opts.hidden) await w.t.deps.catalog.problems.updateProblem(p.id, { ...(opts.assigned ? { organizationId: w.orgA.id } : {}), ...(opts.hidden ? { hidden: true } : {}) });
  return p.id;
}

export const problemTable: Table = {
  'GET /api/v1/problems': [
    {
      name: 'the list',
      request: () => ({ url: '/api/v1/problems?sort=trending' }),
      expect: { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200, resident: 200, moderator: 200 },
    },
  ],

  'POST /api/v1/problems': [
    {
      name: 'a new problem',
      request: () => ({ url: '/api/v1/problems', json: body() }),
      expect: { anonymous: 401, viewer: 201, editor: 201, orgAdmin: 201, otherEditor: 201, siteAdmin: 201, tokenRead: 403, tokenWrite: 201, tokenAdmin: 201, resident: 201, moderator: 201 },
    },
  ],

  'GET /api/v1/problems/{id}': [
    {
      name: 'a shown problem',
      request: async (w) => ({ url: `/api/v1/problems/${await problem(w)}` }),
      expect: { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200, resident: 200, moderator: 200 },
    },
    {
      name: 'a hidden problem assigned to no one',
      request: async (w) => ({ url: `/api/v1/problems/${await problem(w, { hidden: true })}` }),
      expect: { anonymous: 404, viewer: 404, editor: 404, orgAdmin: 404, otherEditor: 404, siteAdmin: 200, tokenRead: 404, tokenWrite: 404, tokenAdmin: 404, resident: 404, moderator: 200 },
    },
    {
      name: 'a hidden problem assigned to A',
      request: async (w) => ({ url: `/api/v1/problems/${await problem(w, { hidden: true, assigned: true })}` }),
      expect: { anonymous: 404, viewer: 404, editor: 200, orgAdmin: 200, otherEditor: 404, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200, resident: 404, moderator: 200 },
    },
  ],

  'PUT /api/v1/problems/{id}/vote': [
    {
      name: 'a shown problem',
      request: async (w) => ({ url: `/api/v1/problems/${await problem(w)}/vote` }),
      expect: { anonymous: 401, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 403, tokenWrite: 200, tokenAdmin: 200, resident: 200, moderator: 200 },
    },
  ],

  'DELETE /api/v1/problems/{id}/vote': [
    {
      name: 'a shown problem',
      request: async (w) => ({ url: `/api/v1/problems/${await problem(w)}/vote` }),
      expect: { anonymous: 401, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 403, tokenWrite: 200, tokenAdmin: 200, resident: 200, moderator: 200 },
    },
  ],

  'POST /api/v1/problems/{id}/status': [
    {
      name: 'a new problem assigned to no one, to review',
      request: async (w) => ({ url: `/api/v1/problems/${await problem(w)}/status`, json: { status: 'under_review' } }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 403, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 403, tokenAdmin: 403, resident: 403, moderator: 200 },
    },
    {
      name: 'a new problem assigned to A, to review',
      request: async (w) => ({ url: `/api/v1/problems/${await problem(w, { assigned: true })}/status`, json: { status: 'under_review' } }),
      expect: { anonymous: 401, viewer: 403, editor: 200, orgAdmin: 200, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 200, tokenAdmin: 200, resident: 403, moderator: 200 },
    },
  ],

  'POST /api/v1/problems/{id}/comments': [
    {
      name: 'a shown problem',
      request: async (w) => ({ url: `/api/v1/problems/${await problem(w)}/comments`, json: { body: 'Same here.' } }),
      expect: { anonymous: 401, viewer: 201, editor: 201, orgAdmin: 201, otherEditor: 201, siteAdmin: 201, tokenRead: 403, tokenWrite: 201, tokenAdmin: 201, resident: 201, moderator: 201 },
    },
    {
      name: 'a hidden problem assigned to A',
      request: async (w) => ({ url: `/api/v1/problems/${await problem(w, { hidden: true, assigned: true })}/comments`, json: { body: 'Same here.' } }),
      expect: { anonymous: 401, viewer: 404, editor: 409, orgAdmin: 409, otherEditor: 404, siteAdmin: 409, tokenRead: 403, tokenWrite: 409, tokenAdmin: 409, resident: 404, moderator: 409 },
    },
  ],

  'POST /api/v1/problems/{id}/merge': [
    {
      name: 'a new problem into another',
      request: async (w) => ({ url: `/api/v1/problems/${await problem(w)}/merge`, json: { into: await problem(w) } }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 403, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 403, tokenAdmin: 403, resident: 403, moderator: 200 },
    },
  ],

  'POST /api/v1/problems/{id}/assign': [
    {
      name: 'a new problem, to A',
      request: async (w) => ({ url: `/api/v1/problems/${await problem(w)}/assign`, json: { organization: w.orgA.slug } }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 403, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 403, tokenAdmin: 403, resident: 403, moderator: 200 },
    },
  ],

  'POST /api/v1/problems/{id}/visibility': [
    {
      name: 'a shown problem, hidden with a reason',
      request: async (w) => ({ url: `/api/v1/problems/${await problem(w)}/visibility`, json: { hidden: true, reason: 'Names a neighbour.' } }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 403, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 403, tokenAdmin: 403, resident: 403, moderator: 200 },
    },
  ],

  'GET /api/v1/problems/{id}/links': [
    {
      name: 'a shown problem',
      request: async (w) => ({ url: `/api/v1/problems/${await problem(w)}/links` }),
      expect: { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200, resident: 200, moderator: 200 },
    },
  ],

  'POST /api/v1/problems/{id}/links': [
    {
      name: 'a problem assigned to no one, a published dataset',
      request: async (w) => ({ url: `/api/v1/problems/${await problem(w)}/links`, json: { kind: 'dataset', target: w.shared.restricted } }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 403, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 403, tokenAdmin: 403, resident: 403, moderator: 200 },
    },
    {
      name: 'a problem assigned to A, a published dataset',
      request: async (w) => ({ url: `/api/v1/problems/${await problem(w, { assigned: true })}/links`, json: { kind: 'dataset', target: w.shared.restricted } }),
      expect: { anonymous: 401, viewer: 403, editor: 200, orgAdmin: 200, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 200, tokenAdmin: 200, resident: 403, moderator: 200 },
    },
  ],

  'DELETE /api/v1/problems/{id}/links': [
    {
      name: 'a linked dataset of a problem assigned to A',
      request: async (w) => {
        const id = await problem(w, { assigned: true });
        await linkDataset(w.t.deps, w.t.admin, id, { target: w.shared.restricted });
        return { url: `/api/v1/problems/${id}/links`, json: { kind: 'dataset', target: w.shared.restricted } };
      },
      expect: { anonymous: 401, viewer: 403, editor: 200, orgAdmin: 200, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 200, tokenAdmin: 200, resident: 403, moderator: 200 },
    },
  ],
};
