import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/actions/auth/secrets.ts';
import { UseCounter } from '../../src/actions/catalog/popularity.ts';
import { buildApp } from '../../src/http/app.ts';
import type { CatalogStore } from '../../src/ports/catalog-store.ts';
import { makePerson } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

let t: TestPlaza;
let app: FastifyInstance;
let now = new Date('2026-03-01T12:00:00Z');

beforeAll(async () => {
  t = await startTestPlaza({ clock: { now: () => now } });
  app = await buildApp({ deps: t.deps, siteName: 'T', baseUrl: 'http://x' }, { logLevel: 'silent' });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('popularity', () => {
  it('counts page views, API reads and downloads, written by the notifier, and sorts by it', async () => {
    const a = (await t.load(fixture('tabular/nyc_dhs_daily_shelter_census.csv'), { title: 'Shelter census', slug: 'census' })).slug;
    const b = (await t.load(fixture('tabular/nyc_dohmh_covid_totals_by_modzcta.csv'), { title: 'COVID by ZIP', slug: 'covid' })).slug;
    await app.inject(`/api/v1/datasets/${b}`);
    await app.inject(`/datasets/${b}`);
    await app.inject(`/api/v1/datasets/${b}/export/csv`);
    await app.inject(`/api/v1/datasets/${a}`);
    await t.plaza.notifier.flush();
    expect((await t.deps.catalog.datasets.getDataset(b))!.popularity).toBe(3);
    expect((await t.deps.catalog.datasets.getDataset(a))!.popularity).toBe(1);
    const popular = (await app.inject('/api/v1/datasets?sort=popular')).json();
    expect(popular.results.map((d: { slug: string }) => d.slug)).toEqual([b, a]);
  });

  it('keeps counts a failed write could not store, for the next flush', async () => {
    const counter = new UseCounter();
    counter.add('d1');
    counter.add('d1');
    const failing = { transaction: async () => Promise.reject(new Error('database is locked')) } as unknown as CatalogStore;
    await expect(counter.flush(failing)).rejects.toThrow('database is locked');
    const written: Array<[string, number]> = [];
    const working = { transaction: async (fn: (tx: unknown) => Promise<void>) => fn({ datasets: { addPopularity: async (id: string, n: number) => void written.push([id, n]) }, program: { addUseDay: async () => undefined } }) } as unknown as CatalogStore;
    expect(await counter.flush(working)).toBe(1);
    expect(written).toEqual([['d1', 2]]);
    expect(await counter.flush(working)).toBe(0);
  });
});

describe('expired sign-ins', () => {
  it('are deleted by the notifier about once an hour', async () => {
    const p = await makePerson(t);
    const session = (id: string, expiresAt: string) => ({ id: sha256(id), userId: p.user.id, csrfToken: 'x', createdAt: now.toISOString(), expiresAt, lastSeenAt: now.toISOString() });
    await t.deps.catalog.accounts.createSession(session('old', new Date(now.getTime() + 30 * 60_000).toISOString()));
    await t.deps.catalog.accounts.createSession(session('new', new Date(now.getTime() + 10 * 24 * 3600_000).toISOString()));
    await t.plaza.notifier.flush();
    expect(await t.deps.catalog.accounts.getSession(sha256('old'))).toBeDefined();
    now = new Date(now.getTime() + 2 * 3600_000);
    await t.plaza.notifier.flush();
    expect(await t.deps.catalog.accounts.getSession(sha256('old'))).toBeUndefined();
    expect(await t.deps.catalog.accounts.getSession(sha256('new'))).toBeDefined();
  });
});
