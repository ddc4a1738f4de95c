import { execFileSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { buildApp } from '../../src/http/app.ts';
import { Assets } from '../../src/http/assets/bundles.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * The table explorer and the API tab, through a real Plaza: each kind of
 * filter gives the rows the fixture files hold (counts worked out from the
 * CSV files themselves), hostile text stays text, and the downloads and
 * snippets ask for the same rows as the page shows.
 */

let t: TestPlaza;
let app: FastifyInstance;
const assets = new Assets();

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', assets }, { logLevel: 'silent' });
  await t.load(fixture('tabular/chicago_crimes_2014-09.csv'), { title: 'Crimes, September 2014', slug: 'crimes' });
  await t.load(fixture('tabular/nyc_dhs_daily_shelter_census.csv'), { title: 'Shelter census', slug: 'census' });
  await t.load(fixture('tabular/nyc_hra_efap_food_pantries_2024-11.csv'), { title: 'Food pantries', slug: 'pantries' });
  await updateDataset(t.deps, t.admin, 'pantries', { access_level: 'restricted' });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

type Filter = [column: string, op: string, value?: string, to?: string];

/** The URL parameters of a view: filters in the builder's four fields, then anything else. */
function params(filters: Filter[], extra: [string, string][] = []): string {
  const p = new URLSearchParams();
  for (const [column, op, value = '', to = ''] of filters) {
    p.append('filter_column', column);
    p.append('filter_op', op);
    p.append('filter_value', value);
    p.append('filter_to', to);
  }
  for (const [k, v] of extra) p.append(k, v);
  return p.toString();
}

const open = (slug: string, filters: Filter[] = [], extra: [string, string][] = [], tab = 'table') => app.inject(`/datasets/${slug}/${tab}?${params(filters, extra)}`);
const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The "N matching rows" figure of a page. */
function count(html: string): number {
  const m = /<strong>([\d,]+) matching rows?<\/strong>/.exec(html);
  if (!m) throw new Error('the page shows no count');
  return Number(m[1]!.replace(/,/g, ''));
}
const headers = (html: string) => [...html.matchAll(/<th scope="col"[^>]*>(?:<a [^>]*>)?([^<]*)</g)].map((m) => m[1]);
const firstCells = (html: string) => [...html.matchAll(/<tr><td>([^<]*)<\/td>/g)].map((m) => m[1]);
const link = (html: string, text: string): string => {
  const m = new RegExp(`<a [^>]*href="([^"]+)"[^>]*>${text}</a>`).exec(html);
  if (!m) throw new Error(`no link "${text}"`);
  return decode(m[1]!);
};

describe('filters of every column type', () => {
  it('numbers: between, at least, not equal and empty give the rows the file holds', async () => {
    expect(count((await open('crimes', [['district', 'between', '1', '3']])).body)).toBe(3018);
    expect(count((await open('crimes', [['district', 'ge', '20']])).body)).toBe(2871);
    expect(count((await open('crimes', [['district', 'ne', '1']])).body)).toBe(20591);
    expect(count((await open('crimes', [['district', 'empty']])).body)).toBe(775);
  });

  it('booleans: is true, alone and combined with another filter', async () => {
    expect(count((await open('crimes', [['arrest', 'true']])).body)).toBe(5551);
    expect(count((await open('crimes', [['arrest', 'true'], ['district', 'eq', '1']])).body)).toBe(238);
    expect(count((await open('crimes', [['arrest', 'false']])).body)).toBe(22334 - 5551);
  });

  it('text: equals and contains ignore case', async () => {
    expect(count((await open('crimes', [['primary_type', 'eq', 'THEFT']])).body)).toBe(5173);
    expect(count((await open('crimes', [['primary_type', 'eq', 'theft']])).body)).toBe(5173);
    expect(count((await open('crimes', [['primary_type', 'ne', 'Theft']])).body)).toBe(22334 - 5173);
    expect(count((await open('crimes', [['description', 'contains', 'over $500']])).body)).toBe(1318);
  });

  it('dates: between and before', async () => {
    expect(count((await open('census', [['date_of_census', 'between', '2016-01-01', '2016-01-31']])).body)).toBe(31);
    expect(count((await open('census', [['date_of_census', 'lt', '2015-02-01']])).body)).toBe(31);
    expect(count((await open('census', [['date_of_census', 'ge', '0001-01-01']])).body)).toBe(1040);
  });

  it('timestamps: a date and time, with a space or a T', async () => {
    // 500 crimes from noon on 29 September 2014 on, counted in the file by hand.
    expect(count((await open('crimes', [['date', 'ge', '2014-09-29 12:00']])).body)).toBe(500);
    expect(count((await open('crimes', [['date', 'ge', '2014-09-29T12:00:00']])).body)).toBe(500);
  });

  it('keeps the filters in the form, with a link to remove each', async () => {
    const html = (await open('crimes', [['district', 'between', '1', '3'], ['arrest', 'true']])).body;
    expect(html).toMatch(/<select id="filter-0-column" name="filter_column"[^>]*>.*<option value="district" selected/s);
    expect(html).toContain('<input id="filter-0-to" name="filter_to" value="3"');
    expect(html).toContain('<legend>New filter</legend>');
    expect(count((await app.inject(link(html, 'Remove filter 2'))).body)).toBe(3018);
  });
});

describe('hostile filter text stays a value', () => {
  it('quotes and semicolons match nothing rather than breaking the query', async () => {
    for (const value of ["O'Brien", '"; drop', "x') OR contains(block, '", '`) OR true --']) {
      const page = await open('crimes', [['block', 'contains', value]]);
      expect(page.statusCode, value).toBe(200);
      expect(count(page.body), value).toBe(0);
      const eq = await open('crimes', [['primary_type', 'eq', value]]);
      expect(count(eq.body), value).toBe(0);
    }
  });

  it('is escaped in the form and the links', async () => {
    const html = (await open('crimes', [['block', 'contains', '"><script>alert(1)</script>']])).body;
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('value="&quot;>&lt;script>alert(1)&lt;/script>"');
  });
});

describe('problems show the form again', () => {
  it('a value that is not a number, next to its field, keeping what was typed', async () => {
    const page = await open('crimes', [['district', 'gt', 'twelve']]);
    expect(page.statusCode).toBe(400);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<input id="filter-0-value" name="filter_value" value="twelve" size="18" aria-invalid="true" aria-describedby="filter-0-problem"');
    expect(page.body).toMatch(/<p id="filter-0-problem"[^>]*>“District” holds numbers: enter one such as 42 or 3.5.<\/p>/);
    expect(page.body).not.toContain('id="table-count"');
  });

  it('a value the query engine refuses is explained next to the filter it belongs to, and offers no download of it', async () => {
    const page = await open('crimes', [['arrest', 'true'], ['district', 'ge', '99999999999999999999999']]);
    expect(page.statusCode).toBe(400);
    expect(page.body).toMatch(/<p id="filter-1-problem"[^>]*>Number `99999999999999999999999` is out of range.<\/p>/);
    expect(page.body).not.toContain('filter-0-problem');
    expect(page.body).not.toContain('(this view)</a>');
  });

  it('a condition that does not fit the column, a bad date and a missing second value', async () => {
    expect((await open('crimes', [['arrest', 'contains', 'yes']])).body).toContain('“contains” does not apply to “Arrest”; choose one of: is empty, is true, is false.');
    expect((await open('census', [['date_of_census', 'ge', '31/12/2016']])).body).toContain('“Date of Census” holds dates: enter one as YYYY-MM-DD, such as 2024-03-01.');
    expect((await open('census', [['date_of_census', 'ge', '2016-02-30']])).statusCode).toBe(400);
    expect((await open('crimes', [['district', 'between', '1']])).body).toContain('Enter the second value of “between” to compare with.');
    expect((await open('crimes', [['nonsense', 'eq', '1']])).body).toContain('Choose a column from the list.');
    expect((await open('crimes', [], [['sort', 'nonsense']])).body).toContain('Choose a column to sort by from the list.');
  });
});

describe('sort, columns and pages', () => {
  it('sorts by a column either way', async () => {
    expect(firstCells((await open('crimes', [], [['sort', 'id'], ['dir', 'desc']])).body).slice(0, 3)).toEqual(['9822433', '9822236', '9821967']);
    expect(firstCells((await open('crimes', [], [['sort', 'id']])).body).slice(0, 3)).toEqual(['21540', '21541', '21542']);
  });

  it('shows only the columns picked, and ticks their boxes', async () => {
    const html = (await open('crimes', [], [['show', 'id'], ['show', 'block']])).body;
    expect(headers(html)).toEqual(['ID', 'Block']);
    expect(html).toContain('<input type="checkbox" name="show" value="block" checked/>');
    expect(html).toContain('<input type="checkbox" name="show" value="arrest"/>');
  });

  it('pages through the matching rows by 25, 50 or 100', async () => {
    const filters: Filter[] = [['district', 'between', '1', '3']];
    const second = (await open('crimes', filters, [['size', '50'], ['page', '2']])).body;
    expect(second).toContain('>Rows 51 to 100</caption>');
    expect(second.match(/<tr><td>/g)).toHaveLength(50);
    expect(link(second, 'Previous 50 rows')).toBe(`/datasets/crimes/table?${params(filters, [['size', '50']])}`);
    expect(count((await app.inject(link(second, 'Next 50 rows'))).body)).toBe(3018);
    const last = (await open('crimes', filters, [['size', '100'], ['page', '31']])).body;
    expect(last).toContain('>Rows 3,001 to 3,018</caption>');
    expect(last).not.toContain('Next 100 rows');
    expect((await open('crimes', [], [['size', '7']])).body).toContain('>Rows 1 to 25</caption>');
  });
});

describe('downloads', () => {
  it('the links of the current view give its rows, in its order and columns', async () => {
    const html = (await open('crimes', [['district', 'between', '1', '3'], ['arrest', 'true']], [['sort', 'id'], ['dir', 'desc'], ['show', 'id'], ['show', 'district']])).body;
    const view = count(html);
    const csv = await app.inject(link(html, 'CSV \\(this view\\)'));
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines).toHaveLength(view + 1);
    expect(lines[0]).toMatch(/^"?(id|ID)"?,"?(district|District)"?$/);
    expect(lines[1]).toBe(`${firstCells(html)[0]},${/<tr><td>[^<]*<\/td><td>([^<]*)</.exec(html)![1]}`);
    const ndjson = await app.inject(link(html, 'NDJSON \\(this view\\)'));
    expect(ndjson.body.trim().split('\n')).toHaveLength(view);
    expect(html).not.toContain('GEOJSON (this view)');
    for (const f of ['json', 'parquet', 'xlsx']) expect((await app.inject(link(html, `${f.toUpperCase()} \\(this view\\)`))).statusCode, f).toBe(200);
    const whole = await app.inject(link(html, 'CSV'));
    expect(whole.body.trim().split(/\r?\n/).length).toBeGreaterThan(22334);
  });
});

