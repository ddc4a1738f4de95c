import type { HttpFetch } from '../../ports/http-fetch.ts';
import type { Deps, Principal } from '../deps.ts';
import { runHarvest } from './run-harvest.ts';
import { addSource } from './sources.ts';

/** A peer of the demo city, with the copy of its catalog the demo ships. */
export interface DemoPeer {
  name: string;
  kind: string;
  url: string;
  /** The shipped copy of the catalog at `url`, read on the first start instead of the network. */
  copy: string;
  organization: string;
  harvest: boolean;
  peer: boolean;
  schedule_hours: number | null;
}

/** A fetch that answers one address from a file and refuses every other: the first start reaches nothing outside the machine. */
function shippedCopy(url: string, copy: () => Promise<Uint8Array>): HttpFetch {
  return async (asked) => {
    if (String(asked) !== url) throw new Error(`the demo reads only its shipped copy of ${url}`);
    return new Response(new Uint8Array(await copy()), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

/**
 * Lists the demo city's peers and harvests each from its shipped copy. The
 * source keeps its real address, so a later run reads the real catalog.
 */
export async function seedDemoPeers(deps: Deps, actor: Principal, peers: DemoPeer[], readCopy: (file: string) => Promise<Uint8Array>): Promise<number> {
  let harvested = 0;
  for (const p of peers) {
    const { copy, ...input } = p;
    // The demo's addresses are fixed and public; checking them would ask DNS on a machine that may be offline.
    const source = await addSource({ ...deps, checkAddress: async () => undefined }, actor, input);
    if (!source.harvest) continue;
    await runHarvest({ ...deps, fetch: shippedCopy(source.url, () => readCopy(copy)) }, source.id, { trigger: 'first-start' });
    harvested++;
  }
  return harvested;
}
