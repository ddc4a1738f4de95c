import { recordActivity } from '../activity/record.ts';
import type { Deps, Principal } from '../deps.ts';
import { administeredDataset } from './access.ts';

/** Deletes a dataset and its files (organization admins). The activity stream keeps a line saying so. */
export async function deleteDataset(deps: Deps, p: Principal, idOrSlug: string): Promise<void> {
  const keys: string[] = [];
  await deps.catalog.transaction(async (tx) => {
    const dataset = await administeredDataset(deps, p, idOrSlug, tx);
    for (const v of await tx.datasets.listVersions(dataset.id)) keys.push(...[v.dataKey, v.rejectsKey].filter((k): k is string => !!k));
    await tx.datasets.deleteDataset(dataset.id);
    await recordActivity(deps, tx, p, { verb: 'dataset.deleted', datasetId: null, organizationId: dataset.organizationId, summary: `deleted the dataset ${dataset.title}`, details: { slug: dataset.slug } });
  });
  // Raw uploads are kept by content hash and may be shared; version files are the dataset's own.
  await Promise.all(keys.map((k) => deps.blobs.delete(k).catch(() => undefined)));
}
