import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../../src/actions/catalog/read-datasets.ts';
import { queryRecords } from '../../src/actions/records/query-records.ts';
import { DEMO_DIR } from '../../src/cli/demo.ts';
import { defaultChart } from '../../src/domain/chart/default-chart.ts';
import { chartRequest } from '../../src/domain/chart/query.ts';
import { checkChart } from '../../src/domain/chart/spec.ts';
import { roleOf } from '../../src/domain/table/roles.ts';
import { buildApp } from '../../src/http/app.ts';
import { loadDemoDataset, type DemoEntry } from '../support/demo-data.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * Column roles and the default chart on every demo dataset (ADR 27): no
 * identifier is a measure, and each dataset opens on a chart a resident can
 * read, never an average of IDs or ZIP codes, nor a count of one per row.
 */
const SLUGS = (JSON.parse(readFileSync(join(DEMO_DIR, 'datasets.json'), 'utf8')) as DemoEntry[]).map((e) => e.slug);

/** What each demo dataset's chart tab opens on: its title, or null for none. */
const DEFAULT_TITLES: Record<string, string | null> = {
  'chicago-crimes-2014-09': 'Number of rows by Date (by day)',
  'food-inspection-scores': 'Number of rows by Inspection Date (by month)',
  'emergency-food-sites': 'Number of rows by TYPE',
  'food-pantries-2024-11': 'Number of rows by TYPE',
  'daily-shelter-census': 'Average of Total Adult in Shelter by Date of Census (by month)',
  'covid-19-totals-by-zip': 'Number of rows by BOROUGH_GROUP',
  'zip-code-areas': null,
  'employee-earnings-2016': 'Distribution of TOTAL EARNINGS',
  'bike-counts-2012': 'Average of Berri 1 by Date (by month)',
};

let t: TestPlaza;
let app: FastifyInstance;

beforeAll(async () => {
  t = await startTestPlaza();
  for (const slug of SLUGS) await loadDemoDataset(t, slug);
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
}, 240_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const rolesOf = async (slug: string) => Object.fromEntries((await getDataset(t.deps, t.admin, slug)).live!.columns.map((c) => [c.name, roleOf(c)]));

describe('column roles on the demo city', () => {
  it('names every demo dataset in the table of default charts', () => {
    expect(Object.keys(DEFAULT_TITLES).sort()).toEqual([...SLUGS].sort());
  });

  it('tells identifiers and codes from measures, categories and places', async () => {
    expect(await rolesOf('chicago-crimes-2014-09')).toMatchObject({ id: 'identifier', date: 'date', primary_type: 'category', district: 'category', arrest: 'category', latitude: 'place', location: 'place', block: 'text' });
    expect(await rolesOf('food-inspection-scores')).toMatchObject({ zip_code: 'identifier', facility_id: 'identifier', score: 'measure', restaurant_name: 'text', process_description: 'category' });
    expect(await rolesOf('food-pantries-2024-11')).toMatchObject({ id: 'identifier', phone: 'identifier', distzip: 'identifier', distboro: 'category' });
    expect(await rolesOf('covid-19-totals-by-zip')).toMatchObject({ modified_zcta: 'identifier', label: 'identifier', lat: 'place', lon: 'place', covid_case_count: 'measure', covid_death_rate: 'measure', borough_group: 'category' });
    expect(await rolesOf('employee-earnings-2016')).toMatchObject({ name: 'text', postal: 'identifier', department_name: 'category', total_earnings: 'measure' });
    expect(await rolesOf('emergency-food-sites')).toMatchObject({ bbl: 'identifier', zip_code: 'identifier', coords: 'place', snap_activity: 'text', count: 'measure' });
  });

  it('never makes a measure of a column named as a code, on any demo dataset', async () => {
    for (const slug of SLUGS) {
      const roles = await rolesOf(slug);
      for (const [name, role] of Object.entries(roles)) if (/(^|_)id$|zip|postal|zcta|phone|bbl|fips/.test(name)) expect(`${slug}.${name}: ${role}`).not.toMatch(/: measure$/);
    }
  });

  it('keeps ZIP codes that start with a zero as text, zero and all', async () => {
    const d = await getDataset(t.deps, t.admin, 'employee-earnings-2016');
    expect(d.live!.columns.find((c) => c.name === 'postal')?.type).toBe('text');
    const page = await queryRecords(t.deps, t.admin, 'employee-earnings-2016', { select: 'postal, count(*) AS n', group_by: 'postal', order_by: 'n DESC', limit: 1 });
    expect(page.results[0]?.postal).toBe('02124');
  });
});

describe('the default chart of every demo dataset', () => {
  it.each(SLUGS)('%s opens on a sensible chart', async (slug) => {
    const d = await getDataset(t.deps, t.admin, slug);
    const columns = d.live!.columns;
    const form = defaultChart(columns, d.live!.profile);
    const res = await app.inject(`/datasets/${slug}/chart`);
    const title = res.body.match(/<title id="chart-title">([^<]*)<\/title>/)?.[1] ?? null;
    expect(title).toBe(DEFAULT_TITLES[slug]);
    if (!form) {
      expect(res.body).toContain('has no dates, categories with a few values or measures to chart on its own');
      return;
    }
    expect(res.statusCode).toBe(200);
    const check = checkChart(form, columns);
    if (!check.ok) throw new Error(check.problems.map((p) => p.message).join('; '));
    const byName = new Map(columns.map((c) => [c.name, c]));
    // Never a sum or an average of anything but a measure, never grouped by an identifier.
    if (check.spec.y) expect(roleOf(byName.get(check.spec.y)!)).toBe('measure');
    expect(roleOf(byName.get(check.spec.x)!)).not.toBe('identifier');
    if (check.spec.type === 'histogram') return;
    // Some points, and not one row per bar: a count of 1 everywhere says nothing.
    const rows = (await queryRecords(t.deps, t.admin, slug, chartRequest(check.spec, columns))).results;
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.length).toBeLessThanOrEqual(60);
    expect(rows.some((r) => Number(r.chart_y) > 1)).toBe(true);
  });
});

