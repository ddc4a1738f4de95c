import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteCatalog } from '../../src/adapters/sqlite/catalog-store.ts';
import { migrations } from '../../src/adapters/sqlite/migrations.ts';
import { SEARCH_FACETS, type SearchQuery, type Visibility } from '../../src/domain/catalog/search.ts';
import type { Dataset, DictionaryEntry } from '../../src/domain/catalog/types.ts';
import type { CatalogStore } from '../../src/ports/catalog-store.ts';
import { storeSuites } from '../support/stores.ts';
import { at, bareDataset, completion, organization, resource } from './factories.ts';
import { describeStores } from './harness.ts';

const ANONYMOUS: Visibility = { all: false, organizationIds: [] };
const EVERYONE: Visibility = { all: true };

/** A query with nothing set but what the test says. */
const query = (q: Partial<SearchQuery> = {}): SearchQuery => ({ filters: {}, visibility: ANONYMOUS, sort: 'relevance', limit: 50, offset: 0, facets: [], facetLimit: 10, ...q });

/** Creates a dataset with a live version of the given columns, a dictionary and resources. */
async function addDataset(
  store: CatalogStore,
  d: Dataset,
  extra: { columns?: [name: string, label: string][]; sourceFormat?: string; dictionary?: DictionaryEntry[]; formats?: string[] } = {},
): Promise<void> {
  await store.datasets.createDataset(d);
  for (const format of extra.formats ?? []) await store.datasets.createResource(resource(d.id, { format, name: `${d.slug}.${format}` }));
  if (extra.columns) await setColumns(store, d.id, extra.columns, extra.sourceFormat ?? 'csv');
  if (extra.dictionary) await store.datasets.putDictionary(d.id, extra.dictionary);
  // Loading a version touches the dataset; put back the instant the test chose.
  await store.datasets.updateDataset(d.id, { updatedAt: d.updatedAt });
}

/** Loads a new version with these columns and makes it live. */
async function setColumns(store: CatalogStore, datasetId: string, columns: [name: string, label: string][], sourceFormat = 'csv'): Promise<void> {
  const v = await store.datasets.createVersion({ id: `${datasetId}-v${Math.random().toString(36).slice(2, 8)}`, datasetId, resourceId: null, typeOverrides: {} }, at(1));
  await store.datasets.completeVersion(
    v.id,
    completion({ columns: columns.map(([name, label]) => ({ name, label, type: 'text', physical: 'VARCHAR' })), profile: {}, source: { format: sourceFormat, encoding: 'utf-8' } }),
    at(2),
  );
  await store.datasets.setLiveVersion(datasetId, v.id, at(3));
}

const ORGS = {
  parks: organization({ id: 'org-parks', slug: 'parks', name: 'Parks Department' }),
  transport: organization({ id: 'org-transport', slug: 'transport', name: 'Transportation Office' }),
  health: organization({ id: 'org-health', slug: 'health', name: 'Public Health' }),
};

/**
 * The catalog most tests read: five published public datasets and four that
 * anonymous readers must never see in results or counts.
 */
