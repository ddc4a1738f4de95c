import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHarvest } from '../../src/actions/harvest/run-harvest.ts';
import { addSource } from '../../src/actions/harvest/sources.ts';
import { changeStatus } from '../../src/actions/catalog/change-status.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { deleteDataset } from '../../src/actions/catalog/delete-dataset.ts';
import { addLink } from '../../src/actions/catalog/resources.ts';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import type { Dataset } from '../../src/domain/catalog/types.ts';
import { startTestPlazaOn } from '../support/plaza-on-store.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { postgresAvailable, STORES } from '../support/stores.ts';
import { recordFetches, servePlaza } from './serve.ts';

/** A dataset on A, with a link so that it may be published, moved to the status asked. */
async function make(a: TestPlaza, input: Record<string, unknown>, status: 'draft' | 'submitted' | 'published'): Promise<Dataset> {
  const ds = await createDataset(a.deps, a.admin, { organization: 'Parks Department', description: 'Described on A.', license: 'cc-by-4.0', ...input }, { createOrganization: true });
  await addLink(a.deps, a.admin, ds.slug, { kind: 'link', name: 'The file', url: `https://files.example.org/${ds.slug}.csv`, format: 'csv' });
  if (status !== 'draft') await changeStatus(a.deps, a.admin, ds.slug, { status });
  return (await a.deps.catalog.datasets.getDataset(ds.id))!;
}

