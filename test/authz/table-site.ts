import type { Table } from './table.ts';

/**
 * The portal's settings: anyone reads them; only site administrators change
 * them (through a session or an admin-scoped token). Each change sets the
 * same name, so the rows can run in any order.
 */
export const siteTable: Table = {
  'GET /api/v1/site': [
    {
      name: 'the settings',
      request: () => ({ url: '/api/v1/site' }),
      expect: { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'PATCH /api/v1/site': [
    {
      name: 'rename the portal',
      request: () => ({ url: '/api/v1/site', json: { name: 'Matrix City Open Data' } }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 403, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 403, tokenAdmin: 403 },
    },
  ],
};
