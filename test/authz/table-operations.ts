import type { Table } from './table.ts';

/**
 * What an operator's tools read (docs/operations.md). Without
 * `PLAZA_METRICS_TOKEN`, as here, anyone reads the metrics; with it, only
 * its bearer (test/http/operations.test.ts): no account or API token of the
 * site opens them.
 */
export const operationsTable: Table = {
  'GET /metrics': [
    {
      name: 'Prometheus metrics, no metrics token set',
      request: () => ({ url: '/metrics' }),
      expect: { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],
};
