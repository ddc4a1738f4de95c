import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { fourByFour } from '../../src/domain/compat/four-by-four.ts';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Where the SoQL tests read from: crimes (points from latitude/longitude), food sites (GeoJSON points), and a draft and a private dataset holding a marker value. */
export interface SodaSite {
  t: TestPlaza;
  app: FastifyInstance;
  crimes: string;
  sites: string;
  /** Ids (four-by-four, slug, id) of the draft and private datasets; `members-crimes` is restricted (rows for signed-in readers). */
  hidden: string[];
}

export const MARKER = 'ZZSECRETMARKER';
/** Crimes loaded from the fixture: every sixth of its 22,334. */
export const CRIMES = 3723;

async function hiddenDataset(app: FastifyInstance, token: string, slug: string, accessLevel: string, publish: boolean): Promise<void> {
  const auth = { authorization: `Bearer ${token}` };
  const created = await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: auth, payload: { title: `${slug} data`, organization: 'Test Department', slug, description: 'Hidden.', license: 'cc-by-4.0', access_level: accessLevel } });
  if (created.statusCode !== 201) throw new Error(created.body);
  const boundary = '----soda';
  const body = `primary_type,n\n${MARKER},1\nTHEFT,2\n`;
  const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="h.csv"\r\n\r\n`), Buffer.from(body), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const up = await app.inject({ method: 'POST', url: `/api/v1/datasets/${slug}/resources`, headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  if (up.statusCode !== 202) throw new Error(up.body);
  for (let i = 0; i < 400; i++) {
    const d = (await app.inject({ method: 'GET', url: `/api/v1/datasets/${slug}`, headers: auth })).json();
    if (d.version) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  if (publish) await app.inject({ method: 'POST', url: `/api/v1/datasets/${slug}/status`, headers: auth, payload: { status: 'published' } });
}

/** A Plaza with the datasets; `withCrimes: false` leaves out the 22,000 crimes (for tests that need only the hidden datasets and the food sites). */
export async function startSodaSite(withCrimes = true): Promise<SodaSite> {
  const t = await startTestPlaza();
  const app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://test.local', registry: new ApiRegistry() }, { logLevel: 'silent' });
  let crimes = '';
  if (withCrimes) {
    // Every sixth crime keeps the load fast and still spans the whole month.
    const part = join(t.dir, 'chicago_crimes_2014-09.csv');
    const [header, ...lines] = (await readFile(fixture('tabular/chicago_crimes_2014-09.csv'), 'utf8')).split('\n').filter((l) => l !== '');
    await writeFile(part, [header, ...lines.filter((_l, i) => i % 6 === 0)].join('\n') + '\n');
    crimes = (await t.load(part, { slug: 'crimes' })).slug;
  }
  const sites = (await t.load(fixture('geo/nyc_efap_food_sites.geojson'), { slug: 'food-sites' })).slug;
  await hiddenDataset(app, t.token, 'draft-crimes', 'public', false);
  await hiddenDataset(app, t.token, 'private-crimes', 'private', true);
  await hiddenDataset(app, t.token, 'members-crimes', 'restricted', true);
  const hidden: string[] = [];
  for (const slug of ['draft-crimes', 'private-crimes']) {
    const d = (await t.deps.catalog.datasets.getDataset(slug))!;
    hidden.push(slug, d.id, fourByFour(d.id));
  }
  return { t, app, crimes, sites, hidden };
}