async function seed(store: CatalogStore): Promise<void> {
  for (const o of Object.values(ORGS)) await store.datasets.createOrganization(o);
  const ds = (id: string, orgId: string, d: Partial<Dataset>) => bareDataset(orgId, { id, slug: id, ...d });
  await addDataset(
    store,
    ds('street-trees', ORGS.parks.id, {
      title: 'Street Trees',
      description: 'Every public tree along city streets.',
      keywords: ['Trees', 'Urban Forest'],
      themes: ['Environment'],
      license: 'cc-by-4.0',
      frequency: 'monthly',
      updatedAt: at(10),
      nextDueAt: at(1000),
      popularity: 5,
    }),
    {
      formats: ['csv'],
      columns: [
        ['species', 'Species'],
        ['dbh', 'DBH'],
      ],
      dictionary: [{ column: 'dbh', label: 'Trunk diameter', description: 'Measured at breast height.', unit: 'cm' }],
    },
  );
  await addDataset(
    store,
    ds('air-quality', ORGS.health.id, {
      title: 'Air Quality Readings',
      description: 'Hourly pollution sensors, some mounted near street trees.',
      keywords: ['Air', 'Pollution'],
      themes: ['Environment', 'Health'],
      license: 'cc0-1.0',
      frequency: 'hourly',
      updatedAt: at(30),
      popularity: 50,
    }),
    { formats: ['json', 'csv'] },
  );
  await addDataset(
    store,
    ds('bike-lanes', ORGS.transport.id, {
      title: 'Bike Lanes',
      description: 'Painted and protected lanes.',
      keywords: ['Cycling'],
      themes: ['Mobility'],
      license: 'cc-by-4.0',
      frequency: 'annual',
      updatedAt: at(20),
      popularity: 20,
    }),
    { formats: ['geojson'], columns: [['lane_type', 'Protection level']], sourceFormat: 'geojson' },
  );
  await addDataset(
    store,
    ds('parking-meters', ORGS.transport.id, {
      title: 'citywide Parking Meters',
      description: 'Meter locations and rates.',
      keywords: ['Parking'],
      themes: ['Mobility'],
      license: 'odbl-1.0',
      frequency: 'monthly',
      updatedAt: at(5),
      popularity: 20,
    }),
    { formats: ['CSV'], columns: [['rate', 'Hourly rate']], sourceFormat: 'xlsx' },
  );
  await addDataset(
    store,
    ds('restaurant-inspections', ORGS.health.id, {
      title: 'Restaurant Inspections',
      description: 'Results of kitchen visits.',
      keywords: ['Food'],
      themes: ['Health'],
      publisher: 'Food Safety Bureau',
      license: 'cc-by-4.0',
      frequency: 'weekly',
      updatedAt: at(40),
      nextDueAt: at(100),
      popularity: 1,
    }),
  );
  // Never visible to anonymous readers.
  await addDataset(store, ds('tree-planting', ORGS.parks.id, { title: 'Tree Planting Plan', keywords: ['Trees'], themes: ['Environment'], license: 'cc-by-4.0', status: 'draft', nextDueAt: at(50) }), { formats: ['csv'] });
  await addDataset(store, ds('heritage-trees', ORGS.parks.id, { title: 'Heritage Trees', keywords: ['Trees'], themes: ['Environment'], license: 'cc-by-4.0', accessLevel: 'private' }), { formats: ['csv'] });
  await addDataset(store, ds('tree-removals', ORGS.transport.id, { title: 'Tree Removals', keywords: ['Trees'], themes: ['Mobility'], license: 'cc-by-4.0', status: 'submitted' }), { formats: ['csv'] });
  // Visible, but only to a query that asks for archived datasets.
  await addDataset(store, ds('old-tree-census', ORGS.parks.id, { title: 'Old Tree Census', keywords: ['Trees'], themes: ['Environment'], license: 'cc-by-4.0', status: 'archived' }));
}

const INJECTIONS = ['"', '""', '*', 'tre*', 'OR', 'trees OR', 'AND NOT', 'NEAR(', 'NEAR(trees street', ':', 'title:trees', '&|!', 'trees & !air', "'", "trees'", '\\', '-trees', '(', ')', '^trees', '{title}: trees', '<->', 'trees:*', '   ', '🌳', 'ø'];

const suites = await storeSuites();

