import type { FastifyInstance } from 'fastify';
import { changeStatus } from '../../src/actions/catalog/change-status.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { addLink } from '../../src/actions/catalog/resources.ts';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import type { Dataset } from '../../src/domain/catalog/types.ts';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** A small catalog for the CKAN API's tests: public datasets in two organizations, one with live data, and a draft and a private dataset that must never show. */
export interface CkanCatalog {
  t: TestPlaza;
  app: FastifyInstance;
  /** A member (editor) of Parks, through an API token sent as CKAN sends it. */
  member: Person;
  trees: Dataset;
  secret: Dataset;
  draft: Dataset;
  /** Slugs of every public, published dataset. */
  publicSlugs: string[];
  close(): Promise<void>;
}

export const BASE = 'http://plaza.test';

/** Creates a dataset with metadata only (no data) and publishes it unless `draft`. */
async function metadataOnly(t: TestPlaza, input: Record<string, unknown>, draft = false): Promise<Dataset> {
  const d = await createDataset(t.deps, t.admin, { license: 'cc-by-4.0', description: 'A dataset of the city.', ...input }, { createOrganization: true });
  await addLink(t.deps, t.admin, d.id, { kind: 'link', name: 'About the data', url: 'https://example.org/about' });
  if (!draft) await changeStatus(t.deps, t.admin, d.id, { status: 'published', confirm_empty: true });
  return (await t.deps.catalog.datasets.getDataset(d.id))!;
}

export async function ckanCatalog(extraPublic = 0): Promise<CkanCatalog> {
  const t = await startTestPlaza();
  const loaded = await t.load(fixture('tabular/nyc_dohmh_covid_totals_by_modzcta.csv'), { slug: 'street-trees', title: 'Street trees' });
  const tr = (await t.deps.catalog.datasets.getDataset(loaded.slug))!;
  await updateDataset(t.deps, t.admin, tr.id, {
    keywords: ['Trees', 'urban forest'],
    themes: ['Environment'],
    contact_point: { name: 'Forestry Desk', email: 'trees@example.org' },
    temporal: { start: '2020-01-01', end: '2020-12-31' },
    spatial: { place: 'Test City', bbox: [-74.1, 40.6, -73.8, 40.9] },
    frequency: 'monthly',
    language: ['en'],
  });
  const trees = (await t.deps.catalog.datasets.getDataset(tr.id))!;
  const parks = trees.organizationId;
  const publicSlugs = [trees.slug];
  publicSlugs.push((await metadataOnly(t, { title: 'Park benches', organization: 'Test Department', keywords: ['benches'], themes: ['Parks and recreation'], license: 'odbl-1.0' })).slug);
  publicSlugs.push((await metadataOnly(t, { title: 'Bike counts', organization: 'Transport Office', keywords: ['bikes', 'trees'], themes: ['Transportation'] })).slug);
  for (let i = 0; i < extraPublic; i++) publicSlugs.push((await metadataOnly(t, { title: `Survey ${String(i).padStart(2, '0')}`, organization: i % 2 ? 'Transport Office' : 'Test Department', keywords: ['survey'] })).slug);
  const secret = await metadataOnly(t, { title: 'Secret trees', organization: 'Test Department', keywords: ['secrettag', 'trees'], themes: ['Health'], access_level: 'private' });
  const draft = await metadataOnly(t, { title: 'Draft trees', organization: 'Transport Office', keywords: ['drafttag'], themes: ['Government'] }, true);
  const member = await makePerson(t, { roles: { [parks]: 'editor' } });
  const app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: BASE }, { logLevel: 'silent' });
  return { t, app, member, trees, secret, draft, publicSlugs, close: async () => { await app.close(); await t.close(); } };
}

/** A parsed JSON value, untyped because the tests check CKAN's answers field by field (JSON.parse's own type). */
type Json = ReturnType<typeof JSON.parse>;

/** An action's answer, parsed. */
export async function ckan(app: FastifyInstance, action: string, query: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const res = await app.inject({ url: `/api/3/action/${action}?${new URLSearchParams(query).toString()}`, headers });
  return { status: res.statusCode, body: res.json() as { success: boolean; result: Json; error: Json }, headers: res.headers };
}
