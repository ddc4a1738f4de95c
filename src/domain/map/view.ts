import { isEmpty, type Bounds } from './bounds.ts';
import { MAX_LATITUDE, project, unproject } from './mercator.ts';

/** What the map shows: a centre and a zoom level (fractional zooms allowed). */
export interface View {
  zoom: number;
  lat: number;
  lon: number;
}

/** The map's size in pixels. */
export interface Size {
  width: number;
  height: number;
}

export const MIN_ZOOM = 0;
export const MAX_ZOOM = 19;

const round = (v: number, digits: number): number => Number(v.toFixed(digits));
const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** A view kept within the world and the zoom range, rounded as it is written in URLs. */
export function normalView(v: View): View {
  return {
    zoom: round(clamp(v.zoom, MIN_ZOOM, MAX_ZOOM), 2),
    lat: round(clamp(v.lat, -MAX_LATITUDE, MAX_LATITUDE), 5),
    lon: round(((((v.lon + 180) % 360) + 360) % 360) - 180, 5),
  };
}

/** The view as written in a URL: `zoom/lat/lon`, like `11.5/40.71/-73.95`. */
export const formatView = (v: View): string => {
  const n = normalView(v);
  return `${n.zoom}/${n.lat}/${n.lon}`;
};

/**
 * Reads a view from a URL: `zoom/lat/lon`, or a box `west,south,east,north`
 * (fitted to the map's size). Undefined when the text is neither.
 */
export function parseView(text: string, size: Size): View | undefined {
  const nums = (parts: string[]) => parts.map((p) => (/^\s*[-+]?\d+(\.\d+)?\s*$/.test(p) ? Number(p) : NaN));
  const slash = text.split('/');
  if (slash.length === 3) {
    const [zoom, lat, lon] = nums(slash) as [number, number, number];
    if ([zoom, lat, lon].some((n) => !Number.isFinite(n)) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return undefined;
    return normalView({ zoom, lat, lon });
  }
  const comma = text.split(',');
  if (comma.length === 4) {
    const [west, south, east, north] = nums(comma) as [number, number, number, number];
    if ([west, south, east, north].some((n) => !Number.isFinite(n)) || west >= east || south >= north) return undefined;
    if (Math.abs(south) > 90 || Math.abs(north) > 90 || Math.abs(west) > 180 || Math.abs(east) > 180) return undefined;
    return fitBounds({ west, south, east, north }, size, 0);
  }
  return undefined;
}

/** The view that shows a box whole, with `padding` pixels to spare on every side, at the highest zoom that fits (at most `maxZoom`). */
export function fitBounds(b: Bounds, size: Size, padding = 20, maxZoom = 17): View {
  if (isEmpty(b)) return { zoom: 1, lat: 0, lon: 0 };
  const [x1, y1] = project(b.west, b.north, 0);
  const [x2, y2] = project(b.east, b.south, 0);
  const w = Math.max(x2 - x1, 1e-9);
  const h = Math.max(y2 - y1, 1e-9);
  const zoom = Math.min(maxZoom, Math.log2(Math.min((size.width - 2 * padding) / w, (size.height - 2 * padding) / h)));
  const [lon, lat] = unproject((x1 + x2) / 2, (y1 + y2) / 2, 0);
  return normalView({ zoom: Math.floor(zoom * 100) / 100, lat, lon });
}

/** The world pixel at the map's top-left corner. */
export function origin(v: View, size: Size): [number, number] {
  const [cx, cy] = project(v.lon, v.lat, v.zoom);
  return [cx - size.width / 2, cy - size.height / 2];
}

/** The box of places the view shows. */
export function viewBounds(v: View, size: Size): Bounds {
  const [ox, oy] = origin(v, size);
  const [west, north] = unproject(ox, oy, v.zoom);
  const [east, south] = unproject(ox + size.width, oy + size.height, v.zoom);
  return { west, south, east, north };
}

/** The view moved by a share of the map's width and height (east and south positive). */
export function pan(v: View, size: Size, dx: number, dy: number): View {
  const [cx, cy] = project(v.lon, v.lat, v.zoom);
  const [lon, lat] = unproject(cx + dx * size.width, cy + dy * size.height, v.zoom);
  return normalView({ zoom: v.zoom, lat, lon });
}

/** The view zoomed in (positive) or out (negative) by whole levels about its centre. */
export const zoomBy = (v: View, levels: number): View => normalView({ ...v, zoom: v.zoom + levels });

/** The view centred on a map pixel, zoomed by some levels: how a cluster opens. */
export function zoomAt(v: View, size: Size, x: number, y: number, levels: number): View {
  const [ox, oy] = origin(v, size);
  const [lon, lat] = unproject(ox + x, oy + y, v.zoom);
  return normalView({ zoom: v.zoom + levels, lat, lon });
}
