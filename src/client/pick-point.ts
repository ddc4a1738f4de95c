/**
 * The new-problem form's map when JavaScript runs: a click on the city's map
 * fills in the latitude and longitude, chooses "at a point", marks the place
 * and says so to screen readers. Without it the form takes typed values.
 */
import { placeAt, PROBLEM_MAP_SIZE } from '../domain/map/problems.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

function enhance(box: HTMLElement): void {
  const svg = box.querySelector<SVGSVGElement>('svg.map');
  const form = box.closest('form');
  const lat = form?.querySelector<HTMLInputElement>('input[name="lat"]');
  const lon = form?.querySelector<HTMLInputElement>('input[name="lon"]');
  const point = form?.querySelector<HTMLInputElement>('input[name="place_kind"][value="point"]');
  const said = box.querySelector<HTMLElement>('[data-picked]');
  const [zoom, vlat, vlon] = (svg?.dataset.view ?? '').split('/').map(Number);
  if (!svg || !lat || !lon || zoom === undefined || vlat === undefined || vlon === undefined || [zoom, vlat, vlon].some(Number.isNaN)) return;
  const view = { zoom, lat: vlat, lon: vlon };
  svg.style.cursor = 'crosshair';
  let marker: SVGCircleElement | undefined;
  svg.addEventListener('click', (e) => {
    // The map's marks are links; a click on the map picks a place instead.
    e.preventDefault();
    const rect = svg.getBoundingClientRect();
    const x = ((e.clientX - rect.left) * PROBLEM_MAP_SIZE.width) / rect.width;
    const y = ((e.clientY - rect.top) * PROBLEM_MAP_SIZE.height) / rect.height;
    const place = placeAt(view, PROBLEM_MAP_SIZE, x, y);
    lat.value = String(place.lat);
    lon.value = String(place.lon);
    if (point) point.checked = true;
    if (!marker) {
      marker = document.createElementNS(SVG_NS, 'circle');
      marker.setAttribute('r', '7');
      marker.setAttribute('fill', '#b3261e');
      marker.setAttribute('stroke', '#fff');
      marker.setAttribute('stroke-width', '2');
      marker.classList.add('picked');
      svg.appendChild(marker);
    }
    marker.setAttribute('cx', String(Math.round(x)));
    marker.setAttribute('cy', String(Math.round(y)));
    if (said) said.textContent = (box.dataset.pickedText ?? '').replace('{lat}', String(place.lat)).replace('{lon}', String(place.lon));
  });
}

for (const box of document.querySelectorAll<HTMLElement>('[data-pick-map]')) enhance(box);
