import { expect, it } from 'vitest';
import type { CatalogStore } from '../../src/ports/catalog-store.ts';
import { at, bareDataset, completion, fullDataset, organization, resource } from './factories.ts';
import { describeStores } from './harness.ts';

/** An organization to hang datasets on. */
async function withOrg(store: CatalogStore, slug = 'parks') {
  const org = organization({ id: `org-${slug}`, slug, name: slug[0]!.toUpperCase() + slug.slice(1) });
  await store.datasets.createOrganization(org);
  return org;
}

describeStores('organizations', (store) => {
  it('creates an organization and reads it back by id or slug', async () => {
    const org = organization({ id: 'org-1', slug: 'parks-and-recreation', name: 'Parks & Recreation', description: 'Parks, pools — and trees.' });
    await store().datasets.createOrganization(org);
    expect(await store().datasets.getOrganization('org-1')).toEqual(org);
    expect(await store().datasets.getOrganization('parks-and-recreation')).toEqual(org);
    expect(await store().datasets.getOrganization('nope')).toBeUndefined();
  });

  it('lists organizations sorted by name', async () => {
    for (const name of ['Zoning', 'Assessor', 'Parks']) await store().datasets.createOrganization(organization({ name }));
    expect((await store().datasets.listOrganizations()).map((o) => o.name)).toEqual(['Assessor', 'Parks', 'Zoning']);
  });

  it('updates only the fields given', async () => {
    const org = organization({ name: 'Parks', description: 'Old' });
    await store().datasets.createOrganization(org);
    await store().datasets.updateOrganization(org.id, { description: 'New' });
    expect(await store().datasets.getOrganization(org.id)).toEqual({ ...org, description: 'New' });
    await store().datasets.updateOrganization(org.id, { name: 'Parks Department' });
    expect(await store().datasets.getOrganization(org.id)).toEqual({ ...org, name: 'Parks Department', description: 'New' });
    await store().datasets.updateOrganization(org.id, {});
    expect((await store().datasets.getOrganization(org.id))?.name).toBe('Parks Department');
  });

  it('rejects a second organization with the same slug', async () => {
    await store().datasets.createOrganization(organization({ slug: 'parks' }));
    await expect(store().datasets.createOrganization(organization({ slug: 'parks' }))).rejects.toThrow();
    expect(await store().datasets.listOrganizations()).toHaveLength(1);
  });
});

