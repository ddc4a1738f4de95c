import { expect, it } from 'vitest';
import type { SearchQuery } from '../../src/domain/catalog/search.ts';
import { at, bareDataset, organization } from './factories.ts';
import { describeStores } from './harness.ts';

/** The catalog search's `updated` range (harvesters' "changed since"), the same on both databases. */

const query = (q: Partial<SearchQuery> = {}): SearchQuery => ({ filters: {}, visibility: { all: false, organizationIds: [] }, sort: 'title', limit: 50, offset: 0, facets: ['keyword'], facetLimit: 10, ...q });

describeStores('catalog search by time of change', (store) => {
  it('keeps the datasets changed within the range, ends included, and counts only them', async () => {
    const org = organization();
    await store().datasets.createOrganization(org);
    for (const [id, minutes] of [['early', 0], ['middle', 10], ['late', 20]] as const) {
      await store().datasets.createDataset(bareDataset(org.id, { id, slug: id, keywords: ['k'], updatedAt: at(minutes) }));
    }
    const ids = async (updated: SearchQuery['updated']) => (await store().datasets.searchDatasets(query({ updated }))).results.map((d) => d.id);
    expect(await ids({ from: at(10) })).toEqual(['late', 'middle']);
    expect(await ids({ to: at(10) })).toEqual(['early', 'middle']);
    expect(await ids({ from: at(5), to: at(15) })).toEqual(['middle']);
    const page = await store().datasets.searchDatasets(query({ updated: { from: at(10) } }));
    expect(page.total).toBe(2);
    expect(page.facets.keyword).toEqual([{ value: 'k', count: 2 }]);
  });
});