describe.each(suites)('$name', (suite) => {
  describe.skipIf(suite.skip)('catalog search', () => {
    let opened: Awaited<ReturnType<typeof suite.open>>;
    let store: CatalogStore;
    beforeAll(async () => {
      opened = await suite.open();
      store = opened.store;
      await seed(store);
    });
    afterAll(async () => {
      await opened?.drop();
    });
    const slugs = async (q: Partial<SearchQuery>) => (await store.datasets.searchDatasets(query(q))).results.map((d) => d.slug);

    it('ranks a title match above a description match', async () => {
      expect(await slugs({ q: 'trees' })).toEqual(['street-trees', 'air-quality']);
    });

    it('returns whole datasets', async () => {
      const r = await store.datasets.searchDatasets(query({ q: 'street trees' }));
      expect(r.results[0]).toEqual(await store.datasets.getDataset('street-trees'));
    });

    it('searches every field: title, description, keywords, themes, publisher, organization, columns, dictionary', async () => {
      expect(await slugs({ q: 'meters' })).toEqual(['parking-meters']);
      expect(await slugs({ q: 'kitchen' })).toEqual(['restaurant-inspections']);
      expect(await slugs({ q: 'cycling' })).toEqual(['bike-lanes']);
      expect((await slugs({ q: 'mobility' })).sort()).toEqual(['bike-lanes', 'parking-meters']);
      expect(await slugs({ q: 'bureau' })).toEqual(['restaurant-inspections']);
      expect((await slugs({ q: 'transportation office' })).sort()).toEqual(['bike-lanes', 'parking-meters']);
      expect(await slugs({ q: 'species' })).toEqual(['street-trees']);
      expect(await slugs({ q: 'lane type' })).toEqual(['bike-lanes']);
      expect(await slugs({ q: 'protection level' })).toEqual(['bike-lanes']);
      expect(await slugs({ q: 'trunk diameter' })).toEqual(['street-trees']);
      expect(await slugs({ q: 'breast height' })).toEqual(['street-trees']);
    });

    it('ranks datasets matching every word above those matching some', async () => {
      expect(await slugs({ q: 'trees pollution' })).toEqual(['air-quality', 'street-trees']);
      // Only one word matches each: both are returned, by how well they match it.
      expect(await slugs({ q: 'bike pollution' })).toEqual(['bike-lanes', 'air-quality']);
      expect(await slugs({ q: 'street zzzzzz' })).toEqual(['street-trees', 'air-quality']);
    });

    it('ignores case and diacritics', async () => {
      expect(await slugs({ q: 'STREET Trées' })).toEqual(['street-trees', 'air-quality']);
      expect(await slugs({ q: 'KITCHÈN' })).toEqual(['restaurant-inspections']);
    });

    it('stems words', async () => {
      expect(await slugs({ q: 'tree' })).toEqual(['street-trees', 'air-quality']);
      expect(await slugs({ q: 'inspection' })).toEqual(['restaurant-inspections']);
      expect(await slugs({ q: 'reading' })).toEqual(['air-quality']);
    });

    it('matches the last word as a prefix, as the reader types', async () => {
      expect(await slugs({ q: 'stre' })).toEqual(['street-trees', 'air-quality']);
      expect(await slugs({ q: 'cycl' })).toEqual(['bike-lanes']);
      expect(await slugs({ q: 'meter loc' })).toEqual(['parking-meters']);
      expect(await slugs({ q: 'inspecti' })).toEqual(['restaurant-inspections']);
      expect(await slugs({ q: 'restaurant inspecti' })).toEqual(['restaurant-inspections']);
      // Only the last word: "inspe" matches nothing, so the dataset matches one word of two.
      expect(await slugs({ q: 'inspe restaurant' })).toEqual(['restaurant-inspections']);
      expect(await slugs({ q: 'inspe zzzzzz' })).toEqual([]);
    });

    it('tolerates typos', async () => {
      expect(await slugs({ q: 'polution' })).toEqual(['air-quality']);
      expect(await slugs({ q: 'tress' })).toEqual(['street-trees', 'air-quality']);
      expect(await slugs({ q: 'bike lnaes' })).toEqual(['bike-lanes']);
      expect(await slugs({ q: 'resturant' })).toEqual(['restaurant-inspections']);
      // Two edits in a long word: a wrong letter and two swapped.
      expect(await slugs({ q: 'inspektoins' })).toEqual(['restaurant-inspections']);
      // Two edits in a short word are too many.
      expect(await slugs({ q: 'baka' })).toEqual([]);
      expect(await slugs({ q: 'zzzzzz' })).toEqual([]);
    });

    it('never lets query syntax through', async () => {
      for (const q of INJECTIONS) {
        const r = await store.datasets.searchDatasets(query({ q, facets: [...SEARCH_FACETS] }));
        expect(r.total, q).toBe(r.results.length);
      }
      expect(await slugs({ q: 'trees:*' })).toEqual(['street-trees', 'air-quality']);
      expect(await slugs({ q: '"street trees' })).toEqual(['street-trees', 'air-quality']);
      // Operators are plain words: only one dataset says "near".
      expect((await slugs({ q: 'NEAR(trees street' }))[0]).toBe('air-quality');
      expect(await slugs({ q: '"' })).toHaveLength(5);
    });

    it('treats a query of only common words as matching nothing', async () => {
      expect(await slugs({ q: 'the of' })).toEqual([]);
    });

    it('filters by each facet, values of one facet OR-ed and facets AND-ed', async () => {
      expect((await slugs({ filters: { organization: ['transport'] } })).sort()).toEqual(['bike-lanes', 'parking-meters']);
      expect((await slugs({ filters: { organization: ['transport', 'parks'] } })).sort()).toEqual(['bike-lanes', 'parking-meters', 'street-trees']);
      expect((await slugs({ filters: { theme: ['Health'] } })).sort()).toEqual(['air-quality', 'restaurant-inspections']);
      expect(await slugs({ filters: { keyword: ['urban forest'] } })).toEqual(['street-trees']);
      expect((await slugs({ filters: { format: ['csv'] } })).sort()).toEqual(['air-quality', 'parking-meters', 'street-trees']);
      expect(await slugs({ filters: { format: ['xlsx'] } })).toEqual(['parking-meters']);
      expect((await slugs({ filters: { license: ['cc-by-4.0'] } })).sort()).toEqual(['bike-lanes', 'restaurant-inspections', 'street-trees']);
      expect((await slugs({ filters: { frequency: ['monthly', 'hourly'] } })).sort()).toEqual(['air-quality', 'parking-meters', 'street-trees']);
      expect(await slugs({ filters: { organization: ['transport'], format: ['csv'] } })).toEqual(['parking-meters']);
      expect(await slugs({ q: 'trees', filters: { organization: ['health'] } })).toEqual(['air-quality']);
      expect(await slugs({ filters: { organization: ['nowhere'] } })).toEqual([]);
      expect((await slugs({ filters: { organization: [] } })).length).toBe(5);
    });

    it('counts facets disjunctively: each facet without its own filter', async () => {
      const r = await store.datasets.searchDatasets(query({ filters: { organization: ['parks', 'transport'], license: ['cc-by-4.0'] }, facets: [...SEARCH_FACETS], sort: 'title' }));
      expect(r.results.map((d) => d.slug)).toEqual(['bike-lanes', 'street-trees']);
      expect(r.total).toBe(2);
      expect(r.facets).toEqual({
        organization: [
          { value: 'health', count: 1 },
          { value: 'parks', count: 1 },
          { value: 'transport', count: 1 },
        ],
        license: [
          { value: 'cc-by-4.0', count: 2 },
          { value: 'odbl-1.0', count: 1 },
        ],
        theme: [
          { value: 'Environment', count: 1 },
          { value: 'Mobility', count: 1 },
        ],
        keyword: [
          { value: 'cycling', count: 1 },
          { value: 'trees', count: 1 },
          { value: 'urban forest', count: 1 },
        ],
        format: [
          { value: 'csv', count: 1 },
          { value: 'geojson', count: 1 },
        ],
        frequency: [
          { value: 'annual', count: 1 },
          { value: 'monthly', count: 1 },
        ],
      });
    });

    it('counts facets over the text match, top values first, cut at facetLimit', async () => {
      const r = await store.datasets.searchDatasets(query({ facets: ['format', 'theme'], facetLimit: 2 }));
      expect(r.facets).toEqual({
        format: [
          { value: 'csv', count: 3 },
          { value: 'geojson', count: 1 },
        ],
        theme: [
          { value: 'Environment', count: 2 },
          { value: 'Health', count: 2 },
        ],
      });
      const t = await store.datasets.searchDatasets(query({ q: 'trees', facets: ['organization', 'keyword'] }));
      expect(t.facets).toEqual({
        organization: [
          { value: 'health', count: 1 },
          { value: 'parks', count: 1 },
        ],
        keyword: [
          { value: 'air', count: 1 },
          { value: 'pollution', count: 1 },
          { value: 'trees', count: 1 },
          { value: 'urban forest', count: 1 },
        ],
      });
      const none = await store.datasets.searchDatasets(query({ q: 'zzzzzz', facets: ['license'] }));
      expect(none).toEqual({ total: 0, results: [], facets: { license: [] } });
    });

    it('sorts by relevance, update, popularity and title, ties by slug', async () => {
      expect(await slugs({ sort: 'relevance' })).toEqual(['restaurant-inspections', 'air-quality', 'bike-lanes', 'street-trees', 'parking-meters']);
      expect(await slugs({ sort: 'updated' })).toEqual(['restaurant-inspections', 'air-quality', 'bike-lanes', 'street-trees', 'parking-meters']);
      expect(await slugs({ sort: 'updated', q: 'trees' })).toEqual(['air-quality', 'street-trees']);
      expect(await slugs({ sort: 'popular' })).toEqual(['air-quality', 'bike-lanes', 'parking-meters', 'street-trees', 'restaurant-inspections']);
      expect(await slugs({ sort: 'title' })).toEqual(['air-quality', 'bike-lanes', 'parking-meters', 'restaurant-inspections', 'street-trees']);
    });

    it('pages with a total', async () => {
      const page = await store.datasets.searchDatasets(query({ sort: 'title', limit: 2, offset: 2 }));
      expect(page.total).toBe(5);
      expect(page.results.map((d) => d.slug)).toEqual(['parking-meters', 'restaurant-inspections']);
      const last = await store.datasets.searchDatasets(query({ sort: 'title', limit: 2, offset: 4 }));
      expect([last.total, last.results.map((d) => d.slug)]).toEqual([5, ['street-trees']]);
      const beyond = await store.datasets.searchDatasets(query({ sort: 'title', limit: 2, offset: 10, q: 'trees' }));
      expect([beyond.total, beyond.results]).toEqual([2, []]);
    });

    it('selects statuses and overdue datasets', async () => {
      expect(await slugs({ statuses: ['archived'] })).toEqual(['old-tree-census']);
      expect(await slugs({ statuses: ['published', 'archived'], q: 'census' })).toEqual(['old-tree-census']);
      expect(await slugs({ overdueAt: at(200) })).toEqual(['restaurant-inspections']);
      expect(await slugs({ overdueAt: at(2000), sort: 'title' })).toEqual(['restaurant-inspections', 'street-trees']);
      expect(await slugs({ overdueAt: at(2000), visibility: EVERYONE, statuses: ['draft', 'published'], sort: 'title' })).toEqual(['restaurant-inspections', 'street-trees', 'tree-planting']);
    });

    it('keeps to the dataset ids given', async () => {
      expect(await slugs({ q: 'trees', ids: ['air-quality', 'bike-lanes'] })).toEqual(['air-quality']);
      expect(await slugs({ ids: ['tree-planting', 'bike-lanes'] })).toEqual(['bike-lanes']);
      const none = await store.datasets.searchDatasets(query({ ids: [], facets: ['license'] }));
      expect(none).toEqual({ total: 0, results: [], facets: { license: [] } });
    });

    it('hides drafts, private and submitted datasets from anonymous readers, in results and counts', async () => {
      for (const statuses of [undefined, ['draft', 'submitted', 'published'] as const]) {
        const r = await store.datasets.searchDatasets(query({ q: 'tree', statuses: statuses && [...statuses], facets: ['organization', 'keyword', 'theme', 'format', 'license'] }));
        expect(r.results.map((d) => d.slug)).toEqual(['street-trees', 'air-quality']);
        expect(r.total).toBe(2);
        expect(r.facets.organization).toEqual([
          { value: 'health', count: 1 },
          { value: 'parks', count: 1 },
        ]);
        expect(r.facets.keyword?.find((k) => k.value === 'trees')).toEqual({ value: 'trees', count: 1 });
        expect(r.facets.theme).toEqual([
          { value: 'Environment', count: 2 },
          { value: 'Health', count: 1 },
        ]);
      }
    });

    it("shows members their organizations' datasets, and site administrators everything", async () => {
      const parks: Visibility = { all: false, organizationIds: [ORGS.parks.id] };
      expect(await slugs({ q: 'trees', visibility: parks, sort: 'title' })).toEqual(['air-quality', 'heritage-trees', 'street-trees']);
      const r = await store.datasets.searchDatasets(query({ q: 'trees', visibility: parks, statuses: ['draft', 'submitted', 'published'], sort: 'title', facets: ['organization'] }));
      expect(r.results.map((d) => d.slug)).toEqual(['air-quality', 'heritage-trees', 'street-trees', 'tree-planting']);
      expect(r.facets.organization).toEqual([
        { value: 'parks', count: 3 },
        { value: 'health', count: 1 },
      ]);
      const all = await store.datasets.searchDatasets(query({ q: 'trees', visibility: EVERYONE, statuses: ['draft', 'submitted', 'published', 'archived'], sort: 'title', facets: ['organization'] }));
      expect(all.results.map((d) => d.slug)).toEqual(['air-quality', 'heritage-trees', 'old-tree-census', 'street-trees', 'tree-planting', 'tree-removals']);
      expect(all.facets.organization).toEqual([
        { value: 'parks', count: 4 },
        { value: 'health', count: 1 },
        { value: 'transport', count: 1 },
      ]);
    });
  });
});

