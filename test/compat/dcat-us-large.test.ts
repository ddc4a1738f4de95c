import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EMPTY_METADATA } from '../../src/domain/catalog/metadata.ts';
import type { Dataset, Organization, Resource } from '../../src/domain/catalog/types.ts';
import { ACCESS_LEVELS, FREQUENCIES, LICENSES } from '../../src/domain/catalog/vocab.ts';
import { DATA_JSON_PAGE } from '../../src/http/compat/dcat-us/routes.ts';
import { buildApp } from '../../src/http/app.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { podCatalogValidator } from './standards-support.ts';

const BASE = 'https://data.example.gov';
const COUNT = 2000;
let t: TestPlaza;
let app: FastifyInstance;

const validate = podCatalogValidator();

/** A generated dataset, every optional field exercised in turn across the catalog. */
function generated(i: number, org: Organization, liveIds: string[]): Dataset {
  const at = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString();
  const pick = <T>(xs: readonly T[]): T => xs[i % xs.length]!;
  // Every 20th dataset is a draft or private: none of them may appear.
  const hidden = i % 20 === 7;
  return {
    ...EMPTY_METADATA,
    id: `gen-${i}`,
    slug: `generated-${i}`,
    organizationId: org.id,
    title: `Generated dataset ${i}`,
    description: i % 11 === 0 ? '' : `Dataset number ${i}, with a description & "quotes" </script> and ünïcode.`,
    keywords: i % 3 === 0 ? [] : [`kw${i % 50}`, 'city'],
    themes: i % 4 === 0 ? [] : [pick(['Education', 'Health', 'Transportation'])],
    publisher: i % 5 === 0 ? `Publisher ${i}` : null,
    contactPoint: i % 6 === 0 ? null : { name: `Contact ${i}`, email: i % 12 === 1 ? `odd+tag${i}@example.gov` : `c${i}@example.gov` },
    license: i % 9 === 0 ? null : pick(LICENSES).id,
    frequency: i % 13 === 0 ? null : pick(FREQUENCIES).id,
    temporal: i % 7 === 0 ? null : { start: '2020-01-01', end: i % 2 ? '2024-12-31' : null },
    spatial: i % 8 === 0 ? null : { place: i % 3 ? 'Test City' : null, bbox: i % 2 ? [-87.9, 41.6, -87.5, 42.0] : null },
    issued: i % 10 === 0 ? null : '2023-05-01',
    language: i % 4 === 1 ? ['en', 'es'] : [],
    accessLevel: hidden && i % 40 === 7 ? 'private' : pick(ACCESS_LEVELS.filter((a) => a !== 'private')),
    status: hidden && i % 40 !== 7 ? 'draft' : 'published',
    liveVersionId: i % 3 === 2 ? pick(liveIds) : null,
    createdBy: null,
    createdAt: at,
    updatedAt: at,
    dataUpdatedAt: i % 2 ? at : null,
    publishedAt: hidden ? null : at,
    nextDueAt: null,
    popularity: 0,
  };
}

const resourcesOf = (d: Dataset, i: number): Resource[] =>
  i % 5 === 3
    ? [
        { id: `${d.id}-link`, datasetId: d.id, kind: 'link', name: 'Documentation', description: 'How the data is made.', sourceUrl: `https://docs.example.gov/${i}`, blobKey: null, sizeBytes: null, format: 'html', createdAt: d.createdAt },
        { id: `${d.id}-api`, datasetId: d.id, kind: 'api', name: '', description: '', sourceUrl: `https://api.example.gov/${i}`, blobKey: null, sizeBytes: null, format: null, createdAt: d.createdAt },
      ]
    : [];

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: BASE }, { logLevel: 'silent' });
  // Two real live versions, one with places, that generated datasets point at: their columns decide the downloads.
  const liveIds: string[] = [];
  for (const [path, slug] of [['tabular/montreal_bike_counts_2012.csv', 'bikes'], ['geo/nyc_uhf42.geojson', 'areas']] as const) {
    await t.load(fixture(path), { slug });
    liveIds.push((await t.deps.catalog.datasets.getDataset(slug))!.liveVersionId!);
  }
  const orgs: Organization[] = [0, 1, 2].map((n) => ({ id: `gen-org-${n}`, slug: `gen-org-${n}`, name: `Generated Department ${n}`, description: '', createdAt: '2024-01-01T00:00:00.000Z' }));
  // Straight into the store, in one transaction: writing 2,000 datasets one commit at a time is most of a test's budget.
  await t.deps.catalog.transaction(async (tx) => {
    const store = tx.datasets;
    for (const o of orgs) await store.createOrganization(o);
    for (let i = 0; i < COUNT; i++) {
      const d = generated(i, orgs[i % 3]!, liveIds);
      await store.createDataset(d);
      for (const r of resourcesOf(d, i)) await store.createResource(r);
    }
  });
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('GET /data.json on a generated catalog of 2,000 datasets', () => {
  it('is valid against the POD v1.1 non-federal schema, whole, read a page at a time, quickly', async () => {
    const search = vi.spyOn(t.deps.catalog.datasets, 'searchDatasets');
    const started = Date.now();
    const res = await app.inject({ method: 'GET', url: '/data.json' });
    const took = Date.now() - started;
    expect(res.statusCode).toBe(200);
    const catalog = res.json<{ dataset: Array<{ identifier: string; description: string }> }>();
    const ok = validate(catalog);
    expect((validate.errors ?? []).slice(0, 5)).toEqual([]);
    expect(ok).toBe(true);
    const hidden = Array.from({ length: COUNT }, (_, i) => i).filter((i) => i % 20 === 7);
    expect(catalog.dataset).toHaveLength(COUNT - hidden.length + 2);
    const ids = new Set(catalog.dataset.map((d) => d.identifier));
    for (const i of hidden) expect(ids.has(`${BASE}/datasets/generated-${i}`)).toBe(false);
    // A page of the store at a time, never the whole catalog at once.
    const limits = search.mock.calls.map(([q]) => q.limit);
    expect(limits.length).toBeGreaterThanOrEqual(Math.ceil(catalog.dataset.length / DATA_JSON_PAGE));
    expect(Math.max(...limits)).toBe(DATA_JSON_PAGE);
    search.mockRestore();
    expect(took).toBeLessThan(20_000);
  });

  it('exercises every optional field at least once', async () => {
    const catalog = (await app.inject({ method: 'GET', url: '/data.json' })).json<{ dataset: Array<Record<string, unknown>> }>();
    const keys = new Set(catalog.dataset.flatMap((d) => Object.keys(d)));
    for (const k of ['keyword', 'modified', 'license', 'spatial', 'temporal', 'accrualPeriodicity', 'issued', 'language', 'theme', 'landingPage', 'describedBy', 'describedByType', 'distribution', 'rights']) expect(keys).toContain(k);
    const dist = catalog.dataset.flatMap((d) => (d.distribution as Array<Record<string, string>> | undefined) ?? []);
    expect(new Set(dist.map((x) => x.format))).toEqual(new Set(['CSV', 'JSON', 'GeoJSON', 'Parquet', 'API', 'html']));
  });
});
