import { project, TILE_SIZE } from './mercator.ts';
import { MAX_ZOOM, type Size, type View } from './view.ts';

/** One raster tile placed on the map: its address and its square in map pixels. */
export interface PlacedTile {
  href: string;
  x: number;
  y: number;
  size: number;
}

/** The highest tile zoom drawn; views closer in scale these tiles up. */
export const MAX_TILE_ZOOM = MAX_ZOOM;

const r2 = (v: number): number => Math.round(v * 100) / 100;

/**
 * The tiles that cover a view, at the whole zoom nearest the view's (scaled
 * to fit a fractional zoom), from a `{z}/{x}/{y}` URL template. `margin`
 * reaches that many map widths and heights beyond each side, so a map being
 * dragged shows no gaps. Tiles wrap around the antimeridian; rows beyond the
 * poles are left out.
 */
export function tilesFor(template: string, view: View, size: Size, margin = 0): PlacedTile[] {
  const z = Math.max(0, Math.min(MAX_TILE_ZOOM, Math.round(view.zoom)));
  const side = TILE_SIZE * 2 ** (view.zoom - z);
  const [cx, cy] = project(view.lon, view.lat, view.zoom);
  const ox = cx - size.width / 2;
  const oy = cy - size.height / 2;
  const count = 2 ** z;
  const tiles: PlacedTile[] = [];
  const [x0, x1] = [Math.floor((ox - margin * size.width) / side), Math.floor((ox + (1 + margin) * size.width - 1e-9) / side)];
  const [y0, y1] = [Math.floor((oy - margin * size.height) / side), Math.floor((oy + (1 + margin) * size.height - 1e-9) / side)];
  for (let ty = Math.max(0, y0); ty <= Math.min(count - 1, y1); ty++) {
    for (let tx = x0; tx <= x1; tx++) {
      const wrapped = ((tx % count) + count) % count;
      const href = template.replace('{z}', String(z)).replace('{x}', String(wrapped)).replace('{y}', String(ty));
      // Half a pixel more on each tile hides the hairline seams between scaled tiles.
      tiles.push({ href, x: r2(tx * side - ox), y: r2(ty * side - oy), size: r2(side + 0.5) });
    }
  }
  return tiles;
}