describe('a publisher changes a role', () => {
  it('in the dictionary, and charts follow: an average of a code is refused, with the reason', async () => {
    const avgZip = await app.inject('/datasets/food-inspection-scores/chart?type=bar&x=process_description&agg=avg&y=zip_code');
    expect(avgZip.statusCode).toBe(400);
    expect(avgZip.body).toContain('“Zip Code” is an identifier or a code, not a measure: its average means nothing.');

    const patch = await app.inject({ method: 'PATCH', url: '/api/v1/datasets/food-inspection-scores/dictionary', headers: { authorization: `Bearer ${t.token}` }, payload: { columns: [{ name: 'score', role: 'category' }] } });
    expect(patch.statusCode).toBe(200);
    expect((patch.json() as { columns: { name: string; role: string | null }[] }).columns.find((c) => c.name === 'score')?.role).toBe('category');
    const detail = (await app.inject('/api/v1/datasets/food-inspection-scores')).json() as { columns: { name: string; role: string }[] };
    expect(detail.columns.find((c) => c.name === 'score')?.role).toBe('category');
    expect(detail.columns.find((c) => c.name === 'zip_code')?.role).toBe('identifier');

    const back = await app.inject({ method: 'PATCH', url: '/api/v1/datasets/food-inspection-scores/dictionary', headers: { authorization: `Bearer ${t.token}` }, payload: { columns: [{ name: 'score', role: '' }] } });
    expect((back.json() as { columns: { name: string; role: string | null }[] }).columns.find((c) => c.name === 'score')?.role).toBeNull();

    const bad = await app.inject({ method: 'PATCH', url: '/api/v1/datasets/food-inspection-scores/dictionary', headers: { authorization: `Bearer ${t.token}` }, payload: { columns: [{ name: 'score', role: 'money' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('must be one of identifier, category, measure, date, place, text, or empty for the inferred role');
  });
});
