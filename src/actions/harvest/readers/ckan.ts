import { maskUrl } from '../../../domain/net/mask-url.ts';
import { ckanApi, ckanRecord, ckanResult, ckanSkip, searchPage, type CkanFlavour } from '../../../domain/harvest/ckan.ts';
import type { HarvestError, HarvestedRecord } from '../../../domain/harvest/types.ts';
import { HarvestFailure, type SourceFetch } from '../source-fetch.ts';
import type { ReadContext, ReadPage, SourceReader } from './reader.ts';

/** Packages asked for per request: the most CKAN answers by default (`ckan.search.rows_max`). */
export const CKAN_ROWS = 1000;

/**
 * Asked for changes since a little before the last complete run, so that a
 * source whose clock is a few minutes behind ours loses nothing; what is
 * sent twice is found unchanged and left alone.
 */
export const SINCE_MARGIN_MS = 5 * 60_000;

/** One `package_search` call, its envelope checked. */
async function search(fetch: SourceFetch, actions: string, params: Record<string, string>): Promise<{ count: number; results: unknown[] }> {
  const url = `${actions}/package_search?${new URLSearchParams(params).toString()}`;
  const answer = ckanResult(await fetch.json(url));
  if ('problem' in answer) throw new HarvestFailure(`${maskUrl(url)} did not answer as a CKAN Action API: ${answer.problem}.`);
  const page = searchPage(answer.result);
  if (!page) throw new HarvestFailure(`${maskUrl(url)} did not answer as a CKAN Action API: its result has no "results" list.`);
  return page;
}

/**
 * Every page of a search, in a stable order (`id asc`), moving on by what
 * each page held (a site that answers fewer rows than asked is read
 * through all the same). Stops when the count is reached or a page is empty.
 */
async function* pagesOf(fetch: SourceFetch, actions: string, params: Record<string, string>): AsyncIterable<unknown[]> {
  for (let start = 0; ; ) {
    const page = await search(fetch, actions, { ...params, sort: 'id asc', rows: String(CKAN_ROWS), start: String(start) });
    if (!page.results.length) return;
    yield page.results;
    start += page.results.length;
    if (start >= page.count) return;
  }
}

/** A page of packages in Plaza's terms: private, inactive and other types left out, unreadable ones as errors. */
function toPage(results: unknown[], flavour: CkanFlavour): ReadPage {
  const records: HarvestedRecord[] = [];
  const errors: HarvestError[] = [];
  for (const pkg of results) {
    if (typeof pkg === 'object' && pkg !== null && ckanSkip(pkg as Record<string, unknown>)) continue;
    const r = ckanRecord(pkg, flavour);
    if ('reason' in r) errors.push(r);
    else records.push(r);
  }
  return { records, errors };
}

/** The ids of a page of `fl=id` results (full packages from a site that ignores `fl`, which are checked as such). */
function idsOf(results: unknown[]): string[] {
  const ids: string[] = [];
  for (const pkg of results) {
    if (typeof pkg !== 'object' || pkg === null) continue;
    const p = pkg as Record<string, unknown>;
    if ('title' in p && ckanSkip(p)) continue;
    if (typeof p.id === 'string' && p.id) ids.push(p.id);
  }
  return ids;
}

/**
 * Reads a CKAN Action API (or a Plaza site's, which answers the same) with
 * `package_search`. A first run reads every package. Later runs ask only
 * for packages modified since the last complete run (`fq=metadata_modified:
 * [since TO *]`), then list the ids of all the others with `fl=id`, which
 * real CKAN answers with ids alone: the unchanged ones are kept, the ones no
 * longer listed archived. `package_list` would be lighter still but gives
 * names, which change, not the ids records are kept by.
 */
export function ckanLikeReader(kind: CkanFlavour['kind']): SourceReader {
  return {
    async *read({ source, since, fetch }: ReadContext): AsyncIterable<ReadPage> {
      let api: ReturnType<typeof ckanApi>;
      try {
        api = ckanApi(source.url);
      } catch {
        throw new HarvestFailure(`"${maskUrl(source.url)}" is not an address.`);
      }
      const flavour: CkanFlavour = { root: api.root, kind };
      if (!since) {
        for await (const results of pagesOf(fetch, api.actions, { q: '*:*' })) yield toPage(results, flavour);
        return;
      }
      const from = new Date(Date.parse(since) - SINCE_MARGIN_MS).toISOString();
      for await (const results of pagesOf(fetch, api.actions, { q: '*:*', fq: `metadata_modified:[${from} TO *]` })) yield toPage(results, flavour);
      for await (const results of pagesOf(fetch, api.actions, { q: '*:*', fl: 'id' })) yield { records: [], listed: idsOf(results) };
    },
  };
}

export const ckanReader: SourceReader = ckanLikeReader('ckan');
