import { describe, expect, it } from 'vitest';
import { describeBounds } from '../../src/domain/map/bounds.ts';
import { MAX_LATITUDE, project, unproject } from '../../src/domain/map/mercator.ts';
import { fitBounds, formatView, pan, parseView, viewBounds, zoomBy } from '../../src/domain/map/view.ts';

const SIZE = { width: 800, height: 500 };

describe('Web Mercator', () => {
  it('puts the world on 256 × 2^zoom pixels', () => {
    expect(project(0, 0, 0)).toEqual([128, 128]);
    expect(project(-180, 0, 1)).toEqual([0, 256]);
    expect(project(180, 0, 2)[0]).toBe(1024);
    const [x, y] = project(-180, MAX_LATITUDE, 0);
    expect(x).toBe(0);
    expect(y).toBeCloseTo(0, 9);
    // New York City Hall at zoom 10: tile 301, 385 (the same tile the tile servers give).
    const [cx, cy] = project(-74.006, 40.7128, 10);
    expect([Math.floor(cx / 256), Math.floor(cy / 256)]).toEqual([301, 385]);
    expect(cx).toBeCloseTo(77182.4754, 4);
    expect(cy).toBeCloseTo(98561.1104, 4);
  });

  it('unprojects what it projects', () => {
    const [x, y] = project(-87.6298, 41.8781, 12.5);
    const [lon, lat] = unproject(x, y, 12.5);
    expect(lon).toBeCloseTo(-87.6298, 9);
    expect(lat).toBeCloseTo(41.8781, 9);
  });
});

describe('views', () => {
  it('reads zoom/lat/lon and boxes from the URL, and refuses anything else', () => {
    expect(parseView('11.5/40.71/-73.95', SIZE)).toEqual({ zoom: 11.5, lat: 40.71, lon: -73.95 });
    expect(parseView('25/40.71/-73.95', SIZE)).toEqual({ zoom: 19, lat: 40.71, lon: -73.95 });
    expect(parseView('-74.3,40.5,-73.7,40.9', SIZE)).toEqual({ zoom: 10.38, lat: 40.7003, lon: -74 });
    for (const bad of ['', 'x/1/2', '1/95/0', '1,2,3', '-73.7,40.5,-74.3,40.9', '1/2/3/4']) expect(parseView(bad, SIZE)).toBeUndefined();
  });

  it('fits a box with padding at the highest zoom that holds it', () => {
    const v = fitBounds({ west: -74.25, south: 40.5, east: -73.7, north: 40.91 }, SIZE);
    expect(v).toEqual({ zoom: 10.22, lat: 40.70532, lon: -73.975 });
    const b = viewBounds(v, SIZE);
    expect(b.west).toBeLessThan(-74.25);
    expect(b.east).toBeGreaterThan(-73.7);
    expect(b.south).toBeLessThan(40.5);
    expect(b.north).toBeGreaterThan(40.91);
    expect(formatView(v)).toBe('10.22/40.70532/-73.975');
  });

  it('pans by a share of the map and zooms by whole levels', () => {
    const v = { zoom: 2, lat: 0, lon: 0 };
    // Half of 800 pixels on a 1,024-pixel world is 140.625 degrees.
    expect(pan(v, SIZE, 0.5, 0)).toEqual({ zoom: 2, lat: 0, lon: 140.625 });
    expect(pan(v, SIZE, -0.5, 0).lon).toBe(-140.625);
    expect(pan(v, SIZE, 0, -0.5).lat).toBeCloseTo(65.65827, 5);
    expect(zoomBy(v, 1)).toEqual({ zoom: 3, lat: 0, lon: 0 });
    expect(zoomBy(v, -5).zoom).toBe(0);
  });

  it('describes a box in words', () => {
    expect(describeBounds({ west: -74.2557, south: 40.4961, east: -73.7004, north: 40.9155 })).toBe('40.50°N to 40.92°N, 74.26°W to 73.70°W');
  });
});
