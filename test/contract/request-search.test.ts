import { expect, it } from 'vitest';
import type { RequestQuery } from '../../src/ports/store/requests.ts';
import { at, datasetRequest, organization } from './factories.ts';
import { describeStores } from './harness.ts';

describeStores('request search', (store) => {
  const search = async (q: Partial<RequestQuery>) => store().requests.listRequests({ sort: 'relevance', limit: 20, offset: 0, ...q });
  const titles = async (q: Partial<RequestQuery>) => (await search(q)).results.map((r) => r.title);

  /** A few requests in English and Spanish, in different statuses. */
  async function seed() {
    const posted = {
      trees: datasetRequest({ title: 'Street tree inventory', description: 'Species and planting dates, to plan shade for the summer.', createdAt: at(1) }),
      bikes: datasetRequest({ title: 'Bicycle counters', description: 'Hourly counts at every bridge.', status: 'planned', createdAt: at(2) }),
      camion: datasetRequest({ title: 'Rutas del camión de basura', description: 'Los horarios de recogida por calle.', createdAt: at(3) }),
      parks: datasetRequest({ title: 'Park opening hours', description: 'When the gates close in summer and winter.', status: 'published', createdAt: at(4) }),
    };
    for (const r of Object.values(posted)) await store().requests.createRequest(r);
    return posted;
  }

  it('finds other forms of a word, in English and in Spanish', async () => {
    await seed();
    expect(await titles({ q: 'trees' })).toEqual(['Street tree inventory']);
    expect(await titles({ q: 'counter' })).toEqual(['Bicycle counters']);
    expect(await titles({ q: 'ruta horario' })).toEqual(['Rutas del camión de basura']);
  });

  it('folds accents, and forgives a typo', async () => {
    await seed();
    expect(await titles({ q: 'camion' })).toEqual(['Rutas del camión de basura']);
    expect(await titles({ q: 'CAMIÓN' })).toEqual(['Rutas del camión de basura']);
    expect(await titles({ q: 'bicylce' })).toEqual(['Bicycle counters']);
    expect(await titles({ q: 'zzzzqqq' })).toEqual([]);
  });

  it('ranks title matches first without a sort, and keeps the sort asked for', async () => {
    const { parks } = await seed();
    // "summer" is in two descriptions; "park" in one title.
    expect(await titles({ q: 'park summer' })).toEqual(['Park opening hours', 'Street tree inventory']);
    await store().requests.addRequestVote(parks.id, 'u1', at(10));
    expect(await titles({ q: 'summer', sort: 'newest' })).toEqual(['Park opening hours', 'Street tree inventory']);
    expect((await search({ q: '', sort: 'votes' })).total).toBe(4);
  });

  it('combines the text with the statuses and the organization', async () => {
    const org = organization();
    await store().datasets.createOrganization(org);
    const { trees } = await seed();
    await store().requests.updateRequest(trees.id, { organizationId: org.id });
    expect(await titles({ q: 'summer', statuses: ['published'] })).toEqual(['Park opening hours']);
    expect(await titles({ q: 'summer', organizationId: org.id })).toEqual(['Street tree inventory']);
  });

  it('never finds hidden requests for those who may not see them', async () => {
    const { bikes } = await seed();
    await store().requests.updateRequest(bikes.id, { hidden: true });
    expect(await titles({ q: 'bicycle' })).toEqual([]);
    expect((await search({ q: 'bicycle', statusFacet: true })).facets).toEqual({ status: [] });
    expect(await titles({ q: 'bicycle', includeHidden: true })).toEqual(['Bicycle counters']);
  });

  it('follows an edit: the new words are found, the old ones no longer', async () => {
    const { parks } = await seed();
    await store().requests.updateRequest(parks.id, { title: 'Playground inspections', description: 'Reports of broken swings.' });
    expect(await titles({ q: 'park' })).toEqual([]);
    expect(await titles({ q: 'swing' })).toEqual(['Playground inspections']);
  });

  it('counts the requests found by status, leaving out the status filter', async () => {
    await seed();
    const found = await search({ q: 'summer bridge', statuses: ['new'], statusFacet: true });
    expect(found.total).toBe(1);
    expect(found.facets).toEqual({ status: [{ value: 'new', count: 1 }, { value: 'planned', count: 1 }, { value: 'published', count: 1 }] });
    expect((await search({ sort: 'votes', statusFacet: true })).facets).toEqual({ status: [{ value: 'new', count: 2 }, { value: 'planned', count: 1 }, { value: 'published', count: 1 }] });
  });
});
