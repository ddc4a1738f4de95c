import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeStatus } from '../../src/actions/catalog/change-status.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { addLink } from '../../src/actions/catalog/resources.ts';
import { buildApp } from '../../src/http/app.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

let t: TestPlaza;
let app: FastifyInstance;

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  const make = async (title: string, organization: string, themes: string[], frequency: string) => {
    const d = await createDataset(t.deps, t.admin, { title, organization, themes, frequency, description: `${title} for the city.`, license: 'cc-by-4.0', keywords: ['city'] }, { createOrganization: true });
    await addLink(t.deps, t.admin, d.id, { kind: 'link', name: 'Source', url: 'https://example.org/source' });
    await changeStatus(t.deps, t.admin, d.id, { status: 'published' });
  };
  await make('Street trees', 'Parks', ['Environment'], 'monthly');
  await make('Park benches', 'Parks', ['Parks and recreation'], 'annual');
  await make('Bus stops', 'Transportation', ['Transportation'], 'weekly');
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const links = (html: string) => [...html.matchAll(/<h2[^>]*><a href="\/datasets\/([^"]+)"/g)].map((m) => m[1]);

describe('the catalog page', () => {
  it('lists datasets with facet counts that link to refined views', async () => {
    const page = (await app.inject('/datasets')).body;
    expect(links(page).sort()).toEqual(['bus-stops', 'park-benches', 'street-trees']);
    expect(page).toContain('3 datasets');
    expect(page).toMatch(/<a href="\/datasets\?organization=parks">Parks <span class="meta">\(2\)<\/span><\/a>/);
    expect(page).toMatch(/<a href="\/datasets\?theme=Environment">Environment <span class="meta">\(1\)<\/span><\/a>/);
  });

  it('keeps the search, filters and sort in the URL, and marks the filters that are on', async () => {
    const page = (await app.inject('/datasets?q=benches&organization=parks&sort=title')).body;
    expect(links(page)).toEqual(['park-benches']);
    expect(page).toContain('<a href="/datasets?q=benches&amp;sort=title" class="usa-current" aria-current="true">✓ Parks <span class="meta">(1)</span></a>');
    expect(page).toMatch(/<input type="hidden" name="organization" value="parks"\/?>/);
    expect(page).toMatch(/<option value="title" selected(="")?>Title<\/option>/);
    expect(page).toContain('value="benches"');
  });

  it('combines filters of two facets, and shows what to do when nothing matches', async () => {
    expect(links((await app.inject('/datasets?organization=parks&theme=Environment')).body)).toEqual(['street-trees']);
    const none = (await app.inject('/datasets?organization=transportation&theme=Environment')).body;
    expect(none).toContain('No datasets match. Try fewer words or remove a filter.');
  });

  it('escapes what the reader typed, and shrugs off unreadable parameters', async () => {
    const page = await app.inject('/datasets?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E&sort=sideways&page=-4');
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('&lt;script>alert(1)&lt;/script>');
  });
});
