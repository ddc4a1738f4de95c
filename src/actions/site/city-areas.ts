import { anonymous } from '../../domain/accounts/principal.ts';
import { labelColumn, type ContextArea } from '../../domain/map/context.ts';
import { parseGeometry } from '../../domain/map/geometry.ts';
import type { ColumnInfo } from '../../domain/table/types.ts';
import { AppError } from '../../domain/errors.ts';
import { getDataset } from '../catalog/read-datasets.ts';
import type { Deps, Principal } from '../deps.ts';
import { queryRecords } from '../records/query-records.ts';
import { getSite } from './settings.ts';

/** The most areas a dataset of areas gives (the map's context layer, the problem inventory's areas). */
export const MAX_CONTEXT_AREAS = 5_000;
const PAGE = 5_000;

const quote = (name: string): string => '`' + name.replaceAll('`', '``') + '`';

/** Reads a dataset's areas as the principal may: its first column of areas, each named by its label column. */
export async function readAreas(deps: Deps, p: Principal, slug: string, geom: ColumnInfo, label: ColumnInfo | undefined): Promise<ContextArea[]> {
  const areas: ContextArea[] = [];
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await queryRecords(deps, p, slug, { select: [geom.name, label?.name].filter((n): n is string => !!n).map(quote).join(', '), limit: Math.min(PAGE, MAX_CONTEXT_AREAS - read), ...(cursor ? { cursor } : {}) });
    for (const row of page.results) {
      read++;
      const shape = parseGeometry(row[geom.name]);
      if (shape?.polygons.length) areas.push({ title: label ? String(row[label.name] ?? '') : '', shape });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && read < MAX_CONTEXT_AREAS);
  return areas;
}

/** The city's areas: the dataset of areas the site's settings name, read once per version of it. */
export interface CityAreas {
  slug: string;
  versionId: string;
  areas: ContextArea[];
}

let kept: CityAreas | undefined;

/**
 * The areas of the dataset the site names as its map context (its ZIP codes
 * or districts), as anyone may read them; undefined when none is named, or
 * it is not public, or it has no areas.
 */
export async function cityAreas(deps: Deps): Promise<CityAreas | undefined> {
  const slug = (await getSite(deps)).mapContext;
  if (!slug) return undefined;
  let d;
  try {
    d = await getDataset(deps, anonymous, slug);
  } catch (e) {
    if (e instanceof AppError && e.expected) return undefined;
    throw e;
  }
  const live = d.live;
  const geom = live?.columns.find((c) => c.type === 'geometry' && !c.point);
  if (!live || !geom || !d.dataAccess) return undefined;
  if (kept?.versionId !== live.id || kept.slug !== slug) kept = { slug, versionId: live.id, areas: await readAreas(deps, anonymous, slug, geom, labelColumn(live.columns)) };
  return kept.areas.length ? kept : undefined;
}
