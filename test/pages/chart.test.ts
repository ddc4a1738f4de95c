import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { AppError } from '../../src/domain/errors.ts';
import { buildApp } from '../../src/http/app.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The chart view of a dataset, on NYC's daily shelter census (Jan 2015 to Nov 2017), through a real Plaza. */

let t: TestPlaza;
let app: FastifyInstance;
const BASE = '/datasets/shelter-census/chart';

beforeAll(async () => {
  t = await startTestPlaza();
  await t.load(fixture('tabular/nyc_dhs_daily_shelter_census.csv'), { title: 'Daily shelter census', slug: 'shelter-census' });
  await t.load(fixture('tabular/nyc_dohmh_covid_totals_by_modzcta.csv'), { title: 'COVID totals', slug: 'covid' });
  await updateDataset(t.deps, t.admin, 'covid', { access_level: 'restricted' });
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const get = (url: string) => app.inject(url);
/** The data table's rows as [x, value, ...] texts. */
const tableRows = (html: string): string[][] =>
  [...html.matchAll(/<tr><th scope="row">([^<]*)<\/th>((?:<td>[^<]*<\/td>)*)<\/tr>/g)].map((m) => [m[1]!, ...[...m[2]!.matchAll(/<td>([^<]*)<\/td>/g)].map((c) => c[1]!)]);

describe('the chart view', () => {
  it('offers a first chart with no settings: the average of a number column by month, with its form filled in', async () => {
    const res = await get(BASE);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<a href="/datasets/shelter-census/chart" aria-current="page">Chart</a>');
    expect(html).toMatch(/<form id="chart-form" method="get" action="\/datasets\/shelter-census\/chart"/);
    for (const [id, label] of [['type', 'Chart type'], ['x', 'X axis'], ['agg', 'Y value'], ['y', 'Y axis column'], ['group', 'Series (one per value of)'], ['bucket', 'Group dates by'], ['bins', 'Histogram bins'], ['where', 'Only rows where (optional)']]) {
      expect(html).toContain(`<label for="chart-${id}">${label}</label>`);
      expect(html).toContain(`id="chart-${id}"`);
    }
    expect(html).toContain('<option value="line" selected>Line</option>');
    expect(html).toContain('<option value="month" selected>Month</option>');
    expect(html).toContain('role="img" aria-labelledby="chart-title chart-desc"');
    expect(html).toContain('<title id="chart-title">Average of Total Adult in Shelter by Date of Census (by month)</title>');
    expect(tableRows(html)).toHaveLength(35);
    expect(html).toMatch(/<script type="module" src="\/assets\/chart\.[0-9a-f]{12}\.js">/);
  });

  it('sums a column by year: exact totals in the data table, the same in the chart description', async () => {
    const res = await get(`${BASE}?type=bar&x=date_of_census&bucket=year&agg=sum&y=total_individuals_in_shelter`);
    expect(res.statusCode).toBe(200);
    expect(tableRows(res.body)).toEqual([
      ['2015', '20,347,822'],
      ['2016', '21,458,952'],
      ['2017', '18,935,647'],
    ]);
    expect(res.body).toContain('<caption>Sum of Total Individuals in Shelter by Date of Census (by year)</caption>');
    expect(res.body).toContain('Highest 21,458,952 at 2016, lowest 18,935,647 at 2017.');
    expect(res.body).toContain('<a href="/datasets/shelter-census/chart.svg?type=bar&amp;x=date_of_census&amp;y=total_individuals_in_shelter&amp;agg=sum&amp;bucket=year" download>SVG image</a>');
  });

  it('averages by month and filters rows with the query language', async () => {
    const res = await get(`${BASE}?type=line&x=date_of_census&bucket=month&agg=avg&y=total_individuals_in_shelter&where=${encodeURIComponent('year(date_of_census) = 2015')}`);
    const rows = tableRows(res.body);
    expect(rows).toHaveLength(12);
    expect(rows[0]).toEqual(['Jan 2015', '58,528.16']);
    expect(rows[1]).toEqual(['Feb 2015', '57,801.89']);
    expect(res.body).toContain('value="year(date_of_census) = 2015"');
  });

  it('draws a histogram of a number column in the bins asked for, counting every row once', async () => {
    const res = await get(`${BASE}?type=histogram&x=total_individuals_in_shelter&bins=10`);
    const rows = tableRows(res.body);
    expect(rows).toHaveLength(10);
    expect(rows.reduce((n, r) => n + Number(r[1]!.replace(/,/g, '')), 0)).toBe(1040);
    expect(res.body).toContain('<title id="chart-title">Distribution of Total Individuals in Shelter</title>');
  });

  it('shows the form again with the problem for impossible settings, not a JSON error', async () => {
    const res = await get(`${BASE}?type=bar&x=&agg=sum`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<div role="alert">');
    expect(res.body).toContain('<a href="#chart-x">Choose a column for the x axis.</a>');
    expect(res.body).toContain('<a href="#chart-y">Choose a number column for the y axis to take the sum of.</a>');
    expect(res.body).toMatch(/<select id="chart-y" name="y"[^>]* aria-invalid="true" aria-describedby="chart-y-problem"/);
    expect(res.body).not.toContain('role="img"');

    const text = await get(`${BASE}?type=line&x=date_of_census&agg=avg&y=date_of_census`);
    expect(text.body).toContain('The y axis needs a number column to take the average of; “Date of Census” holds date values.');

    const where = await get(`${BASE}?type=bar&x=date_of_census&bucket=year&where=${encodeURIComponent('nonsense = 1')}`);
    expect(where.statusCode).toBe(400);
    expect(where.body).toContain('<a href="#chart-where">Unknown column nonsense.</a>');
  });

  it('says so beside the filter, with the form, when drawing the chart takes too long', async () => {
    const slow = Object.create(t.deps.engine, {
      query: { value: () => Promise.reject(new AppError('query_timeout', 'The query took longer than 10 s and was cancelled. Add a filter or a limit, or group the data.')) },
    }) as typeof t.deps.engine;
    const timed = await buildApp({ deps: { ...t.deps, engine: slow }, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
    try {
      const res = await timed.inject(`${BASE}?type=bar&x=date_of_census&agg=count`);
      expect(res.statusCode).toBe(504);
      expect(res.body).toContain('<section id="chart-result"');
      expect(res.body).toContain('<a href="#chart-where">The query took longer than 10 s and was cancelled.');
      expect(res.body).toMatch(/<input id="chart-where"[^>]* aria-invalid="true"/);
      const svg = await timed.inject(`${BASE}.svg?type=bar&x=date_of_census&agg=count`);
      expect(svg.statusCode).toBe(504);
    } finally {
      await timed.close();
    }
  });

  it('escapes what the reader typed', async () => {
    const res = await get(`${BASE}?type=bar&x=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).toContain('This dataset has no column “&lt;script>alert(1)&lt;/script>” to chart.');
  });

  it('downloads the chart as an SVG file from the same parameters', async () => {
    const res = await get(`/datasets/shelter-census/chart.svg?type=bar&x=date_of_census&bucket=year&agg=sum&y=total_individuals_in_shelter`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="shelter-census-chart.svg"');
    expect(res.body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(res.body).toContain('<title id="chart-title">Sum of Total Individuals in Shelter by Date of Census (by year)</title>');
    expect(res.body.trim().endsWith('</svg>')).toBe(true);

    const bad = await get('/datasets/shelter-census/chart.svg?type=histogram&x=date_of_census');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toBe('A histogram needs a number column on the x axis; “Date of Census” holds date values.\n');
  });

  it('keeps restricted data to those who may read it, and says when a dataset does not exist', async () => {
    const closed = await get('/datasets/covid/chart');
    expect(closed.statusCode).toBe(200);
    expect(closed.body).toContain('Sign in to chart this restricted dataset.');
    expect(closed.body).not.toContain('role="img"');
    expect((await get('/datasets/covid/chart.svg?x=modzcta')).statusCode).toBe(403);
    const missing = await get('/datasets/nowhere/chart');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('There is no dataset called “nowhere”.');
  });
});
