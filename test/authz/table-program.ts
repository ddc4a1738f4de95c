import type { Table } from './table.ts';

/**
 * The open data program's report and dashboard. Anyone reads the report's
 * figures; the dashboard is for program staff (site administrators,
 * moderators and editors of any organization) reading with the `read`
 * scope (which the wider scopes include): a viewer and a resident are refused.
 */

const everyone = { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200, resident: 200, moderator: 200 };

export const programTable: Table = {
  'GET /api/v1/program/figures': [{ name: 'the report for the last 30 days', request: () => ({ url: '/api/v1/program/figures?days=30' }), expect: everyone }],

  'GET /api/v1/program/figures/{name}': [{ name: 'one figure', request: () => ({ url: '/api/v1/program/figures/freshness?from=2026-01-01&to=2026-01-31' }), expect: everyone }],

  'GET /api/v1/program/dashboard': [
    {
      name: 'the staff dashboard',
      request: () => ({ url: '/api/v1/program/dashboard' }),
      expect: { anonymous: 401, viewer: 403, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200, resident: 403, moderator: 200 },
    },
  ],
};