describe('the API tab', () => {
  const hostile: Filter[] = [['block', 'contains', `O'Brien"; drop`]];

  it('is linked from the table with the same view, and names the records and export addresses', async () => {
    const table = (await open('crimes', hostile, [['sort', 'id']])).body;
    expect(link(table, 'API for this view')).toBe(`/datasets/crimes/api?${params(hostile, [['sort', 'id']])}`);
    const api = (await app.inject(link(table, 'API for this view'))).body;
    expect(api).toContain('<a href="/api/reference">API reference</a>');
    expect(api).toContain('http://localhost/api/v1/datasets/crimes/records?where=contains%28%60block%60%2C+%27O%27%27Brien%22%3B+drop%27%29&amp;order_by=%60id%60+ASC');
    expect(api).toContain('http://localhost/api/v1/datasets/crimes/export/csv?where=');
    expect(api).not.toContain('<script');
  });

  it('quotes the filter text for the shell, and the shell reads back exactly the query', async () => {
    const api = (await open('crimes', hostile, [], 'api')).body;
    const curl = decode(/<h3 id="snippet-curl">curl<\/h3><pre[^>]*><code>([^<]*)<\/code>/.exec(api)![1]!);
    const words = execFileSync('sh', ['-c', curl.replace(/^curl /, `printf '%s\\n' `)], { encoding: 'utf8' }).split('\n');
    expect(words).toContain(`where=contains(\`block\`, 'O''Brien"; drop')`);
    expect(words).toContain('limit=25');
  });

  it('the JavaScript snippet runs and gets the rows the table shows', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const filters: Filter[] = [['district', 'between', '1', '3'], ['description', 'contains', "O'HARE \"LOST\""]];
    const api = (await open('crimes', [filters[0]!], [], 'api')).body;
    const code = decode(/<h3 id="snippet-js">[^<]*<\/h3><pre[^>]*><code>([^<]*)<\/code>/.exec(api)![1]!).replace('http://localhost', base);
    const logged: unknown[][] = [];
    const run = new Function('console', `return (async () => {\n${code}\n})();`) as (c: unknown) => Promise<void>;
    await run({ log: (...a: unknown[]) => logged.push(a) });
    expect(logged[0]![0]).toBe(3018);
    expect(logged[0]![1]).toHaveLength(25);
    const hostileApi = (await open('crimes', filters, [], 'api')).body;
    expect(decode(hostileApi)).toContain(`contains(\`description\`, 'O''HARE \\"LOST\\"')`);
  });

  it('for a restricted dataset, says a token is needed and puts it in the snippets', async () => {
    const api = (await app.inject('/datasets/pantries/api')).body;
    expect(api).toContain('send an API token in the <code>Authorization</code> header');
    expect(decode(api)).toContain(`-H 'Authorization: Bearer YOUR_API_TOKEN'`);
  });
});

