import type { HarvestSource } from '../../domain/harvest/types.ts';
import { maskUrl } from '../../domain/net/mask-url.ts';
import { AnswerCache } from '../../domain/peers/cache.ts';
import type { PeerAnswer, PeerMissing, PeerOutcome, PeerRef } from '../../domain/peers/types.ts';
import { searchDatasets, type SearchPage, type SearchRequest } from '../catalog/read-datasets.ts';
import type { Deps, Principal } from '../deps.ts';
import { askPeer } from './ask-peer.ts';
import { peerFailure } from './peer-fetch.ts';

/** How long a peer's answer is kept, and a failure (so that a peer back up is asked again soon). */
export const PEER_ANSWER_TTL_MS = 60_000;
export const PEER_FAILURE_TTL_MS = 5_000;
/** The most answers kept in memory. */
const CACHE_ENTRIES = 500;
/** Results asked of each peer, and the most a request may ask. */
export const PEER_RESULTS = 10;
export const MAX_RESULTS = 50;

const caches = new WeakMap<Deps, AnswerCache<Promise<PeerOutcome>>>();

/** A peer as answers name it; credentials in its address are never shown. */
export const peerRef = (s: HarvestSource): PeerRef => ({ id: s.id, name: s.name, kind: s.kind, url: maskUrl(s.url) });

/** The peers of this site, by name. */
export async function listPeers(deps: Deps): Promise<HarvestSource[]> {
  return (await deps.catalog.harvest.listSources()).filter((s) => s.peer).sort((a, b) => a.name.localeCompare(b.name));
}

/** Forgets every peer's answer (when the list of peers changes, and in tests). */
export function forgetPeerAnswers(deps: Deps): void {
  caches.get(deps)?.clear();
}

/** One peer's answer, from the cache or asked now (at most `budgetMs`); never throws. */
function outcomeOf(deps: Deps, source: HarvestSource, q: string, limit: number, budgetMs: number): Promise<PeerOutcome> {
  let cache = caches.get(deps);
  if (!cache) caches.set(deps, (cache = new AnswerCache(CACHE_ENTRIES)));
  const key = [source.id, source.kind, source.url, limit, q].join('\n');
  const hit = cache.get(key, deps.clock.now().getTime());
  if (hit) return hit;
  const peer = peerRef(source);
  const asked = (async (): Promise<PeerOutcome> => {
    try {
      const a = await askPeer(deps, source, q, limit, AbortSignal.timeout(budgetMs), budgetMs);
      return { ok: true, answer: { peer, ...a } };
    } catch (e) {
      const f = peerFailure(e, source.url, budgetMs);
      return { ok: false, missing: { peer, reason: f.reason, message: f.message } };
    }
  })();
  const kept = cache;
  kept.set(key, asked, PEER_ANSWER_TTL_MS, deps.clock.now().getTime());
  void asked.then((o) => {
    if (!o.ok) kept.set(key, asked, PEER_FAILURE_TTL_MS, deps.clock.now().getTime());
  });
  return asked;
}

export interface FederatedRequest {
  q: string;
  /** The catalog's filters; they apply to this city's results (peers are asked for the words). */
  filters?: SearchRequest['filters'];
  limit?: number;
  /** Ask the peers too; without it only this city's results come back. */
  peers: boolean;
}

export interface FederatedSearch {
  local: SearchPage;
  /** Each peer that answered, in the order of the peers' names. */
  peers: PeerAnswer[];
  /** Each peer that did not, and why. */
  missing: PeerMissing[];
  /** The time the peers were given. */
  budgetMs: number;
}

/**
 * This city's catalog search and, with `peers`, every peer's, asked all at
 * once within one time budget (`PLAZA_PEER_SEARCH_MS`): the answer comes by
 * then at the latest, naming each peer that did not answer in time, failed
 * or is refused. Answers are kept a minute in memory, failures a few seconds.
 */
export async function federatedSearch(deps: Deps, p: Principal, req: FederatedRequest): Promise<FederatedSearch> {
  const limit = Math.min(Math.max(req.limit ?? PEER_RESULTS, 1), MAX_RESULTS);
  const budgetMs = deps.limits.peerSearchMs;
  const q = req.q.trim();
  const localSearch = searchDatasets(deps, p, { ...(q ? { q } : {}), filters: req.filters ?? {}, limit, facets: [] });
  if (!req.peers) return { local: await localSearch, peers: [], missing: [], budgetMs };
  const peers = await listPeers(deps);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), budgetMs);
  });
  try {
    const outcomes = await Promise.all(
      peers.map(async (s): Promise<PeerOutcome> => {
        const o = await Promise.race([outcomeOf(deps, s, q, limit, budgetMs), deadline]);
        return o === 'late' ? { ok: false, missing: { peer: peerRef(s), reason: 'timeout', message: `${s.name} did not answer within ${(budgetMs / 1000).toFixed(1)} s.` } } : o;
      }),
    );
    return {
      local: await localSearch,
      peers: outcomes.flatMap((o) => (o.ok ? [o.answer] : [])),
      missing: outcomes.flatMap((o) => (o.ok ? [] : [o.missing])),
      budgetMs,
    };
  } finally {
    clearTimeout(timer);
  }
}
