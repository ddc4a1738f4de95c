import { anonymous } from '../../domain/accounts/principal.ts';
import { canSeeDataset } from '../../domain/accounts/policy.ts';
import type { Dataset } from '../../domain/catalog/types.ts';
import { canReviewShowcase } from '../../domain/community/showcase-policy.ts';
import type { Showcase, ShowcaseKind } from '../../domain/community/showcases.ts';
import type { ShowcasePage } from '../../ports/store/showcases.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { getSite } from '../site/settings.ts';
import { visibleShowcase } from './access.ts';

export interface ShowcaseListRequest {
  kinds?: ShowcaseKind[];
  /** A dataset's slug or id. */
  dataset?: string;
  limit?: number;
  offset?: number;
  /** Text to search for; the showcases matching it best come first. */
  q?: string;
  /** Count the showcases found by kind. */
  facets?: boolean;
}

/** The gallery: approved showcases, newest first (best match first when searched, as the catalog searches), by kind and dataset. */
export async function listShowcases(deps: Deps, r: ShowcaseListRequest = {}): Promise<ShowcasePage> {
  const dataset = r.dataset ? await deps.catalog.datasets.getDataset(r.dataset) : undefined;
  if (r.dataset && (!dataset || !canSeeDataset(anonymous, dataset))) return { total: 0, results: [], ...(r.facets ? { facets: { kind: [] } } : {}) };
  const q = r.q?.trim() || undefined;
  return deps.catalog.showcases.listShowcases({
    ...(q ? { q, synonyms: (await getSite(deps)).synonyms } : {}),
    ...(r.facets ? { kindFacet: true } : {}),
    states: ['approved'],
    ...(r.kinds?.length ? { kinds: r.kinds } : {}),
    ...(dataset ? { datasetId: dataset.id } : {}),
    limit: Math.min(r.limit ?? 24, 100),
    offset: r.offset ?? 0,
  });
}

/** Showcases waiting for a moderator, oldest first. Moderators only. */
export async function listPendingShowcases(deps: Deps, p: Principal): Promise<Showcase[]> {
  requireUser(p, 'Reviewing showcases');
  if (!canReviewShowcase(p)) deny(p, 'Only moderators may review showcases.');
  const page = await deps.catalog.showcases.listShowcases({ states: ['pending'], limit: 200, offset: 0 });
  return page.results.reverse();
}

export interface ShowcaseDetail {
  showcase: Showcase;
  /** The datasets it uses that are still public. */
  datasets: Dataset[];
  mayReview: boolean;
}

/** One showcase the principal may see, with the datasets it uses. */
export async function getShowcase(deps: Deps, p: Principal, id: string): Promise<ShowcaseDetail> {
  const showcase = await visibleShowcase(deps, p, id);
  const datasets: Dataset[] = [];
  for (const d of showcase.datasetIds) {
    const dataset = await deps.catalog.datasets.getDataset(d);
    if (dataset && canSeeDataset(anonymous, dataset)) datasets.push(dataset);
  }
  return { showcase, datasets, mayReview: canReviewShowcase(p) };
}

/** How many approved showcases use each dataset given (for the catalog cards). */
export async function showcaseCounts(deps: Deps, datasetIds: string[]): Promise<Map<string, number>> {
  return deps.catalog.showcases.countApprovedByDataset(datasetIds);
}

/** The datasets a showcase may name: every one anybody may see, by title (at most 500). */
export async function publicDatasetChoices(deps: Deps): Promise<Dataset[]> {
  const { results } = await deps.catalog.datasets.listDatasets({ limit: 2000, offset: 0 });
  return results
    .filter((d) => canSeeDataset(anonymous, d))
    .sort((a, b) => a.title.localeCompare(b.title))
    .slice(0, 500);
}
