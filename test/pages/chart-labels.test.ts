import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelsFit } from '../../src/domain/chart/svg.tsx';
import { buildApp } from '../../src/http/app.ts';
import { loadDemoDataset } from '../support/demo-data.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Chart axes and the chart form on the demo's September 2014 Chicago crimes. */

let t: TestPlaza;
let app: FastifyInstance;
const BASE = '/datasets/chicago-crimes-2014-09/chart';

beforeAll(async () => {
  t = await startTestPlaza();
  await loadDemoDataset(t, 'chicago-crimes-2014-09');
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

/** The x axis's tick labels with their positions: the texts 18 px under the axis. */
function xTicks(svg: string): { x: number; label: string }[] {
  const bottom = /<line x1="[\d.]+" x2="[\d.]+" y1="(\d+)" y2="\d+" stroke="#1d2733"(?:\/>|><\/line>)<text/.exec(svg)?.[1];
  const re = new RegExp(`<text x="([\\d.]+)" y="${Number(bottom) + 18}">([^<]*)</text>`, 'g');
  return [...svg.matchAll(re)].map((m) => ({ x: Number(m[1]), label: m[2]!.replaceAll('&amp;', '&') }));
}
/** The data table's first column: every category the chart has. */
const categories = (html: string): string[] => [...html.matchAll(/<tr><th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]!);

/** Axis labels are cut to 16 characters. */
const short = (k: string): string => (k.length > 16 ? `${k.slice(0, 15)}…` : k);

/**
 * Checks the labels shown against every category: none overlaps the one
 * shown before it, and each left out would have overlapped the last one
 * shown before it (so none is left out where there is room).
 */
function expectLabelsForRoom(all: string[], ticks: { x: number; label: string }[]): void {
  const index = (label: string) => all.findIndex((k) => short(k) === label);
  const slot = (ticks[1]!.x - ticks[0]!.x) / (index(ticks[1]!.label) - index(ticks[0]!.label));
  const shown = new Set(ticks.map((tick) => index(tick.label)));
  let last = -1;
  all.forEach((k, i) => {
    const fits = last < 0 || labelsFit(short(all[last]!), short(k), slot * (i - last) + 0.01);
    expect(shown.has(i), `${k} after ${all[last] ?? 'nothing'}`).toBe(fits);
    if (shown.has(i)) last = i;
  });
}

describe('x-axis labels', () => {
  it('names every category when there is room: each police district', async () => {
    const html = (await app.inject(`${BASE}?type=bar&x=district`)).body;
    const districts = categories(html);
    expect(districts.length).toBeGreaterThanOrEqual(20);
    const numbered = districts.filter((d) => /^\d+$/.test(d));
    expect(xTicks(html).map((tick) => tick.label).filter((l) => /^\d+$/.test(l))).toEqual(numbered);
    expectLabelsForRoom(districts, xTicks(html));
  });

  it('leaves labels out only where they would overlap: the offence types', async () => {
    const html = (await app.inject(`${BASE}?type=bar&x=primary_type`)).body;
    const types = categories(html);
    const ticks = xTicks(html);
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.length).toBeLessThan(types.length);
    expectLabelsForRoom(types, ticks);
  });
});

describe('the chart form', () => {
  it('says a count needs no y column only when the chart is a count, in English and Spanish', async () => {
    const count = (await app.inject(`${BASE}?type=bar&x=district`)).body;
    expect(count).toContain('<small id="chart-agg-help" class="meta">Count needs no y column.</small>');
    expect(count).toContain('aria-describedby="chart-agg-help"');
    const sum = (await app.inject(`${BASE}?type=bar&x=district&agg=max&y=latitude`)).body;
    expect(sum).toContain('<title id="chart-title">');
    expect(sum).not.toContain('chart-agg-help');
    const es = (await app.inject({ url: `${BASE}?type=bar&x=district`, headers: { 'accept-language': 'es' } })).body;
    expect(es).toMatch(/<small id="chart-agg-help" class="meta">[^<]+<\/small>/);
    expect((await app.inject({ url: `${BASE}?type=bar&x=district&agg=max&y=latitude`, headers: { 'accept-language': 'es' } })).body).not.toContain('chart-agg-help');
  });
});
