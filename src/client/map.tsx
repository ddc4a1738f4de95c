/**
 * The dataset map when JavaScript runs. The page works without it: features,
 * clusters and the zoom and pan links are plain links the server answers.
 * With it:
 * - those links update the map in place (the server still draws it) and the
 *   address follows, so the view can be shared;
 * - the map can be dragged to pan and zoomed with the mouse wheel;
 * - with a tile server configured (the SVG's data-tiles), the server draws
 *   the tiles of the view and the island adds those around it, so a drag
 *   shows no gaps; without one, no tile is ever requested.
 */
import { project, unproject } from '../domain/map/mercator.ts';
import { tilesFor } from '../domain/map/tiles.ts';
import { formatView, MAX_ZOOM, MIN_ZOOM, normalView, type View } from '../domain/map/view.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

const body = (): HTMLElement | null => document.getElementById('map-body');
const svgOf = (root: ParentNode): SVGSVGElement | null => root.querySelector('svg.map');

function readView(svg: SVGSVGElement): View | undefined {
  const [zoom, lat, lon] = (svg.dataset.view ?? '').split('/').map(Number);
  return zoom === undefined || lat === undefined || lon === undefined || [zoom, lat, lon].some(Number.isNaN) ? undefined : { zoom, lat, lon };
}

/**
 * Raster tiles reaching a whole map beyond each side of the view, in place of
 * the server's (which cover the view only), so a drag shows no gaps.
 */
function drawTiles(svg: SVGSVGElement): void {
  const template = svg.dataset.tiles;
  const view = readView(svg);
  if (!template || !view) return;
  const { width, height } = svg.viewBox.baseVal;
  const layer = document.createElementNS(SVG_NS, 'g');
  layer.setAttribute('class', 'tiles');
  for (const tile of tilesFor(template, view, { width, height }, 1)) {
    const img = document.createElementNS(SVG_NS, 'image');
    img.setAttribute('href', tile.href);
    img.setAttribute('x', String(tile.x));
    img.setAttribute('y', String(tile.y));
    img.setAttribute('width', String(tile.size));
    img.setAttribute('height', String(tile.size));
    layer.appendChild(img);
  }
  const drawn = svg.querySelector('g.tiles');
  if (drawn) drawn.replaceWith(layer);
  else svg.insertBefore(layer, svg.querySelector('g.context') ?? svg.querySelector('g.features'));
}

let loading = 0;

/** Loads the map for an address from the server and puts it in place of the current one. */
/** After the swap, focus goes to the feature panel, or to the link of the same name (zoom, pan), so keyboard users keep their place. */
async function show(url: string, how: 'push' | 'replace' | 'none', focus?: 'panel' | { link: string }): Promise<void> {
  const ticket = ++loading;
  const res = await fetch(url, { headers: { Accept: 'text/html' } });
  if (ticket !== loading) return;
  if (!res.ok) {
    window.location.href = url;
    return;
  }
  const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
  const next = doc.getElementById('map-body');
  const current = body();
  if (!next || !current) {
    window.location.href = url;
    return;
  }
  current.replaceWith(document.importNode(next, true));
  if (how === 'push') history.pushState(null, '', url);
  else if (how === 'replace') history.replaceState(null, '', url);
  start();
  if (focus === 'panel') document.getElementById('map-feature')?.focus();
  else if (focus) [...(body()?.querySelectorAll<HTMLAnchorElement>('nav a') ?? [])].find((a) => a.textContent === focus.link)?.focus();
}

/** The current address with a new view. */
function withView(v: View): string {
  const url = new URL(window.location.href);
  url.searchParams.set('view', formatView(v));
  return url.pathname + url.search;
}

/** Drag to pan, wheel to zoom: the picture moves at once, the server redraws when the hand stops. */
function interact(svg: SVGSVGElement): void {
  const view = readView(svg);
  if (!view) return;
  const { width, height } = svg.viewBox.baseVal;
  const perPixel = () => width / svg.getBoundingClientRect().width;
  let drag: { x: number; y: number; id: number; moved: boolean } | undefined;
  let dx = 0;
  let dy = 0;
  let zoom = 0;
  let timer: number | undefined;
  let anchor = { x: width / 2, y: height / 2 };
  const apply = () => {
    const k = 2 ** -zoom;
    const w = width * k;
    const h = height * k;
    svg.setAttribute('viewBox', `${anchor.x - anchor.x * k - dx} ${anchor.y - anchor.y * k - dy} ${w} ${h}`);
  };
  const settle = () => {
    const [cx, cy] = project(view.lon, view.lat, view.zoom);
    // The map pixel now at the centre, back in world pixels, at the new zoom.
    const k = 2 ** -zoom;
    const mx = anchor.x - anchor.x * k - dx + (width * k) / 2;
    const my = anchor.y - anchor.y * k - dy + (height * k) / 2;
    const [lon, lat] = unproject(cx - width / 2 + mx, cy - height / 2 + my, view.zoom);
    void show(withView(normalView({ zoom: view.zoom + zoom, lat, lon })), 'replace');
  };
  // Links are draggable by default; here a drag moves the map.
  svg.addEventListener('dragstart', (e) => e.preventDefault());
  svg.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, id: e.pointerId, moved: false };
  });
  svg.addEventListener('pointermove', (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    const mx = e.clientX - drag.x;
    const my = e.clientY - drag.y;
    if (!drag.moved && Math.hypot(mx, my) < 4) return;
    if (!drag.moved) svg.setPointerCapture(e.pointerId);
    drag.moved = true;
    dx = mx * perPixel() * 2 ** -zoom;
    dy = my * perPixel() * 2 ** -zoom;
    apply();
  });
  const end = (e: PointerEvent) => {
    if (!drag || e.pointerId !== drag.id) return;
    const moved = drag.moved;
    drag = undefined;
    if (moved) settle();
  };
  svg.addEventListener('pointerup', end);
  svg.addEventListener('pointercancel', end);
  // A drag ends with a click on whatever was under the pointer; it is not a choice of feature.
  svg.addEventListener('click', (e) => {
    if (dx !== 0 || dy !== 0) e.preventDefault();
  }, true);
  svg.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault();
      const box = svg.getBoundingClientRect();
      if (zoom === 0) anchor = { x: (e.clientX - box.left) * perPixel(), y: (e.clientY - box.top) * perPixel() };
      const next = zoom + (e.deltaY < 0 ? 0.5 : -0.5);
      if (view.zoom + next < MIN_ZOOM || view.zoom + next > MAX_ZOOM) return;
      zoom = next;
      apply();
      window.clearTimeout(timer);
      timer = window.setTimeout(settle, 350);
    },
    { passive: false },
  );
}

/** Links inside the map (features, clusters, zoom and pan) load in place. */
function onClick(e: MouseEvent): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element).closest('a');
  const root = body();
  if (!a || !root || !root.contains(a)) return;
  const url = new URL(a.getAttribute('href') ?? '', window.location.href);
  if (url.pathname !== window.location.pathname) return;
  e.preventDefault();
  void show(url.pathname + url.search, 'push', url.searchParams.has('feature') ? 'panel' : a.closest('nav') ? { link: a.textContent ?? '' } : undefined);
}

function start(): void {
  const svg = svgOf(document);
  if (!svg) return;
  drawTiles(svg);
  interact(svg);
}

document.addEventListener('click', onClick);
window.addEventListener('popstate', () => void show(window.location.pathname + window.location.search, 'none'));
start();