describeStores('datasets', (store) => {
  it('reads back every metadata field exactly, by id or slug', async () => {
    const org = await withOrg(store());
    const full = fullDataset(org.id, { slug: 'street-trees' });
    const bare = bareDataset(org.id);
    await store().datasets.createDataset(full);
    await store().datasets.createDataset(bare);
    expect(await store().datasets.getDataset(full.id)).toEqual(full);
    expect(await store().datasets.getDataset('street-trees')).toEqual(full);
    expect(await store().datasets.getDataset(bare.id)).toEqual(bare);
    expect(await store().datasets.getDataset('missing')).toBeUndefined();
    const back = (await store().datasets.getDataset(full.id))!;
    expect(typeof back.popularity).toBe('number');
    expect(back.spatial?.bbox).toEqual([-71.19, 42.22, -70.98, 42.4]);
  });

  it('getDatasets answers in the order asked and leaves out unknown ids', async () => {
    const org = await withOrg(store());
    const [a, b, c] = [bareDataset(org.id), bareDataset(org.id), bareDataset(org.id)];
    for (const d of [a, b, c]) await store().datasets.createDataset(d);
    expect((await store().datasets.getDatasets([c.id, 'missing', a.id, b.id])).map((d) => d.id)).toEqual([c.id, a.id, b.id]);
    expect(await store().datasets.getDatasets([])).toEqual([]);
  });

  it('lists newest change first, pages, counts and filters by organization', async () => {
    const parks = await withOrg(store(), 'parks');
    const water = await withOrg(store(), 'water');
    const rows = [
      bareDataset(parks.id, { slug: 'p-old', updatedAt: at(1) }),
      bareDataset(water.id, { slug: 'w-mid', updatedAt: at(2) }),
      bareDataset(parks.id, { slug: 'p-new-b', updatedAt: at(3) }),
      bareDataset(parks.id, { slug: 'p-new-a', updatedAt: at(3) }),
    ];
    for (const d of rows) await store().datasets.createDataset(d);
    const all = await store().datasets.listDatasets({ limit: 10, offset: 0 });
    expect(all.total).toBe(4);
    expect(all.results.map((d) => d.slug)).toEqual(['p-new-a', 'p-new-b', 'w-mid', 'p-old']);
    const page = await store().datasets.listDatasets({ limit: 2, offset: 1 });
    expect(page).toEqual({ total: 4, results: [rows[2], rows[1]] });
    const parksOnly = await store().datasets.listDatasets({ limit: 2, offset: 0, organizationId: parks.id });
    expect(parksOnly.total).toBe(3);
    expect(parksOnly.results.map((d) => d.slug)).toEqual(['p-new-a', 'p-new-b']);
    expect(await store().datasets.listDatasets({ limit: 10, offset: 0, organizationId: 'nobody' })).toEqual({ total: 0, results: [] });
  });

  it('updates single fields and leaves the others alone', async () => {
    const org = await withOrg(store());
    const d = fullDataset(org.id);
    await store().datasets.createDataset(d);
    await store().datasets.updateDataset(d.id, { title: 'Trees' });
    expect(await store().datasets.getDataset(d.id)).toEqual({ ...d, title: 'Trees' });
    await store().datasets.updateDataset(d.id, { contactPoint: null, keywords: ['one'], temporal: { start: null, end: '2020-12-31' } });
    expect(await store().datasets.getDataset(d.id)).toEqual({ ...d, title: 'Trees', contactPoint: null, keywords: ['one'], temporal: { start: null, end: '2020-12-31' } });
    await store().datasets.updateDataset(d.id, { status: 'published', accessLevel: 'private', nextDueAt: null });
    expect(await store().datasets.getDataset(d.id)).toMatchObject({ status: 'published', accessLevel: 'private', nextDueAt: null, popularity: 7 });
  });

  it('deletes a dataset with its resources, versions and dictionary', async () => {
    const org = await withOrg(store());
    const d = bareDataset(org.id);
    const other = bareDataset(org.id);
    await store().datasets.createDataset(d);
    await store().datasets.createDataset(other);
    const r = resource(d.id);
    await store().datasets.createResource(r);
    await store().datasets.createResource(resource(other.id));
    const v = await store().datasets.createVersion({ id: 'v-1', datasetId: d.id, resourceId: r.id, typeOverrides: {} }, at(5));
    await store().datasets.completeVersion(v.id, completion(), at(6));
    await store().datasets.setLiveVersion(d.id, v.id, at(6));
    await store().datasets.putDictionary(d.id, [{ column: 'species', label: 'Species', description: '', unit: '' }]);
    await store().datasets.deleteDataset(d.id);
    expect(await store().datasets.getDataset(d.id)).toBeUndefined();
    expect(await store().datasets.listResources(d.id)).toEqual([]);
    expect(await store().datasets.getResource(r.id)).toBeUndefined();
    expect(await store().datasets.getVersion(v.id)).toBeUndefined();
    expect(await store().datasets.listVersions(d.id)).toEqual([]);
    expect(await store().datasets.getDictionary(d.id)).toEqual([]);
    expect(await store().datasets.getDataset(other.id)).toEqual(other);
    expect(await store().datasets.listResources(other.id)).toHaveLength(1);
  });

  it('setLiveVersion sets the live version and both update instants', async () => {
    const org = await withOrg(store());
    const d = bareDataset(org.id);
    await store().datasets.createDataset(d);
    const v = await store().datasets.createVersion({ id: 'v-live', datasetId: d.id, resourceId: null, typeOverrides: {} }, at(1));
    await store().datasets.setLiveVersion(d.id, v.id, at(9));
    expect(await store().datasets.getDataset(d.id)).toEqual({ ...d, liveVersionId: 'v-live', updatedAt: at(9), dataUpdatedAt: at(9) });
  });

  it('adds to popularity', async () => {
    const org = await withOrg(store());
    const d = bareDataset(org.id, { popularity: 2 });
    await store().datasets.createDataset(d);
    await store().datasets.addPopularity(d.id, 3);
    await store().datasets.addPopularity(d.id, 1);
    expect((await store().datasets.getDataset(d.id))?.popularity).toBe(6);
  });

  it('rejects a dataset whose slug is taken or whose organization does not exist', async () => {
    const org = await withOrg(store());
    await store().datasets.createDataset(bareDataset(org.id, { slug: 'trees' }));
    await expect(store().datasets.createDataset(bareDataset(org.id, { slug: 'trees' }))).rejects.toThrow();
    await expect(store().datasets.createDataset(bareDataset('no-such-org'))).rejects.toThrow();
    expect((await store().datasets.listDatasets({ limit: 10, offset: 0 })).total).toBe(1);
  });
});

