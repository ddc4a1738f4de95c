import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { addResource } from '../../src/actions/ingest/add-resource.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The test catalog: points from GeoJSON and from latitude/longitude, areas, a table without places, and datasets no visitor may see or read. */
export interface OgcCatalog {
  t: TestPlaza;
  app: FastifyInstance;
}

export const FOOD_SITES = 'food-sites';
export const CRIMES = 'crimes';
export const AREAS = 'uhf-areas';

/** Loads the catalog into a fresh Plaza and builds its app. */
export async function startOgcCatalog(baseUrl: string, hidden = true): Promise<OgcCatalog> {
  const t = await startTestPlaza();
  await t.load(fixture('geo/nyc_efap_food_sites.geojson'), { title: 'Emergency food sites', slug: FOOD_SITES });
  await t.load(fixture('tabular/chicago_crimes_2014-09.csv'), { title: 'Crimes, September 2014', slug: CRIMES });
  await t.load(fixture('geo/nyc_uhf42.geojson'), { title: 'UHF neighborhoods', slug: AREAS });
  if (hidden) {
    await t.load(fixture('tabular/nyc_dhs_daily_shelter_census.csv'), { title: 'Shelter census', slug: 'shelter-census' });
    await t.load(fixture('geo/nyc_uhf42.geojson'), { title: 'Secret areas', slug: 'secret-areas' });
    await updateDataset(t.deps, t.admin, 'secret-areas', { access_level: 'private' });
    await t.load(fixture('geo/nyc_efap_food_sites.geojson'), { title: 'Restricted sites', slug: 'restricted-sites' });
    await updateDataset(t.deps, t.admin, 'restricted-sites', { access_level: 'restricted' });
    const draft = await createDataset(t.deps, t.admin, { title: 'Draft areas', organization: 'Test Department', description: 'Not published.', license: 'cc-by-4.0', slug: 'draft-areas' }, { createOrganization: true });
    const { job } = await addResource(t.deps, t.admin, draft.slug, { file: createReadStream(fixture('geo/nyc_uhf42.geojson')), filename: 'nyc_uhf42.geojson' }, {});
    await waitForJob(t.deps, job.id);
  }
  const app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl, registry: new ApiRegistry() }, { logLevel: 'silent' });
  return { t, app };
}
