import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { queryRecords } from '../../src/actions/records/query-records.ts';
import { AREAS, CRIMES, FOOD_SITES, startOgcCatalog, type OgcCatalog } from './ogc-support.ts';
import { OGRINFO, ogrinfo as ogrinfoTool } from '../support/geo-tools.ts';

/**
 * GDAL's OGC API – Features driver (OAPIF), as QGIS uses it, reads Plaza:
 * `ogrinfo` lists the collections, reads a layer, and reads the features in
 * a box, as many as the records API counts with in_bbox.
 */

const run = promisify(execFile);
// Without GDAL these tests are skipped with a warning; PLAZA_REQUIRE_SERVICES=1 (CI) makes a missing ogrinfo a failure.
const gdal = ogrinfoTool();
const skipGdal = gdal.problem !== null && process.env.PLAZA_REQUIRE_SERVICES !== '1';
if (skipGdal) console.warn(`Skipping the GDAL (OAPIF) tests: ${gdal.problem}. ${gdal.how}`);
let c: OgcCatalog;
let server: Server;
let root = '';

/** ogrinfo against the running site, with short network timeouts and no proxy. */
const ENV = { ...process.env, GDAL_HTTP_TIMEOUT: '30', GDAL_HTTP_MAX_RETRY: '0', NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1', CPL_DEBUG: 'OFF' };
async function ogrinfo(...args: string[]): Promise<string> {
  const { stdout } = await run(OGRINFO, ['-ro', ...args], { env: ENV, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}
const featureCount = (out: string): number => Number(/Feature Count: (\d+)/.exec(out)?.[1] ?? NaN);

beforeAll(async () => {
  if (skipGdal) return;
  // A plain HTTP server on a free port hands each request to the app, so the
  // app's links name the port the server really listens on.
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (b: Buffer) => chunks.push(b));
    req.on('end', () => {
      void c.app.inject({ method: req.method as 'GET', url: req.url ?? '/', headers: req.headers, payload: Buffer.concat(chunks) }).then((r) => {
        res.writeHead(r.statusCode, r.headers as Record<string, string>);
        res.end(r.rawPayload);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  c = await startOgcCatalog(root, false);
}, 120_000);
afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve));
  await c?.app.close();
  await c?.t.close();
});

describe.skipIf(skipGdal)('GDAL ogrinfo (OAPIF driver)', () => {
  it('lists the collections as layers', async () => {
    const out = await ogrinfo(`OAPIF:${root}/ogc`);
    for (const layer of [FOOD_SITES, CRIMES, AREAS]) expect(out).toContain(layer);
  });

  it('reads a layer: its fields, geometry type and feature count', async () => {
    const out = await ogrinfo('-so', `OAPIF:${root}/ogc`, FOOD_SITES);
    expect(featureCount(out)).toBe(489);
    expect(out).toMatch(/Geometry: Point/);
    expect(out).toMatch(/program: String/);
  });

  it('reads the points in a box, as many as the records API counts (GeoJSON points and latitude/longitude points)', async () => {
    const cases: Array<[string, string, [number, number, number, number]]> = [
      [FOOD_SITES, 'geometry', [-74.0, 40.7, -73.9, 40.8]],
      [CRIMES, 'location', [-87.7, 41.85, -87.6, 41.9]],
    ];
    for (const [layer, col, [w, s, e, n]] of cases) {
      const native = await queryRecords(c.t.deps, c.t.admin, layer, { where: `in_bbox(${col}, ${s}, ${w}, ${n}, ${e})`, limit: 1 });
      expect(native.total).toBeGreaterThan(10);
      const out = await ogrinfo('-al', '-geom=NO', '-oo', 'PAGE_SIZE=1000', `OAPIF:${root}/ogc`, layer, '-spat', String(w), String(s), String(e), String(n));
      const features = out.match(/^OGRFeature\(/gm)?.length ?? 0;
      expect(features, out.slice(0, 2000)).toBe(native.total);
    }
  });

  it('reads the areas that meet a box', async () => {
    const out = await ogrinfo('-al', '-geom=NO', '-oo', 'PAGE_SIZE=1000', `OAPIF:${root}/ogc`, AREAS, '-spat', '-73.95', '40.7', '-73.9', '40.75');
    const features = out.match(/^OGRFeature\(/gm)?.length ?? 0;
    const native = await queryRecords(c.t.deps, c.t.admin, AREAS, { where: 'in_bbox(geometry, 40.7, -73.95, 40.75, -73.9)', limit: 1 });
    expect(native.total).toBeGreaterThan(0);
    // GDAL also drops, on its side, areas whose bounds meet the box but whose shape does not.
    expect(features).toBeGreaterThan(0);
    expect(features).toBeLessThanOrEqual(native.total);
  });

  it('copies the features in a box to a GeoJSON file with ogr2ogr', async () => {
    const out = join(c.t.dir, 'loop.geojson');
    await run('ogr2ogr', ['-f', 'GeoJSON', out, '-oo', 'PAGE_SIZE=1000', `OAPIF:${root}/ogc`, CRIMES, '-spat', '-87.7', '41.85', '-87.6', '41.9'], { env: ENV, timeout: 60_000 });
    const file = JSON.parse(await readFile(out, 'utf8')) as { features: unknown[] };
    const native = await queryRecords(c.t.deps, c.t.admin, CRIMES, { where: 'in_bbox(location, 41.85, -87.7, 41.9, -87.6)', limit: 1 });
    expect(file.features).toHaveLength(native.total);
  });

  it('reads a restricted layer only with a token in GDAL_HTTP_HEADERS', async () => {
    await updateDataset(c.t.deps, c.t.admin, FOOD_SITES, { access_level: 'restricted' });
    const refused = await run(OGRINFO, ['-ro', '-so', `OAPIF:${root}/ogc`, FOOD_SITES], { env: ENV, timeout: 60_000 }).catch((e: { stdout: string; stderr: string }) => e);
    expect(refused.stdout).not.toContain('Feature Count: 489');
    expect(refused.stderr).toMatch(/Unauthorized|sign in|401/i);
    const out = await ogrinfo('-so', '--config', 'GDAL_HTTP_HEADERS', `Authorization: Bearer ${c.t.token}`, `OAPIF:${root}/ogc`, FOOD_SITES);
    expect(featureCount(out)).toBe(489);
  });
});
