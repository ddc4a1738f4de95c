import { anonymous } from '../../domain/accounts/principal.ts';
import type { HarvestSource, HarvestedRecord } from '../../domain/harvest/types.ts';
import { matchCatalog, type CatalogEntry, type ReadAnswer } from '../../domain/peers/answers.ts';
import { AnswerCache } from '../../domain/peers/cache.ts';
import { searchDatasets } from '../catalog/read-datasets.ts';
import type { Deps } from '../deps.ts';
import { READERS } from '../harvest/readers/index.ts';
import { HarvestFailure, SourceFetch } from '../harvest/source-fetch.ts';
import { PeerFailure } from './peer-fetch.ts';

/** How long a DCAT catalog read whole is kept for searches, and how many are. */
export const CATALOG_TTL_MS = 10 * 60_000;
const catalogs = new WeakMap<Deps, AnswerCache<Promise<CatalogEntry[]>>>();

const isWeb = (s: string): boolean => /^https?:\/\//i.test(s);

function entryOf(r: HarvestedRecord, source: HarvestSource): CatalogEntry {
  const url = r.landingPage ?? (isWeb(r.identifier) ? r.identifier : null) ?? r.distributions.find((d) => isWeb(d.url))?.url ?? source.url;
  return { title: r.title, description: r.description, url, modified: r.modified, publisher: r.publisher, keywords: r.keywords };
}

/** The whole catalog of a DCAT peer, read through its kind's harvest reader (the guarded fetch and the harvest's limits). */
async function readCatalog(deps: Deps, source: HarvestSource): Promise<CatalogEntry[]> {
  const reader = READERS[source.kind];
  const entries: CatalogEntry[] = [];
  try {
    for await (const page of reader.read({ source, since: null, fetch: new SourceFetch(deps) })) for (const r of page.records) if (r.title.trim()) entries.push(entryOf(r, source));
  } catch (e) {
    if (e instanceof HarvestFailure) throw new PeerFailure(/ was refused: /.test(e.message) ? 'refused' : / did not answer within /.test(e.message) ? 'timeout' : 'error', e.message);
    throw e;
  }
  return entries;
}

/** The catalog, from the cache while fresh; a failed read is not kept. */
function catalogOf(deps: Deps, source: HarvestSource): Promise<CatalogEntry[]> {
  let cache = catalogs.get(deps);
  if (!cache) catalogs.set(deps, (cache = new AnswerCache(20)));
  const key = `${source.id} ${source.url}`;
  const now = deps.clock.now().getTime();
  const hit = cache.get(key, now);
  if (hit) return hit;
  const read = readCatalog(deps, source);
  cache.set(key, read, CATALOG_TTL_MS, now);
  read.catch(() => cache.set(key, read, 0, deps.clock.now().getTime()));
  return read;
}

/**
 * Searches a DCAT peer, which has no search API: the datasets harvested
 * from it here when it is harvested, each linked to its original page;
 * else its catalog read whole (kept ten minutes) and matched word by word.
 */
export async function searchCatalogPeer(deps: Deps, source: HarvestSource, q: string, limit: number): Promise<ReadAnswer> {
  if (source.harvest && source.lastRunId) {
    const org = await deps.catalog.datasets.getOrganization(source.organizationId);
    const page = await searchDatasets(deps, anonymous, { ...(q ? { q } : {}), filters: { organization: [org?.slug ?? source.organizationId] }, limit, facets: [] });
    const origins = new Map((await deps.catalog.harvest.originsOf(page.results.map((r) => r.dataset.id))).filter((o) => o.sourceId === source.id).map((o) => [o.datasetId, o]));
    return {
      total: page.total,
      results: page.results.map(({ dataset: d }) => ({ title: d.title, description: d.description, url: origins.get(d.id)?.originalUrl ?? `${deps.site.baseUrl.replace(/\/$/, '')}/datasets/${encodeURIComponent(d.slug)}`, modified: d.updatedAt, publisher: d.publisher })),
    };
  }
  return matchCatalog(await catalogOf(deps, source), q, limit);
}
