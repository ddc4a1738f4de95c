import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * The table explorer on New York City's emergency food sites (the demo's
 * file): text filters that ignore case and suggest the column's common
 * values, headers that sort, the count said once, and compact rows. Expected
 * figures are worked out from the GeoJSON file itself.
 */

interface Site {
  PROGRAM: string;
  BORO: string;
  'ZIP CODE': string;
  'SNAP ACTIVITY': string;
}
const sites = (JSON.parse(readFileSync(fixture('geo/nyc_efap_food_sites.geojson'), 'utf8')) as { features: { properties: Site }[] }).features.map((f) => f.properties);
const inBronx = sites.filter((s) => s.BORO === 'BRONX').length;

let t: TestPlaza;
let app: FastifyInstance;

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  await t.load(fixture('geo/nyc_efap_food_sites.geojson'), { title: 'Emergency food sites', slug: 'food-sites' });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

const decode = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const open = async (query: string, lang = 'en') => {
  const res = await app.inject({ url: `/datasets/food-sites/table?${query}`, headers: { 'accept-language': lang } });
  expect(res.statusCode).toBe(200);
  return res.body;
};
const filter = (column: string, op: string, value: string) => new URLSearchParams({ filter_column: column, filter_op: op, filter_value: value, filter_to: '' }).toString();
/** The number in the page's status line. */
function count(html: string): number {
  const m = /<p id="table-status" role="status"><span id="table-count"><strong>([\d,.]+) (?:matching rows?|filas? coincid)/.exec(html);
  if (!m) throw new Error('the page shows no count in its status line');
  return Number(m[1]!.replace(/[,.]/g, ''));
}
/** The href of the link in a column's header. */
function headerLink(html: string, label: string): string {
  const m = new RegExp(`<th scope="col"[^>]*><a href="([^"]+)"[^>]*>${label}<`).exec(html);
  if (!m) throw new Error(`no header link "${label}"`);
  return decode(m[1]!);
}
const headerOf = (html: string, label: string) => new RegExp(`<th scope="col"[^>]*><a [^>]*>${label}<`).exec(html)?.[0] ?? '';
/** The text of one column of the rows shown. */
function column(html: string, index: number): string[] {
  return [...html.matchAll(/<tr>(<td>.*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td>(?:<div>)?([^<]*)/g)][index]![1]!).map(decode);
}

describe('text filters ignore case', () => {
  it('“equals bronx” finds the Bronx rows, as BRONX does', async () => {
    expect(inBronx).toBe(91);
    expect(count(await open(filter('boro', 'eq', 'bronx')))).toBe(inBronx);
    expect(count(await open(filter('boro', 'eq', 'BRONX')))).toBe(inBronx);
    expect(count(await open(filter('boro', 'eq', 'Bronx')))).toBe(inBronx);
    expect(count(await open(filter('boro', 'ne', 'bronx')))).toBe(sites.filter((s) => s.BORO !== 'BRONX').length);
  });

  it('the API tab shows the query it asks: lower() on both sides', async () => {
    const api = decode((await app.inject(`/datasets/food-sites/api?${filter('boro', 'eq', 'bronx')}`)).body);
    expect(api).toContain("where: \"lower(`boro`) = lower('bronx')\"");
  });

  it('suggests the commonest values of the column a filter is on, in a list the value field names', async () => {
    const html = await open(filter('boro', 'eq', 'bronx'));
    const list = /<input id="filter-0-value" name="filter_value" value="bronx" size="18" list="([^"]+)"/.exec(html)?.[1];
    expect(list).toBeDefined();
    const options = [...new RegExp(`<datalist id="${list}">(.*?)</datalist>`).exec(html)![1]!.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);
    expect(options.slice(0, 5)).toEqual(['BROOKLYN', 'QUEENS', 'MANHATTAN', 'BRONX', 'STATEN ISLAND']);
    // The column's option names its list, so the page's script can switch lists as the column changes.
    expect(html).toContain(`<option value="boro" selected data-kind="text" data-list="${list}">`);
    // Addresses are each held by one site: nothing to suggest.
    expect(html).toContain('<option value="address" data-kind="text">ADDRESS</option>');
    expect(html).toMatch(/<option value="days" data-kind="text" data-list="values-\d+">/);
    // The empty row has no column yet, so no list.
    expect(html).toContain('<input id="filter-1-value" name="filter_value" value size="18" class="usa-input"/>');
  });
});

