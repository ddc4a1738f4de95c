import type { Principal } from '../../domain/accounts/principal.ts';
import { visibilityOf } from '../../domain/accounts/policy.ts';
import { subjectOf, type ActivityEntry, type FollowableKind } from '../../domain/activity/types.ts';
import type { Dataset, Organization } from '../../domain/catalog/types.ts';
import { notFound } from '../../domain/errors.ts';
import { visibleDataset } from '../catalog/access.ts';
import type { Deps } from '../deps.ts';
import { followedItem } from '../notify/followables.ts';

export interface ActivityFilter {
  /** A dataset's id or slug. */
  dataset?: string | undefined;
  /** An organization's id or slug. */
  organization?: string | undefined;
  /** A community item (a problem by its id); not found unless the principal may see it. */
  item?: { kind: FollowableKind; id: string } | undefined;
  /** Only entries older than this seq (the previous page's `nextBefore`). */
  before?: number | undefined;
  limit: number;
}

/** One entry with the dataset and organization it is about, as they are now (null when gone). */
export interface ActivityItem {
  entry: ActivityEntry;
  dataset: Dataset | null;
  organization: Organization | null;
}

export interface ActivityPage {
  items: ActivityItem[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}

/** Adds the datasets and organizations the entries are about, looked up once each. */
export async function withSubjects(deps: Deps, entries: ActivityEntry[]): Promise<ActivityItem[]> {
  const datasetIds = [...new Set(entries.flatMap((e) => (e.datasetId ? [e.datasetId] : [])))];
  const orgIds = [...new Set(entries.flatMap((e) => (e.organizationId ? [e.organizationId] : [])))];
  const [datasets, orgs] = await Promise.all([deps.catalog.datasets.getDatasets(datasetIds), Promise.all(orgIds.map((id) => deps.catalog.datasets.getOrganization(id)))]);
  const datasetById = new Map(datasets.map((d) => [d.id, d]));
  const orgById = new Map(orgs.flatMap((o) => (o ? [[o.id, o] as const] : [])));
  return entries.map((entry) => ({
    entry,
    dataset: (entry.datasetId && datasetById.get(entry.datasetId)) || null,
    organization: (entry.organizationId && orgById.get(entry.organizationId)) || null,
  }));
}

/**
 * The activity stream, newest first, as the principal may see it: entries
 * about datasets they can see, about organizations themselves, and anything
 * in organizations they belong to; with an item, every entry about it. A
 * dataset or item they cannot see is not found.
 */
export async function listActivity(deps: Deps, p: Principal, filter: ActivityFilter): Promise<ActivityPage> {
  let datasetId: string | undefined;
  let organizationId: string | undefined;
  if (filter.dataset !== undefined) datasetId = (await visibleDataset(deps, p, filter.dataset)).id;
  if (filter.organization !== undefined) {
    const org = await deps.catalog.datasets.getOrganization(filter.organization);
    if (!org) throw notFound('Organization', filter.organization);
    organizationId = org.id;
  }
  const subject = filter.item ? subjectOf(filter.item.kind, (await followedItem(deps, p, filter.item.kind, filter.item.id)).id) : undefined;
  const limit = Math.max(1, Math.min(filter.limit, 200));
  const entries = await deps.catalog.activity.listActivity({
    ...(datasetId ? { datasetId } : {}),
    ...(organizationId ? { organizationId } : {}),
    ...(subject ? { subject } : {}),
    ...(filter.before !== undefined ? { beforeSeq: filter.before } : {}),
    visibility: visibilityOf(p),
    limit: limit + 1,
  });
  const page = entries.slice(0, limit);
  const nextBefore = entries.length > limit ? (page[page.length - 1]?.seq ?? null) : null;
  return { items: await withSubjects(deps, page), nextBefore };
}
