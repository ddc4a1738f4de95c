/**
 * `npm run screenshots`: starts a portal with the demo city on a scratch
 * folder, opens its main pages in Debian's Chromium and saves a screenshot
 * of each in docs/screenshots/.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { loadConfig } from '../src/config.ts';
import { buildApp } from '../src/http/app.ts';
import { ensureFirstAdmin } from '../src/cli/admin-token.ts';
import { loadDemoOnce } from '../src/cli/demo.ts';
import { createPlaza } from '../src/main/container.ts';

const OUT = resolve(import.meta.dirname, '../docs/screenshots');
const PAGES: Array<{ name: string; path: string }> = [
  { name: 'home', path: '/' },
  { name: 'catalog', path: '/datasets?q=food&sort=relevance' },
  { name: 'dataset', path: '/datasets/daily-shelter-census' },
  { name: 'table', path: '/datasets/chicago-crimes-2014-09/table?filter_column=primary_type&filter_op=eq&filter_value=THEFT&sort=date&dir=desc' },
  { name: 'chart', path: '/datasets/daily-shelter-census/chart?type=line&x=date_of_census&y=total_individuals_in_shelter&agg=avg&bucket=month' },
  { name: 'map', path: '/datasets/emergency-food-sites/map' },
  { name: 'dataset-es', path: '/datasets/daily-shelter-census?lang=es' },
  { name: 'problems', path: '/problems' },
];

const dir = await mkdtemp(join(tmpdir(), 'plaza-screenshots-'));
const plaza = await createPlaza(loadConfig({}, { dataDir: dir, logLevel: 'silent', siteName: 'Plaza Demo City' }));
await plaza.worker.start();
const admin = await ensureFirstAdmin(plaza.deps, dir);
const demo = await loadDemoOnce(plaza.deps, admin.principal, dir);
// Wait until every demo dataset has its data.
for (let i = 0; i < 600; i++) {
  const { results } = await plaza.deps.catalog.datasets.listDatasets({ limit: 100, offset: 0 });
  if (results.length >= (demo?.queued ?? 0) && results.every((d) => d.liveVersionId)) break;
  await new Promise((r) => setTimeout(r, 200));
}
const app = await buildApp({ deps: plaza.deps, siteName: 'Plaza Demo City', baseUrl: 'http://127.0.0.1' }, { logLevel: 'silent' });
const base = await app.listen({ port: 0, host: '127.0.0.1' });
const browser = await chromium.launch({ executablePath: process.env.PLAZA_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  for (const p of PAGES) {
    const res = await page.goto(`${base}${p.path}`, { waitUntil: 'networkidle' });
    if (!res?.ok()) throw new Error(`${p.path} answered ${res?.status()}`);
    await page.screenshot({ path: join(OUT, `${p.name}.png`) });
    console.log(`saved docs/screenshots/${p.name}.png (${p.path})`);
  }
} finally {
  await browser.close();
  await app.close();
  await plaza.close();
  await rm(dir, { recursive: true, force: true });
}
