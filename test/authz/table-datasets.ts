import { fresh, type Table } from './table.ts';

/**
 * Datasets and the publishing workflow (docs/publishing.md, ADR 8).
 *
 * Reading the rows: a draft of organization A is seen by A's members and site
 * administrators; anyone else gets 404, as if it did not exist. Changing it
 * needs the editor role (publishing and deleting: admin). Anonymous callers of
 * a route that needs an account get 401 whatever the target. A token acts for
 * its owner within its scope, and each scope includes the ones before it
 * (accounts.md: `write` "also" creates and changes, `admin` "also" publishes):
 * the three tokens here belong to A's admin.
 */
export const datasetTable: Table = {
  'GET /api/v1/datasets': [
    {
      name: 'search, asking for drafts too',
      request: () => ({ url: '/api/v1/datasets?status=draft,published&q=matrix' }),
      expect: { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'GET /api/v1/vocabularies': [
    {
      name: 'the lists',
      request: () => ({ url: '/api/v1/vocabularies' }),
      expect: { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'POST /api/v1/datasets': [
    {
      name: 'a new draft in A',
      request: (w) => ({ url: '/api/v1/datasets', json: { title: `Created by the matrix ${fresh()}`, organization: w.orgA.slug } }),
      expect: { anonymous: 401, viewer: 403, editor: 201, orgAdmin: 201, otherEditor: 403, siteAdmin: 201, tokenRead: 403, tokenWrite: 201, tokenAdmin: 201 },
    },
    {
      name: 'a new draft in B',
      request: (w) => ({ url: '/api/v1/datasets', json: { title: `Created by the matrix ${fresh()}`, organization: w.orgB.slug } }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 403, otherEditor: 201, siteAdmin: 201, tokenRead: 403, tokenWrite: 403, tokenAdmin: 403 },
    },
  ],

  'GET /api/v1/datasets/{id}': [
    {
      name: 'a draft of A',
      request: (w) => ({ url: `/api/v1/datasets/${w.shared.draft}` }),
      expect: { anonymous: 404, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 404, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
    {
      name: 'a published, restricted dataset of A',
      request: (w) => ({ url: `/api/v1/datasets/${w.shared.restricted}` }),
      expect: { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'PATCH /api/v1/datasets/{id}': [
    {
      name: 'a draft of A',
      request: async (w) => ({ url: `/api/v1/datasets/${await w.draft()}`, json: { title: 'Renamed by the matrix' } }),
      expect: { anonymous: 401, viewer: 403, editor: 200, orgAdmin: 200, otherEditor: 404, siteAdmin: 200, tokenRead: 403, tokenWrite: 200, tokenAdmin: 200 },
    },
    {
      name: 'a published dataset of A',
      request: async (w) => ({ url: `/api/v1/datasets/${await w.inStatus('published')}`, json: { title: 'Renamed by the matrix' } }),
      expect: { anonymous: 401, viewer: 403, editor: 200, orgAdmin: 200, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'DELETE /api/v1/datasets/{id}': [
    {
      name: 'a draft of A',
      request: async (w) => ({ url: `/api/v1/datasets/${await w.draft()}` }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 204, otherEditor: 404, siteAdmin: 204, tokenRead: 403, tokenWrite: 403, tokenAdmin: 204 },
    },
    {
      name: 'a published dataset of A',
      request: async (w) => ({ url: `/api/v1/datasets/${await w.inStatus('published')}` }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 204, otherEditor: 403, siteAdmin: 204, tokenRead: 403, tokenWrite: 403, tokenAdmin: 204 },
    },
  ],

  'POST /api/v1/datasets/{id}/status': [
    {
      name: 'submit a draft (editors)',
      request: async (w) => ({ url: `/api/v1/datasets/${await w.draft()}/status`, json: { status: 'submitted' } }),
      expect: { anonymous: 401, viewer: 403, editor: 200, orgAdmin: 200, otherEditor: 404, siteAdmin: 200, tokenRead: 403, tokenWrite: 200, tokenAdmin: 200 },
    },
    {
      name: 'withdraw a submission (editors)',
      request: async (w) => ({ url: `/api/v1/datasets/${await w.inStatus('submitted')}/status`, json: { status: 'draft', comment: 'Not yet.' } }),
      expect: { anonymous: 401, viewer: 403, editor: 200, orgAdmin: 200, otherEditor: 404, siteAdmin: 200, tokenRead: 403, tokenWrite: 200, tokenAdmin: 200 },
    },
    {
      name: 'publish a submission (admins)',
      request: async (w) => ({ url: `/api/v1/datasets/${await w.inStatus('submitted')}/status`, json: { status: 'published' } }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 200, otherEditor: 404, siteAdmin: 200, tokenRead: 403, tokenWrite: 403, tokenAdmin: 200 },
    },
    {
      name: 'publish a draft directly (admins)',
      request: async (w) => ({ url: `/api/v1/datasets/${(await w.ready()).slug}/status`, json: { status: 'published' } }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 200, otherEditor: 404, siteAdmin: 200, tokenRead: 403, tokenWrite: 403, tokenAdmin: 200 },
    },
    {
      name: 'unpublish (admins)',
      request: async (w) => ({ url: `/api/v1/datasets/${await w.inStatus('published')}/status`, json: { status: 'draft' } }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 200, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 403, tokenAdmin: 200 },
    },
    {
      name: 'archive (admins)',
      request: async (w) => ({ url: `/api/v1/datasets/${await w.inStatus('published')}/status`, json: { status: 'archived' } }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 200, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 403, tokenAdmin: 200 },
    },
    {
      name: 'restore from the archive (admins)',
      request: async (w) => ({ url: `/api/v1/datasets/${await w.inStatus('archived')}/status`, json: { status: 'published' } }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 200, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 403, tokenAdmin: 200 },
    },
    {
      // The workflow has no such move: those who may move the dataset hear 409, the others are refused as usual.
      name: 'a move the workflow refuses (draft to archived)',
      request: async (w) => ({ url: `/api/v1/datasets/${await w.draft()}/status`, json: { status: 'archived' } }),
      expect: { anonymous: 401, viewer: 403, editor: 409, orgAdmin: 409, otherEditor: 404, siteAdmin: 409, tokenRead: 403, tokenWrite: 409, tokenAdmin: 409 },
    },
  ],

  'GET /api/v1/datasets/{id}/dictionary': [
    {
      name: 'a draft of A',
      request: (w) => ({ url: `/api/v1/datasets/${w.shared.draft}/dictionary` }),
      expect: { anonymous: 404, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 404, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'PATCH /api/v1/datasets/{id}/dictionary': [
    {
      name: 'a draft of A with data',
      request: async (w) => ({ url: `/api/v1/datasets/${(await w.loaded()).slug}/dictionary`, json: { columns: [{ name: 'species', label: 'Species', unit: '' }] } }),
      expect: { anonymous: 401, viewer: 403, editor: 200, orgAdmin: 200, otherEditor: 404, siteAdmin: 200, tokenRead: 403, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],
};
