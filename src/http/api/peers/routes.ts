import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { harvestMarks } from '../../../actions/harvest/marks.ts';
import { federatedSearch, listPeers, MAX_RESULTS, PEER_RESULTS } from '../../../actions/peers/federated-search.ts';
import { SEARCH_FACETS, type SearchFacet } from '../../../domain/catalog/search.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { listParam } from '../datasets/params.ts';
import { federatedSchema, peerSchema, presentFederated, presentPeer } from './present.ts';

const flag = z.enum(['0', '1', 'true', 'false']).optional().transform((v) => v === '1' || v === 'true');

export const federatedParams = z
  .object({
    q: z.string().trim().max(500).default(''),
    peers: flag.describe('1 asks the peers too'),
    limit: z.coerce.number().int().min(1).max(MAX_RESULTS).default(PEER_RESULTS).describe('Results from this city and from each peer'),
    organization: listParam,
    theme: listParam,
    keyword: listParam,
    format: listParam,
    license: listParam,
    frequency: listParam,
  })
  .transform((s) => {
    const filters: Partial<Record<SearchFacet, string[]>> = {};
    for (const f of SEARCH_FACETS) if (s[f]?.length) filters[f] = s[f];
    return { q: s.q, peers: s.peers, limit: s.limit, filters };
  });

/** The peer network: its peers, and the search across them. */
export function peerRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;
  const tag = 'Peers';

  route(app, registry, {
    method: 'GET', path: '/api/v1/peers', operationId: 'listPeers', tag, access: 'public',
    summary: 'The peer portals this city lists',
    responses: { 200: { description: 'The peers, by name.', schema: z.object({ results: z.array(peerSchema) }) } },
  }, async () => ({ results: (await listPeers(deps)).map(presentPeer) }));

  route(app, registry, {
    method: 'GET', path: '/api/v1/search', operationId: 'federatedSearch', tag, access: 'public',
    summary: 'Search this city\'s catalog and, with peers=1, every peer\'s',
    description: 'Peers are asked at once and given PLAZA_PEER_SEARCH_MS; the answer comes by then at the latest, with `missing` naming each peer that did not answer in time (`timeout`), failed or answered something unreadable (`error`), or is on a refused address (`refused`). Answers are kept a minute, failures a few seconds. The catalog filters apply to this city\'s results; peers are asked for the words.',
    query: federatedParams,
    responses: { 200: { description: 'This city\'s results, each peer\'s, and the peers missing.', schema: federatedSchema } },
  }, async ({ req, query }) => {
    const found = await federatedSearch(deps, await actorOf(deps, req), query);
    return presentFederated(found, await harvestMarks(deps, found.local.results.map((d) => d.dataset.id)));
  });
}
