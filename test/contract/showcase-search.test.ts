import { expect, it } from 'vitest';
import type { Showcase } from '../../src/domain/community/showcases.ts';
import type { ShowcaseQuery } from '../../src/ports/store/showcases.ts';
import { at, uid } from './factories.ts';
import { describeStores } from './harness.ts';

const showcase = (s: Partial<Showcase> = {}): Showcase => ({
  id: uid('showcase'),
  title: 'Pantry finder',
  kind: 'app',
  description: 'Finds the nearest open food pantry.',
  link: 'https://example.org/pantries',
  madeBy: 'Code for Town',
  image: null,
  imageAlt: '',
  state: 'approved',
  stateReason: null,
  authorId: 'user-1',
  datasetIds: [],
  createdAt: at(),
  updatedAt: at(),
  ...s,
});

describeStores('showcase search', (store) => {
  const search = async (q: Partial<ShowcaseQuery>) => store().showcases.listShowcases({ states: ['approved'], limit: 20, offset: 0, ...q });
  const titles = async (q: Partial<ShowcaseQuery>) => (await search(q)).results.map((s) => s.title);

  /** A few approved showcases in English and Spanish, of different kinds. */
  async function seed() {
    const shown = {
      pantry: showcase({ title: 'Pantry finder', description: 'Finds the nearest open food pantry on a map.', createdAt: at(1) }),
      heat: showcase({ title: 'Heat islands in summer', kind: 'visualization', description: 'Where the streets are hottest, block by block.', madeBy: 'The Daily Ledger', createdAt: at(2) }),
      arboles: showcase({ title: 'Los árboles de la ciudad', kind: 'story', description: 'Un reportaje sobre las especies plantadas en cada barrio.', createdAt: at(3) }),
    };
    for (const s of Object.values(shown)) await store().showcases.createShowcase(s);
    return shown;
  }

  it('finds other forms of a word, in English and in Spanish, accents folded', async () => {
    await seed();
    expect(await titles({ q: 'islands' })).toEqual(['Heat islands in summer']);
    expect(await titles({ q: 'pantries' })).toEqual(['Pantry finder']);
    expect(await titles({ q: 'arbol' })).toEqual(['Los árboles de la ciudad']);
    expect(await titles({ q: 'ESPECIE' })).toEqual(['Los árboles de la ciudad']);
    expect(await titles({ q: 'ledger' })).toEqual(['Heat islands in summer']);
  });

  it('forgives a typo, and finds nothing for an unknown word', async () => {
    await seed();
    expect(await titles({ q: 'hotest' })).toEqual(['Heat islands in summer']);
    expect(await titles({ q: 'reportage' })).toEqual(['Los árboles de la ciudad']);
    expect(await titles({ q: 'zzzzqqq' })).toEqual([]);
  });

  it('ranks showcases matching more words first', async () => {
    await seed();
    expect(await titles({ q: 'map streets hottest' })).toEqual(['Heat islands in summer', 'Pantry finder']);
  });

  it('never finds pending or rejected showcases, and finds one once approved, until rejected', async () => {
    await seed();
    const waiting = showcase({ title: 'Bus delay tracker', state: 'pending' });
    await store().showcases.createShowcase(waiting);
    expect(await titles({ q: 'bus' })).toEqual([]);
    expect((await search({ q: 'bus', states: ['pending'] })).total).toBe(0);
    await store().showcases.setShowcaseState(waiting.id, 'approved', null, at(5));
    expect(await titles({ q: 'bus' })).toEqual(['Bus delay tracker']);
    await store().showcases.setShowcaseState(waiting.id, 'rejected', 'Spam', at(6));
    expect(await titles({ q: 'bus' })).toEqual([]);
    expect((await search({ q: 'bus', kindFacet: true })).facets).toEqual({ kind: [] });
  });

  it('counts the showcases found by kind, leaving out the kind filter', async () => {
    await seed();
    const found = await search({ q: 'map summer barrio', kinds: ['app'], kindFacet: true });
    expect(found.total).toBe(1);
    expect(found.facets).toEqual({ kind: [{ value: 'app', count: 1 }, { value: 'story', count: 1 }, { value: 'visualization', count: 1 }] });
    expect((await search({ kindFacet: true })).facets?.kind.length).toBe(3);
  });
});
