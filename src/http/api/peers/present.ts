import { z } from 'zod';
import type { HarvestMark } from '../../../actions/harvest/marks.ts';
import { peerRef, type FederatedSearch } from '../../../actions/peers/federated-search.ts';
import type { HarvestSource } from '../../../domain/harvest/types.ts';
import type { PeerRef } from '../../../domain/peers/types.ts';
import { presentSummary } from '../datasets/present.ts';

/** How the peer network leaves the API. */

export const peerRefSchema = z.object({ id: z.string(), name: z.string(), kind: z.string(), url: z.string() });
export const presentPeerRef = (p: PeerRef): z.infer<typeof peerRefSchema> => ({ id: p.id, name: p.name, kind: p.kind, url: p.url });

export const peerSchema = peerRefSchema.extend({
  harvested: z.boolean().describe('Its datasets are also harvested into this catalog'),
  links: z.object({ page: z.string() }),
});

export const presentPeer = (s: HarvestSource): z.infer<typeof peerSchema> => ({ ...presentPeerRef(peerRef(s)), harvested: s.harvest, links: { page: `/peers/${encodeURIComponent(s.id)}` } });

const resultSchema = z.object({ title: z.string(), description: z.string(), url: z.string().describe('The dataset\'s page at the peer'), modified: z.string().nullable(), publisher: z.string().nullable() });

export const federatedSchema = z.object({
  local: z.object({ total: z.number().int(), results: z.array(z.record(z.string(), z.unknown())).describe('As `GET /api/v1/datasets` gives them') }),
  peers: z.array(z.object({ peer: peerRefSchema, total: z.number().int(), results: z.array(resultSchema) })),
  missing: z.array(z.object({ peer: peerRefSchema, reason: z.enum(['timeout', 'error', 'refused']), message: z.string() })).describe('Each peer that did not answer within the budget, failed, or is refused'),
  budget_ms: z.number().int().describe('How long the peers were given (PLAZA_PEER_SEARCH_MS)'),
});

/** `marks` are the harvested local results' (`harvestMarks`). */
export function presentFederated(r: FederatedSearch, marks: ReadonlyMap<string, HarvestMark> = new Map()): z.infer<typeof federatedSchema> {
  return {
    local: { total: r.local.total, results: r.local.results.map((d) => presentSummary(d, marks.get(d.dataset.id))) },
    peers: r.peers.map((a) => ({ peer: presentPeerRef(a.peer), total: a.total, results: a.results })),
    missing: r.missing.map((m) => ({ peer: presentPeerRef(m.peer), reason: m.reason, message: m.message })),
    budget_ms: r.budgetMs,
  };
}
