import { isSiteAdmin } from '../../domain/accounts/policy.ts';
import type { Dataset } from '../../domain/catalog/types.ts';
import { recordActivity } from '../activity/record.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { takeOneRecord } from '../harvest/run-harvest.ts';
import { getPeer, peerDataset, requirePlaza } from './browse-peer.ts';
import { fromPeer } from './copy-failure.ts';

/** Whether a principal may bring a peer's datasets in: site administrators. */
export const mayBringPeerDatasets = (p: Principal): boolean => isSiteAdmin(p);

/**
 * Brings one of a Plaza peer's datasets into this catalog as a harvested
 * dataset of that peer (site administrators): read-only, marked with the
 * peer and its original page, its table linked as the peer's CSV export.
 * A dataset brought already, from this peer or another source listing the
 * same identifier, is updated, not doubled.
 */
export async function copyPeerDataset(deps: Deps, p: Principal, peerId: string, slug: string): Promise<{ dataset: Dataset; did: 'created' | 'updated' | 'unchanged' }> {
  requireUser(p, 'Bringing in a peer\'s dataset');
  if (!isSiteAdmin(p)) deny(p, 'Bringing in a peer\'s dataset is for site administrators.');
  const peer = await getPeer(deps, p, peerId);
  requirePlaza(peer);
  const record = await fromPeer(peer.name, () => peerDataset(deps, peer, slug));
  const { datasetId, did } = await takeOneRecord(deps, peer, record);
  const dataset = await deps.catalog.datasets.getDataset(datasetId);
  if (!dataset) throw new Error(`The dataset ${datasetId} brought from ${peer.name} is gone.`);
  await deps.catalog.transaction((tx) => recordActivity(deps, tx, p, { verb: 'harvest.finished', organizationId: peer.organizationId, summary: `brought “${dataset.title}” in from ${peer.name}`, details: { source: peer.id, dataset_id: dataset.id, [did]: 1 } }));
  return { dataset, did };
}
