import { TREES_CSV } from './world.ts';
import type { Table } from './table.ts';
import { harvestJobOf } from './table-harvest.ts';

/**
 * Data: files and links, column types, records, facets, exports, rejects and
 * ingest jobs (docs/api.md "Data"). A draft's data is hidden like the draft
 * (404); a restricted dataset's data is for signed-in readers (401 for
 * anonymous callers, with a message that says so). Jobs are for the editors
 * of their dataset.
 */

const readsOfDraft = { anonymous: 404, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 404, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 };
const readsOfRestricted = { anonymous: 401, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 };

export const dataTable: Table = {
  'POST /api/v1/datasets/{id}/resources': [
    {
      name: 'upload a file to a draft of A',
      request: async (w) => ({ url: `/api/v1/datasets/${await w.draft()}/resources?types=height:integer`, file: { name: 'trees.csv', content: TREES_CSV } }),
      expect: { anonymous: 401, viewer: 403, editor: 202, orgAdmin: 202, otherEditor: 404, siteAdmin: 202, tokenRead: 403, tokenWrite: 202, tokenAdmin: 202 },
    },
    {
      name: 'add a link to a draft of A',
      request: async (w) => ({ url: `/api/v1/datasets/${await w.draft()}/resources`, json: { kind: 'link', name: 'Tree map', url: 'https://example.org/map' } }),
      expect: { anonymous: 401, viewer: 403, editor: 201, orgAdmin: 201, otherEditor: 404, siteAdmin: 201, tokenRead: 403, tokenWrite: 201, tokenAdmin: 201 },
    },
  ],

  'DELETE /api/v1/datasets/{id}/resources/{resourceId}': [
    {
      name: 'a link of a draft of A',
      request: async (w) => {
        const { slug, resourceId } = await w.ready();
        return { url: `/api/v1/datasets/${slug}/resources/${resourceId}` };
      },
      expect: { anonymous: 401, viewer: 403, editor: 204, orgAdmin: 204, otherEditor: 404, siteAdmin: 204, tokenRead: 403, tokenWrite: 204, tokenAdmin: 204 },
    },
  ],

  'POST /api/v1/datasets/{id}/types': [
    {
      name: 'retype a column of a draft of A',
      request: async (w) => ({ url: `/api/v1/datasets/${(await w.loaded()).slug}/types`, json: { types: { height: 'text' } } }),
      expect: { anonymous: 401, viewer: 403, editor: 202, orgAdmin: 202, otherEditor: 404, siteAdmin: 202, tokenRead: 403, tokenWrite: 202, tokenAdmin: 202 },
    },
  ],

  'GET /api/v1/datasets/{id}/records': [
    { name: 'a draft of A', request: (w) => ({ url: `/api/v1/datasets/${w.shared.draft}/records` }), expect: readsOfDraft },
    { name: 'a published, restricted dataset', request: (w) => ({ url: `/api/v1/datasets/${w.shared.restricted}/records` }), expect: readsOfRestricted },
  ],

  'GET /api/v1/datasets/{id}/facets': [
    { name: 'a draft of A', request: (w) => ({ url: `/api/v1/datasets/${w.shared.draft}/facets?facet=species` }), expect: readsOfDraft },
    { name: 'a published, restricted dataset', request: (w) => ({ url: `/api/v1/datasets/${w.shared.restricted}/facets?facet=species` }), expect: readsOfRestricted },
  ],

  'GET /api/v1/datasets/{id}/versions/{number}/rejects.csv': [
    { name: 'a draft of A', request: (w) => ({ url: `/api/v1/datasets/${w.shared.draft}/versions/1/rejects.csv` }), expect: readsOfDraft },
    { name: 'a published, restricted dataset', request: (w) => ({ url: `/api/v1/datasets/${w.shared.restricted}/versions/1/rejects.csv` }), expect: readsOfRestricted },
  ],

  'GET /api/v1/datasets/{id}/export/{format}': [
    { name: 'a draft of A, as CSV', request: (w) => ({ url: `/api/v1/datasets/${w.shared.draft}/export/csv` }), expect: readsOfDraft },
    { name: 'a published, restricted dataset, as CSV', request: (w) => ({ url: `/api/v1/datasets/${w.shared.restricted}/export/csv` }), expect: readsOfRestricted },
  ],

  'GET /api/v1/jobs/{id}': [
    {
      // Viewers see the draft itself, so refusing them its job hides nothing: 403. Strangers to the draft get 404.
      name: 'the ingest job of a draft of A',
      request: (w) => ({ url: `/api/v1/jobs/${w.shared.draftJob}` }),
      expect: { anonymous: 401, viewer: 403, editor: 200, orgAdmin: 200, otherEditor: 404, siteAdmin: 200, tokenRead: 403, tokenWrite: 200, tokenAdmin: 200 },
    },
    {
      // Harvest jobs are the site administrators'; anyone else hears they do not exist.
      name: 'the job of a harvest run',
      request: async (w) => ({ url: `/api/v1/jobs/${await harvestJobOf(w)}` }),
      expect: { anonymous: 401, viewer: 404, editor: 404, orgAdmin: 404, otherEditor: 404, siteAdmin: 200, tokenRead: 404, tokenWrite: 404, tokenAdmin: 404 },
    },
  ],

  'GET /api/v1/jobs/{id}/events': [
    {
      // The same rule as the job itself; the job has finished, so the stream ends after one event.
      name: 'the progress stream of the ingest job of a draft of A',
      request: (w) => ({ url: `/api/v1/jobs/${w.shared.draftJob}/events` }),
      expect: { anonymous: 401, viewer: 403, editor: 200, orgAdmin: 200, otherEditor: 404, siteAdmin: 200, tokenRead: 403, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],
};