/** Two Plaza sites on loopback, B harvesting A with the `plaza` kind. */
function peersSuite(label: string, startB: () => Promise<TestPlaza>, skip = false) {
  describe.skipIf(skip)(`two Plaza sites harvesting each other (B on ${label})`, () => {
    let a: TestPlaza;
    let b: TestPlaza;
    let aSite: { url: string; close(): Promise<void> };
    let bSite: { url: string; close(): Promise<void> };

    // A's clock, an hour behind while its catalog is first written, so that B's second run finds only what changed after.
    let behindMs = 3_600_000;

    beforeAll(async () => {
      a = await startTestPlaza({ clock: { now: () => new Date(Date.now() - behindMs) } });
      b = await startB();
      aSite = await servePlaza(a, 'City A');
      bSite = await servePlaza(b, 'City B');
    }, 120_000);
    afterAll(async () => {
      await aSite?.close();
      await bSite?.close();
      await a?.close();
      await b?.close();
    });

    it('brings every public dataset of A once, with its metadata and origin; changes, archives and removals follow; drafts and private ones never arrive', async () => {
      const trees = await make(a, {
        title: 'Street trees',
        description: 'Every tree the city **plants** and cares for.',
        keywords: ['trees', 'canopy'],
        publisher: 'Urban Forestry Office',
        contact_point: { name: 'Forestry desk', email: 'trees@a.example' },
        license: 'cc-by-4.0',
        frequency: 'monthly',
        temporal: { start: '2019-01-01', end: '2024-12-31' },
        spatial: { place: 'City A', bbox: [-3.8, 40.3, -3.5, 40.6] },
        language: ['en', 'es'],
      }, 'published');
      const benches = await make(a, { title: 'Park benches', keywords: ['parks'] }, 'published');
      const fountains = await make(a, { title: 'Drinking fountains', license: 'odbl-1.0' }, 'published');
      const draft = await make(a, { title: 'Secret draft list' }, 'draft');
      const submitted = await make(a, { title: 'Waiting for review list' }, 'submitted');
      const hidden = await make(a, { title: 'Private staff list', access_level: 'private' }, 'published');
      const requests = recordFetches(b);

      const source = await addSource(b.deps, b.admin, { kind: 'plaza', url: aSite.url, name: 'City A', schedule_hours: null });
      const first = await runHarvest(b.deps, source.id, { trigger: 'manual' });
      expect(first.message).toBeNull();
      expect(first.status).toBe('succeeded');
      expect(first.counts).toEqual({ created: 3, updated: 0, archived: 0, unchanged: 0, errors: 0 });

      const origins = await b.deps.catalog.harvest.originsOfSource(source.id);
      expect(origins.map((o) => o.remoteId).sort()).toEqual([trees.id, benches.id, fountains.id].sort());
      for (const missing of [draft, submitted, hidden]) expect(origins.some((o) => o.remoteId === missing.id || o.identifier.endsWith(`/${missing.slug}`))).toBe(false);
      // B's whole catalog, as its site administrator sees it, drafts and private datasets included.
      const everything = (await (await fetch(`${bSite.url}/api/3/action/package_search?q=*:*&rows=1000&include_private=true&include_drafts=true`, { headers: { authorization: b.token } })).json()) as { result: { results: { title: string }[] } };
      expect(everything.result.results.map((r) => r.title).sort()).toEqual(['Drinking fountains', 'Park benches', 'Street trees']);
      const origin = origins.find((o) => o.remoteId === trees.id)!;
      expect(origin.originalUrl).toBe(`${aSite.url}/datasets/${trees.slug}`);
      expect(origin.identifier).toBe(`${aSite.url}/datasets/${trees.slug}`);
      const copy = (await b.deps.catalog.datasets.getDataset(origin.datasetId))!;
      expect(copy).toMatchObject({
        status: 'published',
        title: 'Street trees',
        description: 'Every tree the city **plants** and cares for.',
        keywords: ['canopy', 'trees'],
        publisher: 'Urban Forestry Office',
        contactPoint: { name: 'Forestry desk', email: 'trees@a.example' },
        license: 'cc-by-4.0',
        frequency: 'monthly',
        temporal: { start: '2019-01-01', end: '2024-12-31' },
        spatial: { place: 'City A', bbox: [-3.8, 40.3, -3.5, 40.6] },
        language: ['en', 'es'],
        accessLevel: 'public',
      });
      expect((await b.deps.catalog.datasets.listResources(copy.id)).map((r) => r.sourceUrl)).toEqual([`https://files.example.org/${trees.slug}.csv`]);
      expect(requests.every((u) => u.startsWith(`${aSite.url}/api/3/action/package_search`))).toBe(true);

      // A change on A shows on B after the next run, which asks only for what changed.
      requests.length = 0;
      behindMs = 0;
      await updateDataset(a.deps, a.admin, trees.slug, { title: 'Street trees of City A' });
      const second = await runHarvest(b.deps, source.id, { trigger: 'manual' });
      expect(second.since).toBe(first.startedAt);
      expect(second.counts).toEqual({ created: 0, updated: 1, archived: 0, unchanged: 2, errors: 0 });
      expect((await b.deps.catalog.datasets.getDataset(copy.id))?.title).toBe('Street trees of City A');
      const asked = requests.map((u) => new URL(u).searchParams);
      expect(asked.some((p) => /^metadata_modified:\[\S+ TO \*\]$/.test(p.get('fq') ?? ''))).toBe(true);
      expect(asked.some((p) => p.get('fl') === 'id')).toBe(true);
      // The changed dataset alone came in full: the others were listed by id.
      expect((await b.deps.catalog.harvest.originsOfSource(source.id)).filter((o) => o.lastRunId === second.id && o.remoteModified !== null && o.remoteModified > first.startedAt).map((o) => o.remoteId)).toEqual([trees.id]);

      // Archived and deleted on A: archived on B, not deleted.
      await changeStatus(a.deps, a.admin, benches.slug, { status: 'archived' });
      await deleteDataset(a.deps, a.admin, fountains.slug);
      const third = await runHarvest(b.deps, source.id, { trigger: 'manual' });
      expect(third.counts).toMatchObject({ created: 0, archived: 2, errors: 0 });
      const after = await b.deps.catalog.harvest.originsOfSource(source.id);
      for (const gone of [benches, fountains]) {
        const o = after.find((x) => x.remoteId === gone.id)!;
        expect(o.removedAt).not.toBeNull();
        expect((await b.deps.catalog.datasets.getDataset(o.datasetId))?.status).toBe('archived');
      }
      expect((await b.deps.catalog.datasets.getDataset(copy.id))?.status).toBe('published');
    }, 120_000);

    it("takes a dataset read from a Plaza site's data.json and from its CKAN API as one dataset with two origins", async () => {
      const both = await make(a, { title: 'Bike lanes' }, 'published');
      const pod = await addSource(b.deps, b.admin, { kind: 'dcat-us', url: `${aSite.url}/data.json`, name: 'City A (data.json)', schedule_hours: null });
      const run = await runHarvest(b.deps, pod.id, { trigger: 'manual' });
      expect(run.status).toBe('succeeded');
      const viaPod = (await b.deps.catalog.harvest.originsOfSource(pod.id)).find((o) => o.identifier === `${aSite.url}/datasets/${both.slug}`);
      expect(viaPod).toBeDefined();
      const [ckanSource] = (await b.deps.catalog.harvest.listSources()).filter((s) => s.kind === 'plaza');
      await runHarvest(b.deps, ckanSource!.id, { trigger: 'manual' });
      const viaCkan = (await b.deps.catalog.harvest.originsOfSource(ckanSource!.id)).find((o) => o.remoteId === both.id);
      expect(viaCkan?.datasetId).toBe(viaPod!.datasetId);
      expect(await b.deps.catalog.harvest.originsOf([viaPod!.datasetId])).toHaveLength(2);
    }, 120_000);

    it('harvesting B back, A takes none of its own datasets from B’s copies', async () => {
      const before = (await a.deps.catalog.datasets.listDatasets({ limit: 1, offset: 0 })).total;
      const back = await addSource(a.deps, a.admin, { kind: 'plaza', url: bSite.url, name: 'City B', schedule_hours: null });
      const run = await runHarvest(a.deps, back.id, { trigger: 'manual' });
      expect(run.status).toBe('succeeded');
      expect(run.counts).toMatchObject({ created: 0, updated: 0, errors: 0 });
      expect(await a.deps.catalog.harvest.originsOfSource(back.id)).toEqual([]);
      expect((await a.deps.catalog.datasets.listDatasets({ limit: 1, offset: 0 })).total).toBe(before);
    }, 120_000);
  });
}

peersSuite('SQLite', () => startTestPlaza());
const pg = STORES.find((s) => s.name === 'postgres')!;
const pgUp = await postgresAvailable();
if (!pgUp && process.env.PLAZA_REQUIRE_SERVICES === '1') throw new Error('PostgreSQL is required (PLAZA_REQUIRE_SERVICES=1) but is not reachable.');
peersSuite('PostgreSQL', () => startTestPlazaOn(pg), !pgUp);
