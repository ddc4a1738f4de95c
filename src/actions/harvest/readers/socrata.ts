import { podDatasets } from '../../../domain/harvest/dcat-us.ts';
import { discoveryPage, discoveryRecord, socrataPodRecord } from '../../../domain/harvest/socrata.ts';
import type { HarvestError, HarvestedRecord } from '../../../domain/harvest/types.ts';
import { maskUrl } from '../../../domain/net/mask-url.ts';
import { HarvestFailure, type SourceFetch } from '../source-fetch.ts';
import type { ReadPage, SourceReader } from './reader.ts';

/** Records per page handed to the run, and assets per Discovery API request. */
const PAGE = 500;
const DISCOVERY_LIMIT = 1000;

/** The domain's `data.json` datasets; null (with why) when the domain does not serve one, so that the Discovery API is asked instead. */
async function podOf(fetch: SourceFetch, url: string): Promise<unknown[] | { missing: string }> {
  let text: string;
  try {
    ({ text } = await fetch.text(url, 'application/json'));
  } catch (e) {
    // An error status says the address is not served; a timeout, a limit or a refusal stops the run.
    if (e instanceof HarvestFailure && e.status !== undefined) return { missing: e.message };
    throw e;
  }
  let catalog: unknown;
  try {
    catalog = JSON.parse(text) as unknown;
  } catch {
    return { missing: `${maskUrl(url)} did not answer JSON` };
  }
  const datasets = podDatasets(catalog);
  return typeof datasets === 'string' ? { missing: datasets } : datasets;
}

/**
 * A Socrata domain. Its `data.json` (DCAT-US, with licences, contacts and
 * every download) is read first; a domain that does not serve one is read
 * through the Discovery API at `<domain>/api/catalog/v1`, page by page. Both
 * give each asset its four-by-four and the identifier Socrata's `data.json`
 * uses (`https://<domain>/api/views/<id>`), so records from either meet.
 * Neither filters by date: every run reads the whole catalog and leaves
 * unchanged records alone.
 */
export const socrataReader: SourceReader = {
  async *read({ source, fetch }): AsyncIterable<ReadPage> {
    let origin: URL;
    try {
      origin = new URL(source.url);
    } catch {
      throw new HarvestFailure(`"${maskUrl(source.url)}" is not an address.`);
    }
    const pod = await podOf(fetch, `${origin.origin}/data.json`);
    if (Array.isArray(pod)) {
      for (let i = 0; i < pod.length; i += PAGE) {
        const records: HarvestedRecord[] = [];
        const errors: HarvestError[] = [];
        for (const d of pod.slice(i, i + PAGE)) {
          const r = socrataPodRecord(d);
          if ('reason' in r) errors.push(r);
          else records.push(r);
        }
        yield { records, errors };
      }
      return;
    }
    for (let offset = 0; ; ) {
      const params = new URLSearchParams({ domains: origin.host, search_context: origin.host, limit: String(DISCOVERY_LIMIT), offset: String(offset) });
      const url = `${origin.origin}/api/catalog/v1?${params.toString()}`;
      const page = discoveryPage(await fetch.json(url));
      if (!page) throw new HarvestFailure(`${maskUrl(source.url)} is not a Socrata catalog: it serves no data.json (${pod.missing}) and ${maskUrl(url)} has no "results" list.`);
      const records: HarvestedRecord[] = [];
      const errors: HarvestError[] = [];
      for (const item of page.results) {
        const r = discoveryRecord(item);
        if (r && 'reason' in r) errors.push(r);
        else if (r) records.push(r);
      }
      yield { records, errors };
      offset += page.results.length;
      if (!page.results.length || offset >= page.total) return;
    }
  },
};