describeStores('data dictionary', (store) => {
  it('upserts entries by column and keeps the others, sorted by column', async () => {
    const org = await withOrg(store());
    const d = bareDataset(org.id);
    await store().datasets.createDataset(d);
    expect(await store().datasets.getDictionary(d.id)).toEqual([]);
    const species = { column: 'species', label: 'Species', description: 'Latin name', unit: '' };
    const height = { column: 'height', label: 'Height', description: '', unit: 'm' };
    await store().datasets.putDictionary(d.id, [species, height]);
    expect(await store().datasets.getDictionary(d.id)).toEqual([height, species]);
    const taller = { ...height, label: 'Tree height', unit: 'ft' };
    await store().datasets.putDictionary(d.id, [taller]);
    expect(await store().datasets.getDictionary(d.id)).toEqual([taller, species]);
  });
});

describeStores('resources', (store) => {
  it('stores files, links and APIs and lists them newest first', async () => {
    const org = await withOrg(store());
    const d = bareDataset(org.id);
    await store().datasets.createDataset(d);
    const file = resource(d.id, { id: 'r-file', sizeBytes: 5_000_000_000, createdAt: at(1) });
    const link = resource(d.id, { id: 'r-link', kind: 'link', name: 'Methodology', sourceUrl: 'https://city.example/method.pdf', blobKey: null, sizeBytes: null, format: 'pdf', createdAt: at(2) });
    const api = resource(d.id, { id: 'r-api', kind: 'api', name: 'Live feed', description: '', sourceUrl: 'https://api.city.example/trees', blobKey: null, sizeBytes: null, format: null, createdAt: at(3) });
    for (const r of [file, link, api]) await store().datasets.createResource(r);
    expect(await store().datasets.getResource('r-file')).toEqual(file);
    expect(await store().datasets.getResource('r-link')).toEqual(link);
    expect(await store().datasets.listResources(d.id)).toEqual([api, link, file]);
    expect(await store().datasets.getResource('missing')).toBeUndefined();
  });

  it('creates several resources at once, and the catalog search sees their formats', async () => {
    const org = await withOrg(store());
    const d = bareDataset(org.id);
    await store().datasets.createDataset(d);
    const link = (id: string, format: string, n: number) => resource(d.id, { id, kind: 'link', name: `Download ${format}`, sourceUrl: `https://city.example/trees.${format}`, blobKey: null, sizeBytes: null, format, createdAt: at(n) });
    const [csv, geojson] = [link('r-csv', 'csv', 1), link('r-geojson', 'geojson', 2)];
    await store().datasets.createResources([csv, geojson]);
    await store().datasets.createResources([]);
    expect(await store().datasets.listResources(d.id)).toEqual([geojson, csv]);
    const found = await store().datasets.searchDatasets({ filters: { format: ['geojson'] }, visibility: { all: true }, sort: 'relevance', limit: 10, offset: 0, facets: ['format'], facetLimit: 10 });
    expect(found.results.map((x) => x.id)).toEqual([d.id]);
    expect(found.facets.format?.map((f) => f.value).sort()).toEqual(['csv', 'geojson']);
  });

  it('deletes a resource and detaches the versions made from it', async () => {
    const org = await withOrg(store());
    const d = bareDataset(org.id);
    await store().datasets.createDataset(d);
    const r = resource(d.id);
    await store().datasets.createResource(r);
    const v = await store().datasets.createVersion({ id: 'v-from-r', datasetId: d.id, resourceId: r.id, typeOverrides: {} }, at(1));
    await store().datasets.deleteResource(r.id);
    expect(await store().datasets.getResource(r.id)).toBeUndefined();
    expect(await store().datasets.listResources(d.id)).toEqual([]);
    expect(await store().datasets.getVersion(v.id)).toEqual({ ...v, resourceId: null });
  });
});

