import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, getOrganization } from '../../src/actions/accounts/organizations.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The organizations index: each organization with the number of its datasets the reader may see. */

let t: TestPlaza;
let app: FastifyInstance;
let member: Person;

/** The count the page shows beside an organization's link, as its text. */
function countOf(body: string, slug: string): string | undefined {
  const m = new RegExp(`<a href="/organizations/${slug}">[^<]*</a>\\s*</h2>\\s*<p class="meta">([^<]*)</p>`).exec(body);
  return m?.[1];
}

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  await t.load(fixture('tabular/montreal_bike_counts_2012.csv'), { title: 'Bike counts', slug: 'bike-counts' });
  await t.load(fixture('tabular/montreal_bike_counts_2012.csv'), { title: 'Private bike counts', slug: 'private-counts' });
  await updateDataset(t.deps, t.admin, 'private-counts', { access_level: 'private' });
  await createDataset(t.deps, t.admin, { title: 'Unfinished counts', organization: 'Test Department', slug: 'unfinished' });
  await createOrganization(t.deps, t.admin, { name: 'Parks and Recreation', description: 'Parks, pools and trails.' });
  const department = await getOrganization(t.deps, 'test-department');
  member = await makePerson(t, { name: 'Member', roles: { [department.id]: 'viewer' } });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('the organizations page', () => {
  it('lists every organization, linking to its page, with the published datasets a visitor may see', async () => {
    const page = await app.inject('/organizations');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Organizations</h1>');
    expect(page.body).toContain('<a href="/organizations/test-department">Test Department</a>');
    expect(page.body).toContain('<a href="/organizations/parks-and-recreation">Parks and Recreation</a>');
    expect(page.body).toContain('Parks, pools and trails.');
    // Neither the private dataset nor the draft counts for a visitor.
    expect(countOf(page.body, 'test-department')).toBe('1 dataset');
    expect(countOf(page.body, 'parks-and-recreation')).toBe('0 datasets');
  });

  it('counts the private datasets of a member’s own organization for them', async () => {
    const page = await app.inject({ url: '/organizations', headers: member.auth });
    expect(countOf(page.body, 'test-department')).toBe('2 datasets');
  });

  it('speaks Spanish', async () => {
    const page = await app.inject({ url: '/organizations', headers: { 'accept-language': 'es' } });
    expect(page.body).toContain('<h1>Organizaciones</h1>');
    expect(countOf(page.body, 'test-department')).toBe('1 conjunto de datos');
    expect(countOf(page.body, 'parks-and-recreation')).toBe('0 conjuntos de datos');
  });

  it('is linked from every page’s header and listed in the sitemap', async () => {
    const home = await app.inject('/datasets');
    expect(/<nav aria-label="Site">.*href="\/organizations".*<\/nav>/s.test(home.body)).toBe(true);
    expect((await app.inject('/sitemap.xml')).body).toContain('<loc>http://localhost/organizations</loc>');
  });
});

describe('the organizations page of a new portal', () => {
  it('says that no organization publishes yet', async () => {
    const empty = await startTestPlaza();
    const emptyApp = await buildApp({ deps: empty.deps, siteName: 'New City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
    try {
      const page = await emptyApp.inject('/organizations');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('No organization publishes here yet.');
      expect(page.body).not.toContain('<article');
      const es = await emptyApp.inject({ url: '/organizations', headers: { 'accept-language': 'es' } });
      expect(es.body).toContain('Todavía no publica aquí ninguna organización.');
    } finally {
      await emptyApp.close();
      await empty.close();
    }
  });
});
