import { intersects, type Bounds } from './bounds.ts';
import { classColour, classOf, legend, NO_VALUE_COLOUR, type Classes } from './classes.ts';
import { gridCluster } from './cluster.ts';
import type { Position, Shape } from './geometry.ts';
import { project } from './mercator.ts';
import { origin, viewBounds, zoomAt, type Size, type View } from './view.ts';

/** Above this many points in view, points are drawn as counted clusters. */
export const CLUSTER_ABOVE = 2000;
/** The side of a clustering cell, in pixels. */
export const CLUSTER_CELL = 48;
/** The radius of a single point, in pixels. */
export const POINT_RADIUS = 5;

/** One row to draw: its number among the mapped rows, a name for its tooltip, its colour value, its shape. */
export interface MapFeature {
  id: number;
  title: string;
  value: number | null;
  shape: Shape;
}

export interface ScenePath {
  id: number;
  /** SVG path data in map pixels. */
  d: string;
  fill: string;
  title: string;
  selected: boolean;
}
export interface SceneCircle {
  id: number;
  x: number;
  y: number;
  fill: string;
  title: string;
  selected: boolean;
}
export interface SceneCluster {
  x: number;
  y: number;
  r: number;
  count: number;
  /** The view that opens the cluster: centred on it, two levels closer. */
  view: View;
}

/** Everything the map draws for a view, in map pixels, ready for SVG. */
export interface Scene {
  size: Size;
  bounds: Bounds;
  areas: ScenePath[];
  lines: ScenePath[];
  points: SceneCircle[];
  clusters: SceneCluster[];
  /** The features with something in view, by id, in order. */
  inView: number[];
  legend: { colour: string; label: string }[] | undefined;
}

const r1 = (v: number): number => Math.round(v * 10) / 10;

/** A ring or line as SVG path data in whole pixels, dropping vertices that land on the previous one at this zoom. */
export function pathOf(ring: Position[], zoom: number, ox: number, oy: number, close: boolean): string {
  let d = '';
  let last = '';
  for (const [lon, lat] of ring) {
    const [x, y] = project(lon, lat, zoom);
    const xy = `${Math.round(x - ox)} ${Math.round(y - oy)}`;
    if (xy === last) continue;
    d += `${d ? 'L' : 'M'}${xy}`;
    last = xy;
  }
  return close ? `${d}Z` : d;
}

/**
 * Lays out features for a view: areas and lines as paths, points as circles,
 * or as clusters when more than CLUSTER_ABOVE points are in view. With
 * classes, fills follow the feature's value class (grey when it has none).
 */
export function buildScene(features: MapFeature[], view: View, size: Size, classes?: Classes, selected?: number): Scene {
  const bounds = viewBounds(view, size);
  const [ox, oy] = origin(view, size);
  const count = classes ? classes.breaks.length + 1 : 0;
  const fillOf = (f: MapFeature, plain: string) => (!classes ? plain : f.value === null ? NO_VALUE_COLOUR : classColour(classOf(classes, f.value), count));
  const scene: Scene = { size, bounds, areas: [], lines: [], points: [], clusters: [], inView: [], legend: classes ? legend(classes) : undefined };
  const dots: { f: MapFeature; x: number; y: number }[] = [];
  const margin = POINT_RADIUS;
  for (const f of features) {
    if (!intersects(f.shape.bounds, bounds)) continue;
    let seen = false;
    const isSelected = f.id === selected;
    if (f.shape.polygons.length) {
      const d = f.shape.polygons.map((p) => p.map((ring) => pathOf(ring, view.zoom, ox, oy, true)).join('')).join('');
      scene.areas.push({ id: f.id, d, fill: fillOf(f, '#6baed6'), title: f.title, selected: isSelected });
      seen = true;
    }
    if (f.shape.lines.length) {
      scene.lines.push({ id: f.id, d: f.shape.lines.map((l) => pathOf(l, view.zoom, ox, oy, false)).join(''), fill: fillOf(f, '#08519c'), title: f.title, selected: isSelected });
      seen = true;
    }
    for (const [lon, lat] of f.shape.points) {
      const [wx, wy] = project(lon, lat, view.zoom);
      const x = wx - ox;
      const y = wy - oy;
      if (x < -margin || y < -margin || x > size.width + margin || y > size.height + margin) continue;
      dots.push({ f, x, y });
      seen = true;
    }
    if (seen) scene.inView.push(f.id);
  }
  if (dots.length > CLUSTER_ABOVE) {
    for (const c of gridCluster(dots.map((p) => [p.x, p.y]), CLUSTER_CELL)) {
      if (c.count === 1) {
        const p = dots[c.members[0]!]!;
        scene.points.push({ id: p.f.id, x: r1(p.x), y: r1(p.y), fill: fillOf(p.f, '#3182bd'), title: p.f.title, selected: p.f.id === selected });
      } else {
        const r = Math.round(10 + 4 * Math.log10(c.count));
        scene.clusters.push({ x: r1(c.x), y: r1(c.y), r, count: c.count, view: zoomAt(view, size, c.x, c.y, 2) });
      }
    }
  } else {
    for (const p of dots) scene.points.push({ id: p.f.id, x: r1(p.x), y: r1(p.y), fill: fillOf(p.f, '#3182bd'), title: p.f.title, selected: p.f.id === selected });
  }
  return scene;
}