describe('access and structure', () => {
  it('a restricted dataset shows anonymous visitors the sign-in message, not rows', async () => {
    const anon = await app.inject('/datasets/pantries/table');
    expect(anon.statusCode).toBe(200);
    expect(anon.body).toContain('This dataset is restricted. <a href="/sign-in?next=%2Fdatasets%2Fpantries%2Ftable">Sign in</a> to see its rows.');
    expect(anon.body).not.toContain('HOLY APOSTLES');
    expect(anon.body).not.toContain('<table');
    const admin = await app.inject({ url: '/datasets/pantries/table', headers: { authorization: `Bearer ${t.token}` } });
    expect(count(admin.body)).toBe(561);
  });

  it('an unknown dataset is a page saying so', async () => {
    const page = await app.inject('/datasets/nothing-here/table');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('There is no dataset called “nothing-here”.');
  });

  it('works without JavaScript: one GET form whose every control has a label, and the tab is marked', async () => {
    const html = (await open('crimes')).body;
    expect(html).toContain('<form id="table-form" method="get" action="/datasets/crimes/table"');
    expect(html).toContain('<a href="/datasets/crimes/table" aria-current="page">Table</a>');
    for (const [, id] of html.matchAll(/<(?:select|input) id="([^"]+)"/g)) expect(html, id).toContain(`for="${id}"`);
    for (const [, tag] of html.matchAll(/(<input type="checkbox"[^>]*>)/g)) expect(html, tag).toMatch(new RegExp(`<label>${tag!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(html).toMatch(/<script type="module" src="\/assets\/table\.[0-9a-f]{12}\.js">/);
  });

  it('the table bundle stays small', async () => {
    const bundle = (await assets.list()).find((b) => b.path.startsWith('/assets/table.'))!;
    expect(gunzipSync(bundle.gzip).length).toBe(bundle.js.length);
    expect(bundle.gzip.length).toBeLessThan(20_000);
  });
});
