import { AppError } from '../../domain/errors.ts';
import type { Dataset } from '../../domain/catalog/types.ts';
import { OPEN_PROBLEM_STATUSES, type Problem } from '../../domain/community/problems.ts';
import type { SiteSettings } from '../../domain/site/settings.ts';
import { visibleDataset } from '../catalog/access.ts';
import { searchDatasets, summarize, type DatasetSummary } from '../catalog/read-datasets.ts';
import { listProblems } from '../community/read-problems.ts';
import type { Showcase } from '../../domain/community/showcases.ts';
import { listShowcases } from '../showcases/read-showcases.ts';
import type { Deps, Principal } from '../deps.ts';
import { getSite } from './settings.ts';

export const HOME_LIST = 6;

export interface HomeContent {
  site: SiteSettings;
  /** The settings' themes, in their order, with how many published datasets the reader may see under each (0 included). */
  themes: Array<{ theme: string; count: number }>;
  /** The datasets the settings feature, in their order; when none is set (or none is visible), the most viewed (only those viewed at least once, so none while nothing has been). */
  featured: DatasetSummary[];
  /** True when `featured` is the settings' choice rather than the most viewed. */
  chosen: boolean;
  recent: DatasetSummary[];
  /** The most voted problems still being worked on (new, under review, scoped, in a project). */
  problems: Problem[];
  /** The newest approved showcases. */
  showcases: Showcase[];
  /** Datasets published and organizations publishing (as the reader sees them), themes in use, and rows of public data. */
  numbers: { datasets: number; organizations: number; themes: number; rows: number };
}

/** A featured dataset the reader may see and that is published; a slug that no longer names one is skipped. */
async function featuredDataset(deps: Deps, p: Principal, slug: string): Promise<Dataset | undefined> {
  try {
    const d = await visibleDataset(deps, p, slug);
    return d.status === 'published' ? d : undefined;
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') return undefined;
    throw e;
  }
}

/**
 * What the home page shows the reader: the portal's settings, its themes with
 * counts, featured and recently updated datasets, the top open problems, and its numbers. Lists and
 * counts follow the catalog search as the reader sees it; the row count
 * covers public data only.
 */
export async function homeContent(deps: Deps, p: Principal): Promise<HomeContent> {
  const site = await getSite(deps);
  const recent = await searchDatasets(deps, p, { sort: 'updated', limit: HOME_LIST, facets: ['theme', 'organization'], facetLimit: 200 });
  const byTheme = new Map((recent.facets.theme ?? []).map((f) => [f.value, f.count]));
  const themes = site.themes.map((theme) => ({ theme, count: byTheme.get(theme) ?? 0 }));
  const picked = (await Promise.all(site.featured.map((slug) => featuredDataset(deps, p, slug)))).filter((d): d is Dataset => d !== undefined);
  const problems = await listProblems(deps, p, { sort: 'votes', statuses: [...OPEN_PROBLEM_STATUSES], limit: HOME_LIST });
  const featured = picked.length ? await summarize(deps, picked) : (await searchDatasets(deps, p, { sort: 'popular', limit: HOME_LIST, facets: ['theme'], facetLimit: 1 })).results.filter((s) => s.dataset.popularity > 0);
  return {
    site,
    themes,
    featured,
    chosen: picked.length > 0,
    recent: recent.results,
    problems: problems.results.filter((x) => !x.hidden),
    showcases: (await listShowcases(deps, { limit: HOME_LIST })).results,
    numbers: { datasets: recent.total, organizations: recent.facets.organization?.length ?? 0, themes: themes.filter((t) => t.count > 0).length, rows: await deps.catalog.site.publicRowCount() },
  };
}
