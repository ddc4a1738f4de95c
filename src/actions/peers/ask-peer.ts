import type { HarvestSource } from '../../domain/harvest/types.ts';
import { readCkanSearch, readPlazaSearch, readSocrataSearch, type ReadAnswer } from '../../domain/peers/answers.ts';
import { peerSearchUrl } from '../../domain/peers/search-urls.ts';
import { PeerAnswerError } from '../../domain/peers/types.ts';
import type { Deps } from '../deps.ts';
import { searchCatalogPeer } from './catalog-match.ts';
import { fetchPeerJson, PeerFailure } from './peer-fetch.ts';

/**
 * Asks one peer for datasets matching the words, in the way its kind
 * searches (docs/peers.md), within the signal. Throws `PeerFailure`.
 */
export async function askPeer(deps: Deps, source: HarvestSource, q: string, limit: number, signal: AbortSignal, waitMs: number): Promise<ReadAnswer> {
  try {
    switch (source.kind) {
      case 'plaza':
      case 'ckan':
      case 'socrata': {
        const url = peerSearchUrl(source.kind, source.url, q, limit);
        const json = await fetchPeerJson(deps, url, signal, waitMs);
        const answer = source.kind === 'plaza' ? readPlazaSearch(json, source.url) : source.kind === 'ckan' ? readCkanSearch(json, source.url) : readSocrataSearch(json, source.url);
        return { total: answer.total, results: answer.results.slice(0, limit) };
      }
      case 'dcat-us':
      case 'dcat-ap':
        return await searchCatalogPeer(deps, source, q, limit);
    }
  } catch (e) {
    if (e instanceof PeerAnswerError) throw new PeerFailure('error', `${source.name} answered something Plaza cannot read: ${e.message}`);
    throw e;
  }
}
