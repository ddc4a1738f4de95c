import type { Problem } from '../../domain/community/problems.ts';
import { isEmpty } from '../../domain/map/bounds.ts';
import { buildContext, type ContextArea, type ContextScene } from '../../domain/map/context.ts';
import { cityBounds, PROBLEM_MAP_SIZE, problemFeatures, type ProblemMark } from '../../domain/map/problems.ts';
import { buildScene, type Scene } from '../../domain/map/scene.ts';
import { fitBounds, formatView, normalView, parseView, type View } from '../../domain/map/view.ts';
import type { Deps, Principal } from '../deps.ts';
import { cityAreas } from '../site/city-areas.ts';
import { listProblems, type ProblemListRequest } from './read-problems.ts';

/** The most problems one map draws, most voted first; a larger list says so. */
export const MAX_MAPPED_PROBLEMS = 10_000;
/** How close the map of one point comes. */
const POINT_ZOOM = 15;

/** A map of problems, ready to draw: the scene, the city's areas beneath, and what each mark leads to. */
export interface ProblemMap {
  scene: Scene;
  context: ContextScene | undefined;
  /** The dataset of the city's areas, for the map's credit. */
  areasFrom: { slug: string; title: string } | undefined;
  view: View;
  /** The view that shows the whole city (or everything drawn). */
  fitted: View;
  marks: Map<number, ProblemMark>;
  /** Citywide problems and others the map cannot place. */
  unplaced: Problem[];
  /** Problems matching the filters, and whether more matched than the map draws. */
  total: number;
  truncated: boolean;
  /** Problems read for the map (the most voted, when more matched). */
  shown: number;
}

/** The city's areas laid out per view, kept for the areas' current version: most maps show the whole city. */
const contexts = new WeakMap<readonly ContextArea[], Map<string, ContextScene>>();
const KEPT_CONTEXTS = 32;

function contextFor(areas: readonly ContextArea[], view: View): ContextScene {
  let kept = contexts.get(areas);
  if (!kept) contexts.set(areas, (kept = new Map()));
  const key = formatView(view);
  let scene = kept.get(key);
  if (!scene) {
    scene = buildContext(areas, view, { ...PROBLEM_MAP_SIZE });
    if (kept.size >= KEPT_CONTEXTS) kept.delete(kept.keys().next().value!);
    kept.set(key, scene);
  }
  return scene;
}

async function draw(deps: Deps, problems: Problem[], viewText: string | undefined, pick: (areas: ContextArea[], fitted: View) => View, areasAs: 'shapes' | 'dots' = 'shapes'): Promise<Omit<ProblemMap, 'total' | 'truncated' | 'shown'>> {
  const city = await cityAreas(deps);
  const areas = city?.areas ?? [];
  const laid = problemFeatures(problems, areas, areasAs);
  const whole = cityBounds(areas);
  const fitted = fitBounds(isEmpty(whole) ? laid.bounds : whole, PROBLEM_MAP_SIZE);
  const asked = viewText ? parseView(viewText, PROBLEM_MAP_SIZE) : undefined;
  const view = asked ?? pick(areas, fitted);
  const size = { ...PROBLEM_MAP_SIZE };
  const title = city ? (await deps.catalog.datasets.getDataset(city.slug))?.title : undefined;
  return {
    scene: buildScene(laid.features, view, size),
    context: areas.length ? contextFor(areas, view) : undefined,
    areasFrom: city && title ? { slug: city.slug, title } : undefined,
    view,
    fitted,
    marks: laid.marks,
    unplaced: laid.unplaced,
  };
}

/**
 * The problems the principal may see, filtered as the list is, drawn on the
 * city's map (most voted on top, up to MAX_MAPPED_PROBLEMS), at the view
 * asked for (`zoom/lat/lon`) or the whole city.
 */
export async function problemMap(deps: Deps, p: Principal, r: ProblemListRequest, viewText?: string): Promise<ProblemMap> {
  const page = await listProblems(deps, p, { ...r, limit: MAX_MAPPED_PROBLEMS, offset: 0 });
  // Most voted last, so they are drawn on top.
  const drawn = await draw(deps, [...page.results].reverse(), viewText, (_a, fitted) => fitted, 'dots');
  return { ...drawn, unplaced: [...drawn.unplaced].reverse(), total: page.total, truncated: page.total > page.results.length, shown: page.results.length };
}

/** One problem on the city's map: its point up close, its area whole, or the whole city for a citywide one. */
export async function problemPlaceMap(deps: Deps, problem: Problem): Promise<ProblemMap> {
  const drawn = await draw(deps, [problem], undefined, (areas, fitted) => {
    const place = problem.place;
    if (place.kind === 'point') return normalView({ zoom: POINT_ZOOM, lat: place.lat, lon: place.lon });
    const area = areas.find((a) => a.title === (problem.area ?? (place.kind === 'area' ? place.area : '')));
    return area ? fitBounds(area.shape.bounds, PROBLEM_MAP_SIZE, 40, POINT_ZOOM) : fitted;
  });
  return { ...drawn, total: 1, truncated: false, shown: 1 };
}

/** The whole city's map for picking a point, with the point already typed drawn on it. */
export async function pickingMap(deps: Deps, typed: { lat: number; lon: number } | undefined): Promise<ProblemMap> {
  const marker: Problem[] = typed ? [{ id: 'typed', title: `${typed.lat}, ${typed.lon}`, description: '', affected: '', category: '', place: { kind: 'point', ...typed }, area: null, status: 'new', statusReason: null, organizationId: null, authorId: null, hidden: false, mergedInto: null, votes: 0, createdAt: '', updatedAt: '' }] : [];
  const drawn = await draw(deps, marker, undefined, (_a, fitted) => fitted);
  return { ...drawn, total: marker.length, truncated: false, shown: marker.length };
}
