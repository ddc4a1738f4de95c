import { fresh, type Table } from './table.ts';

/**
 * Organizations and their members (docs/accounts.md), the health checks and
 * the OpenAPI document.
 * Anyone reads organizations; members of any role read the member list;
 * changing the organization or its members is for its admins with the admin
 * scope, and creating organizations for site administrators.
 */
export const organizationTable: Table = {
  'GET /healthz': [
    {
      name: 'liveness',
      request: () => ({ url: '/healthz' }),
      expect: { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'GET /readyz': [
    {
      name: 'readiness',
      request: () => ({ url: '/readyz' }),
      expect: { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'GET /api/v1/openapi.json': [
    {
      name: 'the OpenAPI document',
      request: () => ({ url: '/api/v1/openapi.json' }),
      expect: { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'GET /api/v1/organizations': [
    {
      name: 'every organization',
      request: () => ({ url: '/api/v1/organizations' }),
      expect: { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'POST /api/v1/organizations': [
    {
      name: 'a new organization',
      request: () => ({ url: '/api/v1/organizations', json: { name: `Matrix department ${fresh()}` } }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 403, otherEditor: 403, siteAdmin: 201, tokenRead: 403, tokenWrite: 403, tokenAdmin: 403 },
    },
  ],

  'GET /api/v1/organizations/{id}': [
    {
      name: 'organization A',
      request: (w) => ({ url: `/api/v1/organizations/${w.orgA.slug}` }),
      expect: { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'PATCH /api/v1/organizations/{id}': [
    {
      // Organization A is the one the people have roles in, so it is changed in place, to the same description each time.
      name: 'describe organization A',
      request: (w) => ({ url: `/api/v1/organizations/${w.orgA.slug}`, json: { description: 'Parks, trees and benches.' } }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 200, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 403, tokenAdmin: 200 },
    },
  ],

  'GET /api/v1/organizations/{id}/members': [
    {
      name: 'the members of A',
      request: (w) => ({ url: `/api/v1/organizations/${w.orgA.slug}/members` }),
      expect: { anonymous: 401, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 403, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'PUT /api/v1/organizations/{id}/members': [
    {
      name: 'add a new account to A as a viewer',
      request: async (w) => ({ url: `/api/v1/organizations/${w.orgA.slug}/members`, json: { email: (await w.user()).email, role: 'viewer' } }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 200, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 403, tokenAdmin: 200 },
    },
    {
      // Nobody raises themselves: A's admin already is one (no change), the site administrator may anyway.
      name: 'make yourself an admin of A',
      request: (w, actor) => ({ url: `/api/v1/organizations/${w.orgA.slug}/members`, json: { email: w.userOf[actor].email, role: 'admin' } }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 200, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 403, tokenAdmin: 200 },
    },
  ],

  'DELETE /api/v1/organizations/{id}/members/{userId}': [
    {
      name: 'remove a viewer of A',
      request: async (w) => {
        const user = await w.user();
        await w.t.deps.catalog.accounts.putMembership({ organizationId: w.orgA.id, userId: user.id, role: 'viewer', createdAt: new Date().toISOString() });
        return { url: `/api/v1/organizations/${w.orgA.slug}/members/${user.id}` };
      },
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 204, otherEditor: 403, siteAdmin: 204, tokenRead: 403, tokenWrite: 403, tokenAdmin: 204 },
    },
  ],
};
