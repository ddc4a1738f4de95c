import { runHarvest } from '../../src/actions/harvest/run-harvest.ts';
import { addSource } from '../../src/actions/harvest/sources.ts';
import { identifierKey } from '../../src/domain/harvest/record.ts';
import { fresh, type Table } from './table.ts';
import type { World } from './world.ts';

/**
 * Harvest sources, peers and harvested datasets (docs/harvest.md). Site
 * administrators manage sources and read reports; anyone lists and reads the
 * peers; a harvested dataset's provenance is read by whoever sees it, its
 * local notes written by editors of its organization, its data loaded by
 * its organization's admins. The sources point at a closed port, so their
 * runs fail at once.
 */

const CLOSED = 'http://127.0.0.1:9/data.json';

/** A new source (harvested, not a peer) added by the site administrator; its id. */
const source = async (w: World, opts: { peer?: boolean } = {}): Promise<string> =>
  (await addSource(w.t.deps, w.t.admin, { kind: 'dcat-us', url: CLOSED, name: `Matrix source ${fresh()}`, organization: w.orgA.slug, peer: opts.peer ?? false })).id;

/** A failed run of a new source; its id. */
const run = async (w: World): Promise<string> => (await runHarvest(w.t.deps, await source(w), { trigger: 'manual' })).id;

/** A published dataset of A marked as brought by a new source; its slug. */
async function harvested(w: World): Promise<string> {
  const slug = await w.inStatus('published');
  const dataset = (await w.t.deps.catalog.datasets.getDataset(slug))!;
  const sourceId = await source(w);
  const at = w.t.deps.clock.now().toISOString();
  const identifier = `https://example.org/matrix/${slug}`;
  await w.t.deps.catalog.harvest.putOrigin({ datasetId: dataset.id, sourceId, remoteId: identifier, identifier, originalUrl: identifier, remoteModified: null, contentHash: 'x', firstSeenAt: at, lastSeenAt: at, lastRunId: 'none', removedAt: null }, identifierKey(identifier));
  return slug;
}

const everyone = { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 };
const admins = (ok: number) => ({ anonymous: 401, viewer: 403, editor: 403, orgAdmin: 403, otherEditor: 403, siteAdmin: ok, tokenRead: 403, tokenWrite: 403, tokenAdmin: 403 });

export const harvestTable: Table = {
  'GET /api/v1/harvest/sources': [{ name: 'the sources (peers for all but site administrators)', request: () => ({ url: '/api/v1/harvest/sources' }), expect: everyone }],
  'POST /api/v1/harvest/sources': [
    { name: 'a new source', request: () => ({ url: '/api/v1/harvest/sources', json: { kind: 'dcat-us', url: CLOSED, name: `Matrix new source ${fresh()}`, schedule_hours: null } }), expect: admins(201) },
  ],
  'GET /api/v1/harvest/sources/{id}': [
    { name: 'a peer', request: async (w) => ({ url: `/api/v1/harvest/sources/${await source(w, { peer: true })}` }), expect: everyone },
    {
      name: 'a source that is not a peer',
      request: async (w) => ({ url: `/api/v1/harvest/sources/${await source(w)}` }),
      expect: { anonymous: 404, viewer: 404, editor: 404, orgAdmin: 404, otherEditor: 404, siteAdmin: 200, tokenRead: 404, tokenWrite: 404, tokenAdmin: 404 },
    },
  ],
  'PATCH /api/v1/harvest/sources/{id}': [{ name: 'renamed', request: async (w) => ({ url: `/api/v1/harvest/sources/${await source(w)}`, json: { name: `Renamed ${fresh()}` } }), expect: admins(200) }],
  'DELETE /api/v1/harvest/sources/{id}': [{ name: 'a source', request: async (w) => ({ url: `/api/v1/harvest/sources/${await source(w)}` }), expect: admins(204) }],
  'POST /api/v1/harvest/sources/{id}/runs': [{ name: 'run now', request: async (w) => ({ url: `/api/v1/harvest/sources/${await source(w)}/runs` }), expect: admins(202) }],
  'GET /api/v1/harvest/sources/{id}/runs': [{ name: 'the reports', request: async (w) => ({ url: `/api/v1/harvest/sources/${await source(w)}/runs` }), expect: admins(200) }],
  'GET /api/v1/harvest/runs/{id}': [{ name: 'a report', request: async (w) => ({ url: `/api/v1/harvest/runs/${await run(w)}` }), expect: admins(200) }],
  'POST /api/v1/harvest/sources/{id}/fetch': [{ name: 'load every dataset', request: async (w) => ({ url: `/api/v1/harvest/sources/${await source(w)}/fetch` }), expect: admins(202) }],
  'GET /api/v1/datasets/{id}/origin': [{ name: 'a published harvested dataset', request: async (w) => ({ url: `/api/v1/datasets/${await harvested(w)}/origin` }), expect: everyone }],
  'PUT /api/v1/datasets/{id}/notes': [
    {
      name: 'notes on a harvested dataset of A',
      request: async (w) => ({ url: `/api/v1/datasets/${await harvested(w)}/notes`, json: { notes: 'Checked by the city.' } }),
      expect: { anonymous: 401, viewer: 403, editor: 200, orgAdmin: 200, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],
  'POST /api/v1/datasets/{id}/fetch': [
    {
      name: 'load a harvested dataset of A',
      request: async (w) => ({ url: `/api/v1/datasets/${await harvested(w)}/fetch` }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 202, otherEditor: 403, siteAdmin: 202, tokenRead: 403, tokenWrite: 403, tokenAdmin: 202 },
    },
  ],
};

/** The finished job of a run of a new source, for the job routes' tables; its id. */
export async function harvestJobOf(w: World): Promise<string> {
  const r = await w.send({ method: 'POST', url: `/api/v1/harvest/sources/${await source(w)}/runs`, headers: w.auth.siteAdmin });
  await w.settle(r);
  return (r.json() as { job: { id: string } }).job.id;
}
