/**
 * Invalid geometry through the real ingest: each GeoJSON feature whose
 * geometry is not valid is rejected with its number and the reason, counted
 * like any rejected row (job, version, rejects file, strict policy) on both
 * the staged and the direct path; no export or map hands on such a geometry,
 * whether it came from a geometry column or from latitude and longitude.
 */
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../../src/actions/catalog/read-datasets.ts';
import { exportRecords } from '../../src/actions/records/export-records.ts';
import { queryRecords } from '../../src/actions/records/query-records.ts';
import { rejectsFile } from '../../src/actions/records/rejects-file.ts';
import { buildApp } from '../../src/http/app.ts';
import { fixture, type TestPlaza } from '../support/plaza.ts';
import { loadText, PATHS, startBothPaths, type BothPaths, type IngestPath } from './both-paths.ts';
import { parseCsv, streamText } from './support.ts';

type Geometry = { type: string; coordinates?: unknown; geometries?: unknown } | null;
interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: Geometry;
}

/** Validity by RFC 7946, written here apart from the code under test. */
function valid(g: unknown): boolean {
  if (g === null) return true;
  if (typeof g !== 'object' || Array.isArray(g)) return false;
  const { type, coordinates: c, geometries } = g as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  const pos = (p: unknown): boolean =>
    Array.isArray(p) && (p.length === 2 || p.length === 3) && p.every((n) => typeof n === 'number' && Number.isFinite(n)) && Math.abs(p[0] as number) <= 180 && Math.abs(p[1] as number) <= 90;
  const list = (v: unknown, each: (x: unknown) => boolean, min = 0): boolean => Array.isArray(v) && v.length >= min && v.every(each);
  const line = (v: unknown) => list(v, pos, 2);
  const ring = (v: unknown) => list(v, pos, 4) && JSON.stringify((v as unknown[])[0]) === JSON.stringify((v as unknown[]).at(-1));
  const polygon = (v: unknown) => list(v, ring);
  switch (type) {
    case 'Point':
      return pos(c);
    case 'MultiPoint':
      return list(c, pos);
    case 'LineString':
      return line(c);
    case 'MultiLineString':
      return list(c, line);
    case 'Polygon':
      return polygon(c);
    case 'MultiPolygon':
      return list(c, polygon);
    case 'GeometryCollection':
      return list(geometries, valid);
    default:
      return false;
  }
}

const square: number[][] = [
  [-73.95, 40.7],
  [-73.94, 40.7],
  [-73.94, 40.71],
  [-73.95, 40.71],
  [-73.95, 40.7],
];
const feature = (name: string, ward: number, geometry: unknown, extra: Record<string, unknown> = {}): Feature => ({
  type: 'Feature',
  properties: { name, ward, ...extra },
  geometry: geometry as Geometry,
});

/** The probe: invalid geometries among valid ones, each invalid one with the reason the publisher should read. */
const MIXED: { f: Feature; reason?: string }[] = [
  { f: feature('City Hall', 1, { type: 'Point', coordinates: [-74.006, 40.7128] }) },
  { f: feature('Two-point ring', 2, { type: 'Polygon', coordinates: [[[-73.9, 40.7], [-73.8, 40.8]]] }), reason: 'ring 1 of the polygon has 2 positions; a ring needs at least 4, the first repeated at the end' },
  { f: feature('Text coordinate', 3, { type: 'Point', coordinates: ['x', 999] }), reason: 'coordinates must be numbers' },
  { f: feature('Park', 4, { type: 'Polygon', coordinates: [square] }) },
  { f: feature('Bogus', 5, { type: 'Bogus' }, { only_on_a_rejected_feature: true }), reason: '"Bogus" is not a GeoJSON geometry type' },
  { f: feature('Far away', 6, { type: 'Point', coordinates: [1e308, 1e308] }), reason: 'longitude 1e+308 is outside -180 to 180' },
  { f: feature('Unplaced', 7, null) },
  { f: feature('Open ring', 8, { type: 'Polygon', coordinates: [square.slice(0, 4)] }), reason: 'ring 1 of the polygon is not closed: its last position must repeat its first' },
  { f: feature('Avenue', 9, { type: 'LineString', coordinates: [[-73.99, 40.73], [-73.98, 40.75]] }) },
  { f: feature('North of the pole', 10, { type: 'Point', coordinates: [-73.9, 999] }), reason: 'latitude 999 is outside -90 to 90' },
];

