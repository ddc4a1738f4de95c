import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import type { Deps } from '../../src/actions/deps.ts';
import { buildApp } from '../../src/http/app.ts';
import { PAGE_CACHE_MS, PageCache } from '../../src/http/pages/page-cache.ts';
import type { CatalogStore } from '../../src/ports/catalog-store.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

describe('kept pages', () => {
  it('are dropped when the catalog changes or when they are too old, the least used first when there are too many', () => {
    let version = 0;
    let now = 1_000_000;
    const cache = new PageCache({ changes: { version: () => version }, clock: { now: () => new Date(now) } });
    cache.set('en /a', 'A', undefined, version);
    expect(cache.get('en /a')?.body).toBe('A');
    version++;
    expect(cache.get('en /a')).toBeUndefined();
    cache.set('en /a', 'A2', undefined, version);
    now += PAGE_CACHE_MS - 1;
    expect(cache.get('en /a')?.body).toBe('A2');
    now += 1;
    expect(cache.get('en /a')).toBeUndefined();
    for (let i = 0; i < 1_001; i++) cache.set(`en /${i}`, String(i), undefined, version);
    expect(cache.get('en /0')).toBeUndefined();
    expect(cache.get('en /1000')?.body).toBe('1000');
  });
});

describe('pages for visitors who are not signed in', () => {
  let t: TestPlaza;
  let app: FastifyInstance;
  let searches = 0;
  let person: Person;

  beforeAll(async () => {
    t = await startTestPlaza();
    await t.load(fixture('tabular/austin_food_establishment_inspection_scores.csv'), { title: 'Food inspections', slug: 'food-inspections' });
    // The same store, counting its searches: a page made again searches again.
    const datasets = t.deps.catalog.datasets;
    const counted: CatalogStore = {
      ...t.deps.catalog,
      datasets: {
        ...datasets,
        searchDatasets: (query) => {
          searches++;
          return datasets.searchDatasets(query);
        },
      },
    };
    const deps: Deps = { ...t.deps, catalog: counted };
    app = await buildApp({ deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
    person = await makePerson(t, {});
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });

  it('are made once per address and language, and made again after the catalog changes', async () => {
    const first = await get('/datasets?q=food');
    const made = searches;
    const again = await get('/datasets?q=food');
    expect(again.body).toBe(first.body);
    expect(searches).toBe(made);
    await get('/datasets?q=food&lang=es');
    expect(searches).toBe(made + 1);
    const spanish = await get('/datasets?q=food', { 'accept-language': 'es' });
    expect(spanish.body).toContain('<html lang="es">');
    expect(searches).toBe(made + 2);
    expect((await get('/datasets?q=food', { 'accept-language': 'es' })).body).toBe(spanish.body);
    expect((await get('/datasets?q=food', { 'accept-language': 'en' })).body).toBe(first.body);
    expect(searches).toBe(made + 2);

    await updateDataset(t.deps, t.admin, 'food-inspections', { title: 'Restaurant inspections' });
    const after = await get('/datasets?q=food');
    expect(searches).toBe(made + 3);
    expect(after.body).toContain('Restaurant inspections');
  });

  it('are never kept for people who say who they are, whose header names them', async () => {
    await get('/datasets');
    const before = searches;
    const cookie = person.auth;
    const signedIn = await get('/datasets', cookie);
    expect(signedIn.body).toContain(person.user.name);
    expect(searches).toBe(before + 1);
    await get('/datasets', cookie);
    expect(searches).toBe(before + 2);
    expect((await get('/datasets')).body).not.toContain(person.user.name);
  });

  it('know the catalog changed from its content writes, counting a transaction once it commits and never a rolled back one', async () => {
    const { catalog, changes } = t.deps;
    const at = changes.version();
    await catalog.datasets.getDataset('food-inspections');
    await catalog.datasets.listOrganizations();
    await catalog.transaction(async (tx) => {
      await tx.datasets.getDataset('food-inspections');
    });
    expect(changes.version(), 'reads, and a transaction that only read').toBe(at);
    await catalog.site.putSiteSettings({ name: 'Ciudad' });
    expect(changes.version()).toBe(at + 1);
    const id = (await catalog.datasets.getDataset('food-inspections'))!.id;
    await catalog.transaction(async (tx) => {
      await tx.datasets.updateDataset(id, { description: 'Scores of restaurant inspections.' });
      expect(changes.version(), 'not before the transaction commits').toBe(at + 1);
    });
    expect(changes.version()).toBe(at + 2);
    await expect(
      catalog.transaction(async (tx) => {
        await tx.datasets.updateDataset(id, { description: 'Never kept.' });
        throw new Error('changed our mind');
      }),
    ).rejects.toThrow('changed our mind');
    expect(changes.version(), 'a rolled back transaction changed nothing').toBe(at + 2);
    expect((await catalog.datasets.getDataset('food-inspections'))!.description).toBe('Scores of restaurant inspections.');
    await catalog.site.putSiteSettings({ name: null });
  });

  it('still count a dataset’s views when served from memory', async () => {
    const popularity = async () => {
      await t.deps.uses.flush(t.deps.catalog);
      return (await t.deps.catalog.datasets.getDataset('food-inspections'))!.popularity;
    };
    await get('/datasets/food-inspections');
    const counted = await popularity();
    await get('/datasets/food-inspections');
    await get('/datasets/food-inspections');
    expect(await popularity()).toBe(counted + 2);
  });
});
