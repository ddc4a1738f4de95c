import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/actions/accounts/organizations.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { changeStatus } from '../../src/actions/catalog/change-status.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { addResource } from '../../src/actions/ingest/add-resource.ts';
import { loadDemoOnce } from '../../src/cli/demo.ts';
import { getSite } from '../../src/actions/site/settings.ts';
import { buildApp } from '../../src/http/app.ts';
import { startTestPlazaOn } from '../support/plaza-on-store.ts';
import type { TestPlaza } from '../support/plaza.ts';
import { storeSuites, type StoreSuite } from '../support/stores.ts';
import { until } from '../support/processes.ts';
import { parseTurtle, validate } from '../compat/dcat-ap-support.ts';
import { podCatalogValidator } from '../compat/standards-support.ts';

/**
 * Catalog search over the demo city's datasets (demo/datasets.json, loaded
 * as `plaza start` loads them), through the API and the catalog page, on
 * SQLite and on PostgreSQL: stems in English and Spanish, synonyms (the
 * defaults and an administrator's own), partial matches after full ones, and
 * organization names in the facet.
 */

const DEMO_SLUGS = [
  'chicago-crimes-2014-09', 'food-inspection-scores', 'emergency-food-sites', 'food-pantries-2024-11', 'daily-shelter-census',
  'covid-19-totals-by-zip', 'zip-code-areas', 'employee-earnings-2016', 'bike-counts-2012',
];
const FOOD = ['emergency-food-sites', 'food-inspection-scores', 'food-pantries-2024-11'];

const stores = await storeSuites('the demo search tests on the PostgreSQL catalog');

describe.each(stores.map((s) => [s.name, s] as const))('searching the demo catalog on %s', (_name, store) => {
  describe.skipIf(store.skip)('search', () => demoSearchTests(store));
});