describe('headers sort', () => {
  it('each header links to the view sorted by it, ascending, then descending once sorted', async () => {
    const html = await open(filter('boro', 'eq', 'bronx'));
    expect(headerOf(html, 'PROGRAM')).not.toContain('aria-sort');
    const ascending = await app.inject(headerLink(html, 'PROGRAM'));
    const bronx = sites.filter((s) => s.BORO === 'BRONX').map((s) => s.PROGRAM);
    const programs = [...bronx].sort();
    expect(count(ascending.body)).toBe(inBronx);
    expect(column(ascending.body, 1)).toEqual(programs.slice(0, 25));
    expect(headerOf(ascending.body, 'PROGRAM')).toContain('aria-sort="ascending"');
    expect(ascending.body).toContain('<option value="program" selected>PROGRAM</option>');

    const descending = await app.inject(headerLink(ascending.body, 'PROGRAM'));
    expect(column(descending.body, 1)).toEqual([...programs].reverse().slice(0, 25));
    expect(headerOf(descending.body, 'PROGRAM')).toContain('aria-sort="descending"');
    expect(headerLink(descending.body, 'PROGRAM')).not.toContain('dir=desc');
    // Sorting starts again from the first page.
    const second = await open(`${filter('boro', 'eq', 'bronx')}&page=2`);
    expect(headerLink(second, 'PROGRAM')).not.toContain('page=');
  });
});

/** The page without the rows shown, the lists of suggested values and the messages handed to its script. */
const withoutData = (html: string) => html.replace(/<tbody>.*?<\/tbody>/s, '').replace(/data-(columns|messages)="[^"]*"/g, '').replace(/<datalist.*?<\/datalist>/gs, '');

describe('the count', () => {
  it('is said once on the page', async () => {
    const html = await open(filter('boro', 'eq', 'bronx'));
    // Leaving out the rows' own values and the messages handed to the page's script, 91 appears once: in the status line.
    const page = withoutData(html);
    expect(page.match(/matching row/g)).toHaveLength(1);
    expect(page.match(/\b91\b/g)).toHaveLength(1);
    expect(html).toContain('<caption id="table-caption" style="text-align:left;padding:.3rem .5rem">Rows 1 to 25</caption>');
  });

  it('in Spanish too', async () => {
    const html = await open(filter('boro', 'eq', 'bronx'), 'es');
    expect(count(html)).toBe(91);
    expect(withoutData(html).match(/filas coinciden/g)).toHaveLength(1);
    expect(withoutData(html).match(/\b91\b/g)).toHaveLength(1);
    expect(html).toContain('>Filas 1 a 25</caption>');
  });
});

describe('compact rows', () => {
  it('are asked for by density=compact: each cell’s text in a box the style cuts to two lines', async () => {
    const html = await open(`${filter('boro', 'eq', 'bronx')}&density=compact`);
    expect(html).toContain('<table class="usa-table usa-table--compact compact">');
    // The rule lives in the portal's stylesheet, which the page carries in its head.
    expect(/<style>([\s\S]*?)<\/style>/.exec(html)![1]).toMatch(/table\.compact td>div\{[^}]*-webkit-line-clamp:2/);
    const snap = sites.filter((s) => s.BORO === 'BRONX')[0]!['SNAP ACTIVITY'];
    expect(column(html, 6)[0]).toBe(snap);
    expect(html).toContain('<input type="radio" name="density" value="compact" checked/>');
    expect(html).toContain('<input type="radio" name="density" value="regular"/>');
  });

  it('are kept by the links of the page: next page, headers, removing a filter, the API tab', async () => {
    const html = await open(`${filter('boro', 'eq', 'bronx')}&density=compact`);
    const next = /<a href="([^"]+)" data-page="2" rel="next">/.exec(html)![1]!;
    for (const href of [next, headerLink(html, 'PROGRAM'), /<a href="([^"]+)" data-remove="true">/.exec(html)![1]!, /<a id="api-link" href="([^"]+)"/.exec(html)![1]!]) expect(decode(href), href).toContain('density=compact');
    expect(await open(new URL(decode(next), 'http://x').search.slice(1))).toContain('<table class="usa-table usa-table--compact compact">');
  });

  it('are not the default', async () => {
    const html = await open(filter('boro', 'eq', 'bronx'));
    expect(html).toContain('<table class="usa-table">');
    expect(html).toContain('<input type="radio" name="density" value="regular" checked/>');
    expect(html).not.toContain('density=compact');
  });
});
