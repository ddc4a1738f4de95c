import { siteRoot } from '../../domain/peers/search-urls.ts';
import type { Deps } from '../deps.ts';
import { listPeers } from './federated-search.ts';

/** The name of the peer a copy's origin address belongs to, or null when no listed peer's address holds it. */
export async function originPeerName(deps: Deps, url: string | null | undefined): Promise<string | null> {
  if (!url) return null;
  for (const peer of await listPeers(deps)) {
    const root = siteRoot(peer.url);
    if (url === root || url.startsWith(`${root}/`)) return peer.name;
  }
  return null;
}
