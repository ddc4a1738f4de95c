import type { Principal } from '../../domain/accounts/principal.ts';
import { canAdminister, canEditIn, canReadData, canSeeDataset } from '../../domain/accounts/policy.ts';
import type { Dataset } from '../../domain/catalog/types.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import type { Deps } from '../deps.ts';
import { deny } from '../auth/authorize.ts';

/**
 * A dataset the principal may see. One they may not is reported as not found,
 * so that drafts and private datasets do not reveal that they exist.
 */
export async function visibleDataset(deps: Deps, p: Principal, idOrSlug: string, store: CatalogStore = deps.catalog): Promise<Dataset> {
  const dataset = await store.datasets.getDataset(idOrSlug);
  if (!dataset || !canSeeDataset(p, dataset)) throw notFound('Dataset', idOrSlug);
  return dataset;
}

/** Whether the principal may read the dataset's rows (a restricted dataset's are for signed-in readers). */
export function readsData(p: Principal, d: Dataset): boolean {
  return canReadData(p, d);
}

/** Data of restricted datasets is for signed-in readers. */
export function requireDataAccess(p: Principal, d: Dataset): void {
  if (canReadData(p, d)) return;
  throw new AppError('unauthorized', `The data of "${d.slug}" is restricted: sign in, or send an API token, to read or download it.`, { dataset: d.slug });
}

/** A dataset the principal may edit (editors of its organization and up). */
export async function editableDataset(deps: Deps, p: Principal, idOrSlug: string, store: CatalogStore = deps.catalog): Promise<Dataset> {
  const dataset = await visibleDataset(deps, p, idOrSlug, store);
  if (!canEditIn(p, dataset.organizationId)) deny(p, `Only editors of the dataset's organization may change "${dataset.slug}".`);
  await refuseHarvested(store, dataset);
  return dataset;
}

/**
 * A harvested dataset is described by its source: each run would undo a
 * local change, so changes are refused, naming the source; its local notes
 * stay writable (ADR 50).
 */
async function refuseHarvested(store: CatalogStore, dataset: Dataset): Promise<void> {
  const [origin] = await store.harvest.originsOf([dataset.id]);
  if (!origin) return;
  const source = await store.harvest.getSource(origin.sourceId);
  throw new AppError('conflict', `"${dataset.title}" is harvested from ${source?.name ?? 'another portal'} and changes there; it cannot be edited here, apart from its local notes.`, { dataset: dataset.slug, source: origin.sourceId, original_url: origin.originalUrl });
}

/**
 * The dataset the principal may edit, or undefined when there is none they
 * may see (a publishing tool then creates it); one they may see but not edit
 * is refused.
 */
export async function findEditableDataset(deps: Deps, p: Principal, idOrSlug: string): Promise<Dataset | undefined> {
  try {
    return await editableDataset(deps, p, idOrSlug);
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') return undefined;
    throw e;
  }
}

/** A dataset the principal administers (its organization's admins and site admins). */
export async function administeredDataset(deps: Deps, p: Principal, idOrSlug: string, store: CatalogStore = deps.catalog): Promise<Dataset> {
  const dataset = await visibleDataset(deps, p, idOrSlug, store);
  if (!canAdminister(p, dataset.organizationId)) deny(p, `Only admins of the dataset's organization may do this to "${dataset.slug}".`);
  return dataset;
}