function demoSearchTests(store: StoreSuite): void {
  const started: { t?: TestPlaza; app?: FastifyInstance } = {};
  let app: FastifyInstance;
  let auth: Record<string, string>;

  const search = async (q: string, more = '') => {
    const r = await app.inject({ method: 'GET', url: `/api/v1/datasets?q=${encodeURIComponent(q)}&limit=50${more}` });
    expect(r.statusCode).toBe(200);
    return r.json() as { total: number; results: { slug: string }[]; facets: Record<string, { value: string; count: number; label?: string }[]> };
  };
  const slugs = async (q: string) => (await search(q)).results.map((d) => d.slug);
  const patchSite = (payload: object) => app.inject({ method: 'PATCH', url: '/api/v1/site', headers: auth, payload });

  beforeAll(async () => {
    const t = (started.t = await startTestPlazaOn(store));
    app = started.app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://test.local' }, { logLevel: 'silent' });
    auth = { authorization: `Bearer ${t.token}` };
    expect(await loadDemoOnce(t.deps, t.admin, t.dir)).toEqual({ queued: DEMO_SLUGS.length });
    // Two more: a full match for "food trucks", and a dataset described in Spanish, each in its own organization.
    for (const name of ['Licensing', 'Movilidad']) await createOrganization(t.deps, t.admin, { name });
    for (const [metadata, csv] of [
      [{ title: 'Food truck permits', organization: 'Licensing', description: 'Permits of the mobile vendors that sell from trucks.', license: 'cc-by-4.0', language: ['en'] }, 'vendor,permit\nTaco Uno,P-1\n'],
      [{ title: 'Aforos de ciclistas en los puentes', organization: 'Movilidad', description: 'Recorridos diarios contados en los puentes de la ciudad.', license: 'cc-by-4.0', language: ['es'] }, 'puente,total\nNorte,12\n'],
    ] as const) {
      const d = await createDataset(t.deps, t.admin, metadata);
      const { job } = await addResource(t.deps, t.admin, d.id, { file: Readable.from([Buffer.from(csv)]), filename: 'data.csv' });
      await waitForJob(t.deps, job.id);
      await changeStatus(t.deps, t.admin, d.id, { status: 'published' });
    }
    await until('the demo datasets to load', async () => {
      for (const slug of DEMO_SLUGS) if (!(await t.deps.catalog.datasets.getDataset(slug))?.liveVersionId) return undefined;
      return true;
    }, 240);
  }, 300_000);

  afterAll(async () => {
    await started.app?.close();
    await started.t?.close();
  });

  it('describes the whole demo catalog in valid data.json and in DCAT-AP 3 that its shapes accept', async () => {
    const dataJson = await app.inject('/data.json');
    expect(dataJson.statusCode).toBe(200);
    const catalog = dataJson.json() as { dataset: Array<{ identifier: string }> };
    const valid = podCatalogValidator();
    expect(valid(catalog), JSON.stringify(valid.errors?.slice(0, 5))).toBe(true);
    // The demo's datasets, the two added above, and the one harvested from the demo's peer.
    expect(catalog.dataset.length).toBe(DEMO_SLUGS.length + 3);
    const turtle = await app.inject({ url: '/catalog.ttl?per_page=1000' });
    expect(turtle.statusCode).toBe(200);
    for (const shapes of ['dcat-ap-3.0.1-shapes-mandatory.ttl', 'dcat-ap-3.0.1-shapes-recommended.ttl']) {
      const report = await validate(parseTurtle(turtle.body), shapes);
      // The harvested New York dataset names no licence at its source, so neither do its distributions here: a warning of
      // the recommended shapes, and the only one (docs/standards.md).
      const unlicensed = (v: string) => /^Warning \S+\/datasets\/state-of-new-york-mortgage-agency\S+#resource-\S+ http:\/\/purl\.org\/dc\/terms\/license: Less than 1 values$/.test(v);
      expect(report.violations.filter((v) => !unlicensed(v)), shapes).toEqual([]);
      expect(report.violations.filter((v) => v.startsWith('Violation'))).toEqual([]);
    }
  });

  it('lists New York State as a peer and harvests its catalog from the shipped copy on the first start', async () => {
    const [source] = await started.t!.deps.catalog.harvest.listSources();
    expect(source).toMatchObject({ name: 'New York State', kind: 'dcat-us', url: 'https://data.ny.gov/data.json', peer: true, harvest: true, scheduleHours: null });
    const [run] = await started.t!.deps.catalog.harvest.listRuns(source!.id, 5);
    expect(run).toMatchObject({ trigger: 'first-start', status: 'succeeded', counts: { created: 1, errors: 0 } });
    const [origin] = await started.t!.deps.catalog.harvest.originsOfSource(source!.id);
    expect(origin?.originalUrl).toBe('https://data.ny.gov/d/22ew-dxez');
    const found = await search('SONYMA loans');
    expect(found.results.map((d) => d.slug)).toContain((await started.t!.deps.catalog.datasets.getDataset(origin!.datasetId))?.slug);
  });

  it('draws the demo city’s ZIP code areas beneath its maps', async () => {
    expect((await getSite(started.t!.deps)).mapContext).toBe('zip-code-areas');
    const html = (await app.inject('/datasets/emergency-food-sites/map')).body;
    expect(html).toContain('<g class="context"><path d="M');
    expect(html).toContain('<span>Areas: <a href="/datasets/zip-code-areas">');
  });

  it('posts the demo city’s problems as its residents: votes, organizations and every status of triage, English and Spanish', async () => {
    const r = await app.inject('/api/v1/problems?limit=50');
    const body = r.json() as { total: number; results: Array<{ title: string; status: string; votes: number; status_reason: string | null; organization_id: string | null; place: { kind: string } }> };
    expect(body.total).toBeGreaterThanOrEqual(12);
    expect(new Set(body.results.map((p) => p.status))).toEqual(new Set(['new', 'under_review', 'scoped', 'in_project', 'addressed', 'declined']));
    expect(new Set(body.results.map((p) => p.place.kind))).toEqual(new Set(['point', 'area', 'citywide']));
    expect(body.results[0]!.votes).toBeGreaterThanOrEqual(7);
    expect(body.results.find((p) => p.status === 'declined')!.status_reason).toMatch(/state/);
    expect(body.results.filter((p) => p.organization_id !== null).length).toBeGreaterThanOrEqual(6);
    expect(body.results.some((p) => p.title.startsWith('Los avisos'))).toBe(true);
    const lights = body.results.find((p) => p.title.startsWith('Broken streetlights')) as unknown as { links: { self: string } };
    expect((await app.inject(lights.links.self)).json().comments).toHaveLength(2);
    const home = (await app.inject('/')).body;
    expect(home).toContain('Broken streetlights on the walk home');
  });

  it('asks the demo city’s dataset requests: one fulfilled by a demo dataset, one declined for privacy, the city’s answers in English and Spanish', async () => {
    const body = (await app.inject('/api/v1/requests?limit=50')).json() as { total: number; results: Array<{ title: string; status: string; decline_reason: string | null; status_note: string | null; links: { self: string } }> };
    expect(body.total).toBeGreaterThanOrEqual(6);
    const fulfilled = body.results.find((r) => r.status === 'published')!;
    expect((await app.inject(fulfilled.links.self)).json().dataset).toMatchObject({ slug: 'food-pantries-2024-11' });
    const declined = body.results.find((r) => r.decline_reason === 'privacy')!;
    expect(declined.status_note).toMatch(/cannot be published.*no se pueden publicar/);
    expect(new Set(body.results.map((r) => r.status))).toEqual(new Set(['new', 'under_review', 'planned', 'published', 'declined']));
    expect((await app.inject('/datasets/food-pantries-2024-11')).body).toContain('Requests this dataset fulfilled');
  });

  it('links demo datasets to the demo city\'s problems, shown on both sides', async () => {
    const pantry = (await app.inject('/api/v1/problems?limit=50')).json().results.find((p: { title: string }) => p.title.startsWith('The food pantry line')) as { id: string };
    expect((await app.inject(`/api/v1/problems/${pantry.id}/links`)).json().results.map((l: { slug: string }) => l.slug)).toEqual(['food-pantries-2024-11', 'emergency-food-sites']);
    expect((await app.inject('/datasets/daily-shelter-census')).body).toContain('Problems this data bears on');
  });

  it('links the demo champions to the demo projects, shown on both sides', async () => {
    const champions = (await app.inject('/api/v1/champions?limit=50')).json().results as Array<{ slug: string; name: string; project_ids: string[] }>;
    const projects = (await app.inject('/api/v1/projects?limit=50')).json().results as Array<{ id: string; slug: string; title: string }>;
    const pantry = projects.find((p) => p.title === 'Pantry Line Live')!;
    const grades = projects.find((p) => p.title === 'Restaurant Grades app')!;
    const of = (id: string) => champions.filter((c) => c.project_ids.includes(id)).map((c) => c.name).sort();
    expect(of(pantry.id)).toEqual(['Denise Washington', 'Marcus Bell']);
    expect(of(grades.id)).toEqual(['Priya Natarajan']);
    const priya = champions.find((c) => c.name === 'Priya Natarajan')!;
    expect((await app.inject(`/champions/${priya.slug}`)).body).toContain(`<a href="/projects/${grades.slug}">Restaurant Grades app</a>`);
    expect((await app.inject(`/projects/${pantry.slug}`)).body).toContain('Marcus Bell</a>');
  });

  it('finds the bicycle counts by "bike" and "bikes" (synonyms, then stems)', async () => {
    expect(await slugs('bike')).toEqual(['bike-counts-2012']);
    expect(await slugs('bikes')).toEqual(['bike-counts-2012']);
    expect(await slugs('bicycling')).toEqual(['bike-counts-2012']);
  });

  it('returns the food datasets for "food trucks", the dataset matching both words first', async () => {
    const found = await slugs('food trucks');
    expect(found[0]).toBe('food-truck-permits');
    expect(found.slice(1).sort()).toEqual(expect.arrayContaining(FOOD));
    expect(found.length).toBeGreaterThan(FOOD.length);
  });

  it('stems Spanish: a Spanish-described dataset by another form of its words, and the bicycle counts by "bicicletas"', async () => {
    // Neither a completion nor a near spelling of a word of the dataset: only the Spanish stems meet.
    expect(await slugs('recorrer')).toEqual(['aforos-de-ciclistas-en-los-puentes']);
    expect(await slugs('diariamente puente')).toEqual(['aforos-de-ciclistas-en-los-puentes']);
    expect(await slugs('bicicletas')).toEqual(['bike-counts-2012']);
  });

  it('uses the synonyms an administrator sets, in place of the defaults, and the defaults again after null', async () => {
    expect(await slugs('despensa')).toEqual([]);
    const set = await patchSite({ synonyms: [['pantry', 'despensa', 'banco de alimentos']] });
    expect(set.statusCode).toBe(200);
    expect(set.json().synonyms).toEqual([['pantry', 'despensa', 'banco de alimentos']]);
    expect((await slugs('despensas')).sort()).toEqual(['emergency-food-sites', 'food-pantries-2024-11']);
    expect(await slugs('bike')).toEqual([]);
    expect((await patchSite({ synonyms: null })).statusCode).toBe(200);
    expect(await slugs('despensa')).toEqual([]);
    expect(await slugs('bike')).toEqual(['bike-counts-2012']);
  });

  it('refuses synonyms it cannot use, field by field', async () => {
    const r = await patchSite({ synonyms: [['lonely']] });
    expect(r.statusCode).toBe(400);
    expect(JSON.stringify(r.json())).toContain('A group of synonyms needs at least two words.');
  });

  it('shows organization names in the facet, on the API and the catalog page', async () => {
    const r = await search('food', '&facets=organization');
    expect(r.facets.organization).toContainEqual({ value: 'human-resources-administration', count: 2, label: 'Human Resources Administration' });
    const page = await app.inject({ method: 'GET', url: '/datasets?q=food' });
    const facets = /<nav class="facets"[\s\S]*?<\/nav>/.exec(page.body)?.[0] ?? '';
    expect(facets).toContain('>Human Resources Administration <span class="meta">');
    expect(facets).not.toContain('>human-resources-administration <span');
  });
}
