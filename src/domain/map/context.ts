import type { ColumnInfo } from '../table/types.ts';
import { intersects } from './bounds.ts';
import type { Position, Shape } from './geometry.ts';
import { project } from './mercator.ts';
import { pathOf } from './scene.ts';
import { origin, viewBounds, type Size, type View } from './view.ts';

/** One area of the context layer (a district, a ZIP code): its name and its shape. */
export interface ContextArea {
  title: string;
  shape: Shape;
}

/** The column that names a feature or an area: one called like a name, else the first text column. */
export function labelColumn(columns: ColumnInfo[]): ColumnInfo | undefined {
  const texts = columns.filter((c) => c.type === 'text');
  return texts.find((c) => /(^|_)(name|title|label)(_|$)|name$/.test(c.name)) ?? texts.find((c) => !/^(type|kind|id)$/.test(c.name)) ?? texts[0];
}

export interface ContextLabel {
  x: number;
  y: number;
  text: string;
}

/** The context layer for a view, in map pixels: the outlines of the areas in view and the names that fit inside them. */
export interface ContextScene {
  paths: string[];
  labels: ContextLabel[];
}

/** Label text is drawn at about this many pixels per character, this tall. */
const CHAR_WIDTH = 6.5;
const LABEL_HEIGHT = 13;
export const MAX_CONTEXT_LABELS = 150;

/** A ring's area-weighted centre and its box, in map pixels. */
function ringInPixels(ring: Position[], zoom: number, ox: number, oy: number) {
  let a = 0;
  let cx = 0;
  let cy = 0;
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  const pts = ring.map(([lon, lat]) => {
    const [x, y] = project(lon, lat, zoom);
    return [x - ox, y - oy] as const;
  });
  for (let i = 0; i < pts.length; i++) {
    const [x1, y1] = pts[i]!;
    const [x2, y2] = pts[(i + 1) % pts.length]!;
    const cross = x1 * y2 - x2 * y1;
    a += cross;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
    [minX, minY, maxX, maxY] = [Math.min(minX, x1), Math.min(minY, y1), Math.max(maxX, x1), Math.max(maxY, y1)];
  }
  const centre = Math.abs(a) > 1e-9 ? { x: cx / (3 * a), y: cy / (3 * a) } : { x: (minX + maxX) / 2, y: (minY + maxY) / 2 };
  return { ...centre, width: maxX - minX, height: maxY - minY };
}

/**
 * Lays out the context areas for a view: every area in view as one outline
 * path, and each area's name at the centre of its largest part where the
 * name fits inside that part and overlaps no other name.
 */
export function buildContext(areas: readonly ContextArea[], view: View, size: Size): ContextScene {
  const bounds = viewBounds(view, size);
  const [ox, oy] = origin(view, size);
  const paths: string[] = [];
  const labels: ContextLabel[] = [];
  const taken: { x: number; y: number; w: number }[] = [];
  for (const area of areas) {
    if (!area.shape.polygons.length || !intersects(area.shape.bounds, bounds)) continue;
    paths.push(area.shape.polygons.map((p) => p.map((ring) => pathOf(ring, view.zoom, ox, oy, true)).join('')).join(''));
    const text = area.title.trim();
    if (!text || labels.length >= MAX_CONTEXT_LABELS) continue;
    const parts = area.shape.polygons.map((p) => ringInPixels(p[0]!, view.zoom, ox, oy));
    const part = parts.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
    const w = text.length * CHAR_WIDTH;
    if (part.width < w + 4 || part.height < LABEL_HEIGHT + 4) continue;
    if (part.x - w / 2 < 0 || part.x + w / 2 > size.width || part.y - LABEL_HEIGHT < 0 || part.y + LABEL_HEIGHT > size.height) continue;
    if (taken.some((o) => Math.abs(o.x - part.x) < (o.w + w) / 2 && Math.abs(o.y - part.y) < LABEL_HEIGHT)) continue;
    taken.push({ x: part.x, y: part.y, w });
    labels.push({ x: Math.round(part.x * 10) / 10, y: Math.round(part.y * 10) / 10, text });
  }
  return { paths, labels };
}