describeStores('versions', (store) => {
  it('numbers versions per dataset from 1 and lists them newest first', async () => {
    const org = await withOrg(store());
    const [a, b] = [bareDataset(org.id), bareDataset(org.id)];
    await store().datasets.createDataset(a);
    await store().datasets.createDataset(b);
    const a1 = await store().datasets.createVersion({ id: 'a1', datasetId: a.id, resourceId: null, typeOverrides: { zip: 'text' } }, at(1));
    const b1 = await store().datasets.createVersion({ id: 'b1', datasetId: b.id, resourceId: null, typeOverrides: {} }, at(2));
    const a2 = await store().datasets.createVersion({ id: 'a2', datasetId: a.id, resourceId: null, typeOverrides: {} }, at(3));
    expect([a1.number, b1.number, a2.number]).toEqual([1, 1, 2]);
    expect(a1).toEqual({
      id: 'a1', datasetId: a.id, number: 1, status: 'pending', resourceId: null, rowCount: null, rejectedCount: 0, columns: [], profile: {},
      source: null, warnings: [], dataKey: null, rejectsKey: null, error: null, typeOverrides: { zip: 'text' }, createdAt: at(1), completedAt: null,
    });
    expect(await store().datasets.getVersion('a1')).toEqual(a1);
    expect(await store().datasets.listVersions(a.id)).toEqual([a2, a1]);
    expect(await store().datasets.getVersion('missing')).toBeUndefined();
    const several = await store().datasets.getVersions(['a2', 'missing', 'b1']);
    expect(several.sort((x, y) => x.id.localeCompare(y.id))).toEqual([a2, b1]);
    expect(await store().datasets.getVersions([])).toEqual([]);
  });

  it('numbers versions created at the same time one after the other', async () => {
    const org = await withOrg(store());
    const d = bareDataset(org.id);
    await store().datasets.createDataset(d);
    const made = await Promise.all(Array.from({ length: 5 }, (_, i) => store().datasets.createVersion({ id: `v${i}`, datasetId: d.id, resourceId: null, typeOverrides: {} }, at(i))));
    expect(made.map((v) => v.number).sort()).toEqual([1, 2, 3, 4, 5]);
    expect((await store().datasets.listVersions(d.id)).map((v) => v.number)).toEqual([5, 4, 3, 2, 1]);
    expect(await store().datasets.getDataset(d.id)).toEqual(d);
  });

  it('completes a version with everything the ingest found', async () => {
    const org = await withOrg(store());
    const d = bareDataset(org.id);
    await store().datasets.createDataset(d);
    const v = await store().datasets.createVersion({ id: 'v1', datasetId: d.id, resourceId: null, typeOverrides: {} }, at(1));
    const done = completion();
    await store().datasets.completeVersion(v.id, done, at(2));
    expect(await store().datasets.getVersion(v.id)).toEqual({ ...v, ...done, status: 'ready', completedAt: at(2) });
    expect((await store().datasets.getVersion(v.id))?.rowCount).toBe(3_000_000_000);
  });

  it('fails a version with its error', async () => {
    const org = await withOrg(store());
    const d = bareDataset(org.id);
    await store().datasets.createDataset(d);
    const v = await store().datasets.createVersion({ id: 'v1', datasetId: d.id, resourceId: null, typeOverrides: {} }, at(1));
    await store().datasets.failVersion(v.id, 'Row 12: not a date', at(2));
    expect(await store().datasets.getVersion(v.id)).toEqual({ ...v, status: 'failed', error: 'Row 12: not a date', completedAt: at(2) });
  });
});