describeStores('catalog search index', (store) => {
  const slugs = async (q: string, more: Partial<SearchQuery> = {}) => (await store().datasets.searchDatasets(query({ q, ...more }))).results.map((d) => d.slug);

  it('follows an organization rename', async () => {
    const org = organization({ id: 'org-p', slug: 'parks', name: 'Parks Department' });
    await store().datasets.createOrganization(org);
    await addDataset(store(), bareDataset(org.id, { id: 'trees', slug: 'trees', title: 'Street Trees' }));
    expect(await slugs('department')).toEqual(['trees']);
    await store().datasets.updateOrganization(org.id, { name: 'Urban Forestry Division' });
    expect(await slugs('department')).toEqual([]);
    expect(await slugs('forestry division')).toEqual(['trees']);
  });

  it("follows the live version's columns, the dictionary, resources and metadata", async () => {
    const org = organization();
    await store().datasets.createOrganization(org);
    await addDataset(store(), bareDataset(org.id, { id: 'trees', slug: 'trees', title: 'Street Trees' }), { columns: [['species', 'Species']] });
    expect(await slugs('species')).toEqual(['trees']);
    expect(await slugs('canopy')).toEqual([]);
    await setColumns(store(), 'trees', [['canopy_cover', 'Canopy cover']], 'xlsx');
    expect(await slugs('canopy')).toEqual(['trees']);
    expect(await slugs('species')).toEqual([]);
    expect(await slugs('', { filters: { format: ['xlsx'] } })).toEqual(['trees']);
    expect(await slugs('', { filters: { format: ['csv'] } })).toEqual([]);

    await store().datasets.putDictionary('trees', [{ column: 'canopy_cover', label: 'Shade', description: 'Share of the lot in shadow.', unit: '%' }]);
    expect(await slugs('shadow')).toEqual(['trees']);
    await store().datasets.createResource(resource('trees', { format: 'PDF' }));
    expect(await slugs('', { filters: { format: ['pdf'] } })).toEqual(['trees']);

    await store().datasets.updateDataset('trees', { title: 'Urban Canopy', keywords: ['Shade'], license: 'cc0-1.0' });
    expect(await slugs('street')).toEqual([]);
    expect(await slugs('urban')).toEqual(['trees']);
    expect(await slugs('', { filters: { license: ['cc0-1.0'], keyword: ['shade'] } })).toEqual(['trees']);
  });

  it("stems a dataset in the languages it declares, in English and Spanish when it declares none", async () => {
    const org = organization();
    await store().datasets.createOrganization(org);
    const text = { title: 'Recorridos de los contadores', description: 'Inspections of the counters.' };
    await addDataset(store(), bareDataset(org.id, { id: 'en', slug: 'en', ...text, language: ['en'] }));
    await addDataset(store(), bareDataset(org.id, { id: 'es', slug: 'es', ...text, language: ['es'] }));
    await addDataset(store(), bareDataset(org.id, { id: 'any', slug: 'any', ...text, language: [] }));
    // Spanish stems "recorrer" and "recorridos" alike; English does not.
    expect((await slugs('recorrer')).sort()).toEqual(['any', 'es']);
    // English stems "inspected" and "inspections" alike; Spanish does not.
    expect((await slugs('inspected')).sort()).toEqual(['any', 'en']);
    // A language's stop words are left out of its index ("los" is Spanish for "the", and no English stop word).
    expect((await slugs('los')).sort()).toEqual(['any', 'en']);
  });

  it('matches the synonyms of a word, of its stem, and phrases, as the query gives them', async () => {
    const org = organization();
    await store().datasets.createOrganization(org);
    await addDataset(store(), bareDataset(org.id, { id: 'counts', slug: 'counts', title: 'Bicycle counts', language: ['en'] }));
    await addDataset(store(), bareDataset(org.id, { id: 'rec', slug: 'rec', title: 'Parks and Recreation sites', language: ['en'] }));
    await addDataset(store(), bareDataset(org.id, { id: 'playgrounds', slug: 'playgrounds', title: 'Playgrounds', description: 'Recreation in parks.', language: ['en'] }));
    const synonyms = [['bike', 'bicycle', 'bicicleta'], ['park', 'parks and recreation']];
    expect(await slugs('bike')).toEqual([]);
    expect(await slugs('bike', { synonyms })).toEqual(['counts']);
    expect(await slugs('bikes', { synonyms })).toEqual(['counts']);
    expect(await slugs('bicicletas', { synonyms })).toEqual(['counts']);
    // A phrase matches its words in order: "recreation in parks" is not "parks and recreation".
    expect(await slugs('leisure')).toEqual([]);
    expect(await slugs('leisure', { synonyms: [['leisure', 'parks and recreation']] })).toEqual(['rec']);
  });

  it('learns new words for typo tolerance', async () => {
    const org = organization();
    await store().datasets.createOrganization(org);
    expect(await slugs('grafiti')).toEqual([]);
    await addDataset(store(), bareDataset(org.id, { id: 'g', slug: 'g', title: 'Graffiti Reports' }));
    expect(await slugs('grafiti')).toEqual(['g']);
  });

  it('forgets a deleted dataset, in results and counts', async () => {
    const org = organization({ slug: 'parks' });
    await store().datasets.createOrganization(org);
    await addDataset(store(), bareDataset(org.id, { id: 'trees', slug: 'trees', title: 'Street Trees', license: 'cc-by-4.0' }), { formats: ['csv'] });
    await addDataset(store(), bareDataset(org.id, { id: 'other', slug: 'other', title: 'Benches', license: 'cc-by-4.0' }));
    await store().datasets.deleteDataset('trees');
    const r = await store().datasets.searchDatasets(query({ q: 'trees', facets: ['license', 'format'] }));
    expect(r).toEqual({ total: 0, results: [], facets: { license: [], format: [] } });
    const all = await store().datasets.searchDatasets(query({ facets: ['license', 'format', 'organization'] }));
    expect(all.facets).toEqual({ license: [{ value: 'cc-by-4.0', count: 1 }], format: [], organization: [{ value: 'parks', count: 1 }] });
  });
});