/** A FeatureCollection with one feature per line, and the line each feature starts on. */
function collection(features: Feature[]): { text: string; lineOf: (n: number) => number } {
  const text = `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
  const lines = text.split('\n');
  return { text, lineOf: (n) => lines.findIndex((l) => l.startsWith(JSON.stringify(features[n - 1]))) + 1 };
}

let paths: BothPaths;
let staged: TestPlaza;
let app: FastifyInstance;

beforeAll(async () => {
  paths = await startBothPaths();
  staged = paths.staged;
  app = await buildApp({ deps: staged.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await paths?.close();
});

const plaza = (path: IngestPath): TestPlaza => paths.plaza(path);
const load = loadText;

async function exported(t: TestPlaza, slug: string): Promise<{ features: Feature[] }> {
  const exp = await exportRecords(t.deps, t.admin, slug, 'geojson', {});
  const out = new PassThrough();
  const [text] = await Promise.all([streamText(out), exp.write(out, new AbortController().signal)]);
  return JSON.parse(text) as { features: Feature[] };
}

async function rejectsCsv(t: TestPlaza, slug: string): Promise<string[][]> {
  return parseCsv(await streamText((await rejectsFile(t.deps, t.admin, slug, 1)).stream));
}

describe.each(PATHS)('a FeatureCollection with invalid geometries (%s)', (path) => {
  const { text, lineOf } = collection(MIXED.map((m) => m.f));
  const numbered = MIXED.map((m, i) => ({ ...m, n: i + 1 }));
  const good = numbered.filter((m) => valid(m.f.geometry));
  const bad = numbered.filter((m) => !valid(m.f.geometry));

  it('is checked against the test’s own reading of RFC 7946', () => {
    // Every feature given a reason is invalid, and only those.
    expect(bad.map((m) => m.n)).toEqual(numbered.filter((m) => m.reason).map((m) => m.n));
  });

  it('loads the valid features and rejects each invalid one with its number and reason', async () => {
    const t = plaza(path);
    const { slug, job, detail } = await load(t, 'mixed.geojson', text);
    expect(job.status).toBe('succeeded');
    expect(job.rowsRejected).toBe(bad.length);
    expect(job.rowsRead).toBe(MIXED.length);
    const live = detail.live;
    expect(live?.rowCount).toBe(good.length);
    expect(live?.rejectedCount).toBe(bad.length);
    const issues = bad.map((m) => ({ row: m.n, line: lineOf(m.n), column: 'geometry', message: `feature ${m.n}: ${m.reason}` }));
    expect(live?.warnings).toEqual(issues);
    // Columns come from the loaded features: a property only a rejected feature has makes none.
    expect(live?.columns.map((c) => c.name)).toEqual(['name', 'ward', 'geometry']);
    const rows = (await queryRecords(t.deps, t.admin, slug, { select: 'name, ward' })).results;
    expect(rows).toEqual(good.map((m) => ({ name: m.f.properties.name, ward: m.f.properties.ward })));

    const [head, ...rejects] = await rejectsCsv(t, slug);
    expect(head).toEqual(['row', 'line', 'column', 'problem', 'record']);
    expect(rejects).toEqual(bad.map((m) => [String(m.n), String(lineOf(m.n)), 'geometry', `feature ${m.n}: ${m.reason}`, JSON.stringify(m.f)]));

    const out = await exported(t, slug);
    expect(out.features).toHaveLength(good.length);
    for (const f of out.features) expect(valid(f.geometry), JSON.stringify(f.geometry)).toBe(true);
    expect(out.features.map((f) => f.geometry)).toEqual(good.map((m) => m.f.geometry));
  });

  it('fails under the strict policy, counting the rejected features', async () => {
    const { job } = await load(plaza(path), 'mixed-strict.geojson', text, { policy: 'strict' });
    expect(job.status).toBe('failed');
    const first = bad[0]!;
    expect(job.errors[0]?.message).toBe(`${bad.length} rows have problems, and the strict policy allows none. First: feature ${first.n}: ${first.reason}`);
  });
});

describe('a points layer with invalid points and a value that does not fit', () => {
  // 1,200 points; two have invalid coordinates, and one count is a word (one in a thousand keeps the column whole numbers).
  const N = 1200;
  const badAt = new Map<number, unknown>([
    [3, { type: 'Point', coordinates: [-73.9, 999] }],
    [700, { type: 'Point', coordinates: ['x', 40.7] }],
  ]);
  const misfit = 1100;
  const features = Array.from({ length: N }, (_, i) =>
    feature(`site ${i + 1}`, i % 50, badAt.get(i + 1) ?? { type: 'Point', coordinates: [-74 + i / 10_000, 40.6 + i / 10_000] }, { count: i + 1 === misfit ? 'many' : i + 1 }),
  );
  const { text } = collection(features);

  it('keeps latitude and longitude columns, and names the later problem by its feature number', async () => {
    const { slug, job, detail } = await load(staged, 'points.geojson', text);
    expect(job.status).toBe('succeeded');
    const live = detail.live;
    expect(live?.rowCount).toBe(N - badAt.size - 1);
    expect(live?.rejectedCount).toBe(badAt.size + 1);
    expect(live?.columns.find((c) => c.name === 'count')?.type).toBe('integer');
    expect(live?.columns.map((c) => c.name)).toEqual(expect.arrayContaining(['latitude', 'longitude']));
    const [, ...rejects] = await rejectsCsv(staged, slug);
    expect(rejects.map((r) => r[0])).toEqual([...badAt.keys(), misfit].map(String));
    expect(rejects.at(-1)?.[3]).toMatch(new RegExp(`^row ${misfit.toLocaleString('en-US')}, column "count": "many" `));
  });
});

describe('latitude and longitude columns out of range', () => {
  const CSV = 'name,latitude,longitude\nHarbor,40.70,-74.01\nNowhere,999,-73.90\nBridge,40.71,-73.99\n';
  const rows = parseCsv(CSV).slice(1);
  const inRange = rows.filter(([, lat, lon]) => Math.abs(Number(lat)) <= 90 && Math.abs(Number(lon)) <= 180);

  it('export no geometry for the row, and the map does not draw it', async () => {
    const { slug } = await load(staged, 'places.csv', CSV);
    const out = await exported(staged, slug);
    expect(out.features).toHaveLength(rows.length);
    for (const f of out.features) expect(valid(f.geometry), JSON.stringify(f.geometry)).toBe(true);
    expect(out.features.filter((f) => f.geometry !== null).map((f) => f.properties.name)).toEqual(inRange.map(([name]) => name));
    const html = (await app.inject(`/datasets/${slug}/map`)).body;
    expect(html).toContain(`Map of ${inRange.length} features from ${rows.length} matching rows`);
  });
});

describe('real city files', () => {
  it.each(['geo/nyc_uhf42.geojson', 'geo/nyc_modzcta_2010.geojson', 'geo/nyc_efap_food_sites.geojson'])('%s loads with no rejects', async (file) => {
    const source = JSON.parse(readFileSync(fixture(file), 'utf8')) as { features: Feature[] };
    const { slug, job } = await staged.load(fixture(file));
    expect(job.status).toBe('succeeded');
    expect(job.rowsRejected).toBe(0);
    const live = (await getDataset(staged.deps, staged.admin, slug)).live;
    expect(live?.rowCount).toBe(source.features.length);
    expect(live?.rejectedCount).toBe(0);
    const out = await exported(staged, slug);
    expect(out.features.map((f) => f.geometry)).toEqual(source.features.map((f) => f.geometry));
  });
});
