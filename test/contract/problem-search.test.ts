import { expect, it } from 'vitest';
import type { ProblemQuery } from '../../src/ports/store/problems.ts';
import { at, organization, problem as aProblem } from './factories.ts';
import { describeStores } from './harness.ts';

describeStores('problem search', (store) => {
  const search = async (q: Partial<ProblemQuery>) => store().problems.listProblems({ sort: 'relevance', limit: 20, offset: 0, ...q });
  const titles = async (q: Partial<ProblemQuery>) => (await search(q)).results.map((p) => p.title);

  /** A few problems in English and Spanish, in different categories, statuses and areas. */
  async function seed() {
    const problem = (p: Parameters<typeof aProblem>[0]) => aProblem({ affected: '', ...p });
    const posted = {
      flooded: problem({ title: 'Basement flooded after every storm', description: 'Water comes up through the drains.', category: 'environment', area: '10001', createdAt: at(1) }),
      potholes: problem({ title: 'Potholes on Main Street', description: 'Deep holes break bicycle wheels.', category: 'mobility', area: '10002', status: 'scoped', createdAt: at(2) }),
      aceras: problem({ title: 'Las aceras están rotas', description: 'Las personas en silla de ruedas no pueden pasar por la calle.', affected: 'Vecinos mayores', category: 'mobility', area: '10001', createdAt: at(3) }),
      camion: problem({ title: 'El camión de basura no pasa', description: 'La basura se acumula en la esquina.', category: 'environment', area: '10002', createdAt: at(4) }),
      rents: problem({ title: 'Rents rising fast', description: 'Families leave the neighborhood; the storm drains are fine.', category: 'housing', area: null, createdAt: at(5) }),
    };
    for (const p of Object.values(posted)) await store().problems.createProblem(p);
    return posted;
  }

  it('finds other forms of a word, in English and in Spanish', async () => {
    await seed();
    expect(await titles({ q: 'flooding' })).toEqual(['Basement flooded after every storm']);
    expect(await titles({ q: 'floods' })).toEqual(['Basement flooded after every storm']);
    expect(await titles({ q: 'acera' })).toEqual(['Las aceras están rotas']);
    expect(await titles({ q: 'rota ruedas' })).toEqual(['Las aceras están rotas']);
    expect(await titles({ q: 'vecino' })).toEqual(['Las aceras están rotas']);
  });

  it('folds accents and case both ways', async () => {
    await seed();
    expect(await titles({ q: 'camion' })).toEqual(['El camión de basura no pasa']);
    expect(await titles({ q: 'CAMIÓN' })).toEqual(['El camión de basura no pasa']);
    expect(await titles({ q: 'estan' })).toEqual(['Las aceras están rotas']);
  });

  it('finds a word typed with a typo, and completes the last word', async () => {
    await seed();
    expect(await titles({ q: 'potholes' })).toEqual(['Potholes on Main Street']);
    expect(await titles({ q: 'pothols' })).toEqual(['Potholes on Main Street']);
    expect(await titles({ q: 'bicylce' })).toEqual(['Potholes on Main Street']);
    expect(await titles({ q: 'basu' })).toEqual(['El camión de basura no pasa']);
    expect(await titles({ q: 'zzzzqqq' })).toEqual([]);
  });

  it('matches the synonyms the query brings, across languages', async () => {
    await seed();
    expect(await titles({ q: 'wheelchair' })).toEqual([]);
    expect(await titles({ q: 'wheelchair', synonyms: [['wheelchair', 'silla de ruedas']] })).toEqual(['Las aceras están rotas']);
    expect(await titles({ q: 'trash', synonyms: [['trash', 'basura', 'garbage']] })).toEqual(['El camión de basura no pasa']);
  });

  it('ranks problems matching more words first, and title matches before other text', async () => {
    await seed();
    // "storm" is in the title of one and the description of another; "drains" in the descriptions of both.
    expect(await titles({ q: 'storm' })).toEqual(['Basement flooded after every storm', 'Rents rising fast']);
    expect(await titles({ q: 'storm drains families' })).toEqual(['Rents rising fast', 'Basement flooded after every storm']);
  });

  it('orders matches by the sort asked for, and lists all without words', async () => {
    const { potholes } = await seed();
    await store().problems.addVote(potholes.id, 'u1', at(10));
    expect(await titles({ q: 'street calle', sort: 'votes' })).toEqual(['Potholes on Main Street', 'Las aceras están rotas']);
    expect(await titles({ q: 'street calle', sort: 'newest' })).toEqual(['Las aceras están rotas', 'Potholes on Main Street']);
    expect((await search({ q: '' })).total).toBe(5);
    expect((await search({ q: '  ¿!  ' })).total).toBe(5);
    // Only words too common to search for: nothing, rather than everything.
    expect((await search({ q: 'the of' })).total).toBe(0);
  });

  it('combines the text with the filters and the organization', async () => {
    const org = organization();
    await store().datasets.createOrganization(org);
    const { camion } = await seed();
    await store().problems.updateProblem(camion.id, { organizationId: org.id });
    expect(await titles({ q: 'basura calle', categories: ['mobility'] })).toEqual(['Las aceras están rotas']);
    expect(await titles({ q: 'basura calle', areas: ['10002'] })).toEqual(['El camión de basura no pasa']);
    expect(await titles({ q: 'basura calle', statuses: ['scoped'] })).toEqual([]);
    expect(await titles({ q: 'basura calle', organizationId: org.id })).toEqual(['El camión de basura no pasa']);
  });

  it('never finds hidden problems for those who may not see them, nor merged duplicates', async () => {
    const { potholes, flooded } = await seed();
    await store().problems.updateProblem(potholes.id, { hidden: true });
    expect(await titles({ q: 'potholes' })).toEqual([]);
    expect((await search({ q: 'potholes', facets: ['category'] })).facets).toEqual({ category: [] });
    expect(await titles({ q: 'potholes', includeHidden: true })).toEqual(['Potholes on Main Street']);
    const duplicate = aProblem({ title: 'Flooded cellar on Elm', category: 'environment' });
    await store().problems.createProblem(duplicate);
    expect(await titles({ q: 'cellar' })).toEqual(['Flooded cellar on Elm']);
    await store().problems.mergeProblem(duplicate.id, flooded.id, at(20));
    expect(await titles({ q: 'cellar', includeHidden: true })).toEqual([]);
    expect(await titles({ q: 'flooded' })).toEqual(['Basement flooded after every storm']);
  });

  it('follows an edit: the new words are found, the old ones no longer', async () => {
    const { rents } = await seed();
    await store().problems.updateProblem(rents.id, { title: 'Evictions in winter', description: 'Tenants put out in the cold.' });
    expect(await titles({ q: 'rents' })).toEqual([]);
    expect(await titles({ q: 'eviction' })).toEqual(['Evictions in winter']);
  });

  it('counts each facet for the text and the other filters, leaving out its own filter', async () => {
    await seed();
    const all = await search({ q: 'basura calle storm', facets: ['category', 'status', 'area'] });
    expect(all.total).toBe(4);
    expect(all.facets).toEqual({
      category: [{ value: 'environment', count: 2 }, { value: 'housing', count: 1 }, { value: 'mobility', count: 1 }],
      status: [{ value: 'new', count: 4 }],
      area: [{ value: '10001', count: 2 }, { value: '10002', count: 1 }],
    });
    const mobility = await search({ q: 'basura calle storm', categories: ['mobility'], facets: ['category', 'area'] });
    expect(mobility.total).toBe(1);
    expect(mobility.facets).toEqual({
      category: [{ value: 'environment', count: 2 }, { value: 'housing', count: 1 }, { value: 'mobility', count: 1 }],
      area: [{ value: '10001', count: 1 }],
    });
    const none = await search({ facets: ['status'] });
    expect(none.facets).toEqual({ status: [{ value: 'new', count: 4 }, { value: 'scoped', count: 1 }] });
  });

  it('reads query syntax of either engine as plain words', async () => {
    await seed();
    for (const q of ['"potholes', 'pot* OR NEAR(a b)', 'street & !calle | (', "storm'); DROP TABLE problems; --", 'title:potholes']) {
      await expect(search({ q })).resolves.toBeDefined();
    }
    expect(await titles({ q: 'title:potholes' })).toEqual(['Potholes on Main Street']);
  });
});