describe('SQLite search migration', () => {
  it('indexes the datasets a catalog already holds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plaza-search-migration-'));
    try {
      const file = join(dir, 'catalog.sqlite');
      // A catalog as the release before search left it: migrations up to 0002, one dataset.
      const before = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(file) }) });
      const upTo0002 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0003'));
      const { error } = await new Migrator({ db: before, provider: { getMigrations: async () => upTo0002 } }).migrateToLatest();
      expect(error).toBeUndefined();
      const raw = new Database(file);
      raw.prepare(`INSERT INTO organizations (id, slug, name, created_at) VALUES ('o1', 'parks', 'Parks Department', ?)`).run(at());
      raw.prepare(`INSERT INTO datasets (id, slug, organization_id, title, description, keywords, license, created_at, updated_at) VALUES ('d1', 'street-trees', 'o1', 'Street Trees', 'Every tree.', '["Urban Forest"]', 'cc0-1.0', ?, ?)`).run(at(), at());
      raw.close();
      await before.destroy();

      const store = await openSqliteCatalog(file);
      try {
        const r = await store.datasets.searchDatasets(query({ q: 'tres', facets: ['organization', 'keyword', 'license'] }));
        expect(r.results.map((d) => d.slug)).toEqual(['street-trees']);
        expect(r.facets).toEqual({ organization: [{ value: 'parks', count: 1 }], keyword: [{ value: 'urban forest', count: 1 }], license: [{ value: 'cc0-1.0', count: 1 }] });
      } finally {
        await store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
