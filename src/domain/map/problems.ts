import type { Problem } from '../community/problems.ts';
import { emptyBounds, extend, union, type Bounds } from './bounds.ts';
import type { ContextArea } from './context.ts';
import { unproject } from './mercator.ts';
import type { MapFeature } from './scene.ts';
import { origin, type Size, type View } from './view.ts';

/** What a mark on the problems map leads to: one problem (a point), or the problems of one area. */
export type ProblemMark = { kind: 'problem'; problem: Problem } | { kind: 'area'; area: string; problems: Problem[] };

/** The problems as map features: each point its own mark, the problems of an area one mark drawn as that area. */
export interface ProblemFeatures {
  features: MapFeature[];
  /** What each feature (by id) leads to. */
  marks: Map<number, ProblemMark>;
  /** Citywide problems, and those in an area the city's areas do not have: listed, not drawn. */
  unplaced: Problem[];
  /** The box of everything drawn (empty when nothing is). */
  bounds: Bounds;
}

/**
 * Lays problems out for the map, in the order given (the first drawn
 * beneath): points by their coordinates, area problems as their area from
 * the city's areas, grouped so an area is marked once however many problems
 * it holds: drawn whole (`shapes`), or as a dot at its middle (`dots`), for
 * maps where the areas are drawn beneath anyway.
 */
export function problemFeatures(problems: readonly Problem[], areas: readonly ContextArea[], areasAs: 'shapes' | 'dots' = 'shapes'): ProblemFeatures {
  const byTitle = new Map(areas.map((a) => [a.title, a]));
  const features: MapFeature[] = [];
  const marks = new Map<number, ProblemMark>();
  const unplaced: Problem[] = [];
  const grouped = new Map<string, Problem[]>();
  let bounds = emptyBounds();
  for (const p of problems) {
    if (p.place.kind === 'point') {
      const id = features.length + 1;
      const b = extend(emptyBounds(), p.place.lon, p.place.lat);
      features.push({ id, title: p.title, value: null, shape: { points: [[p.place.lon, p.place.lat]], lines: [], polygons: [], bounds: b } });
      marks.set(id, { kind: 'problem', problem: p });
      bounds = union(bounds, b);
    } else if (p.place.kind === 'area' && byTitle.has(p.area ?? p.place.area)) {
      const name = p.area ?? p.place.area;
      grouped.set(name, [...(grouped.get(name) ?? []), p]);
    } else unplaced.push(p);
  }
  // Areas go first, so that points are drawn over them.
  const areaFeatures: MapFeature[] = [];
  for (const [name, list] of grouped) {
    const area = byTitle.get(name)!;
    const id = features.length + areaFeatures.length + 1;
    const b = area.shape.bounds;
    const middle: [number, number] = [(b.west + b.east) / 2, (b.south + b.north) / 2];
    const shape = areasAs === 'shapes' ? area.shape : { points: [middle], lines: [], polygons: [], bounds: extend(emptyBounds(), ...middle) };
    areaFeatures.push({ id, title: list.length === 1 ? list[0]!.title : `${name} (${list.length})`, value: null, shape });
    marks.set(id, list.length === 1 ? { kind: 'problem', problem: list[0]! } : { kind: 'area', area: name, problems: list });
    bounds = union(bounds, area.shape.bounds);
  }
  return { features: [...areaFeatures, ...features], marks, unplaced, bounds };
}

/** The box of all the city's areas (empty without any). */
export const cityBounds = (areas: readonly ContextArea[]): Bounds => areas.reduce((b, a) => union(b, a.shape.bounds), emptyBounds());

/** The problems map's size in pixels; the picture scales to the page's width. */
export const PROBLEM_MAP_SIZE = { width: 800, height: 500 } as const;

/** The place under a pixel of a map drawn at a view (what a click on the map picks), to 5 decimals (about a metre). */
export function placeAt(v: View, size: Size, x: number, y: number): { lat: number; lon: number } {
  const [ox, oy] = origin(v, size);
  const [lon, lat] = unproject(ox + x, oy + y, v.zoom);
  return { lat: Number(lat.toFixed(5)), lon: Number(lon.toFixed(5)) };
}
