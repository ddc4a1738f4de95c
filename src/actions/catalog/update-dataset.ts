import { metadataFields, toMetadataPatch } from '../../domain/catalog/metadata.ts';
import { nextDueAt } from '../../domain/catalog/freshness.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import type { Dataset } from '../../domain/catalog/types.ts';
import { recordActivity } from '../activity/record.ts';
import type { Deps, Principal } from '../deps.ts';
import { siteThemes } from '../site/settings.ts';
import { editableDataset } from './access.ts';

/** Changes a dataset's metadata (editors of its organization); records which fields changed. */
export async function updateDataset(deps: Deps, p: Principal, idOrSlug: string, input: unknown): Promise<Dataset> {
  const parsed = metadataFields(await siteThemes(deps)).strict().safeParse(input);
  if (!parsed.success) throw invalidInput('The dataset is', parsed.error);
  const patch = toMetadataPatch(parsed.data);
  return deps.catalog.transaction(async (tx) => {
    const dataset = await editableDataset(deps, p, idOrSlug, tx);
    const changed = (Object.keys(patch) as Array<keyof typeof patch>).filter((k) => JSON.stringify(patch[k]) !== JSON.stringify(dataset[k]));
    if (!changed.length) return dataset;
    const next: Dataset = { ...dataset, ...patch, updatedAt: deps.clock.now().toISOString() };
    next.nextDueAt = nextDueAt(next);
    await tx.datasets.updateDataset(dataset.id, { ...patch, updatedAt: next.updatedAt, nextDueAt: next.nextDueAt });
    await recordActivity(deps, tx, p, {
      verb: 'dataset.updated',
      datasetId: dataset.id,
      organizationId: dataset.organizationId,
      summary: `updated ${changed.join(', ')}`,
      details: { fields: changed },
    });
    return next;
  });
}
