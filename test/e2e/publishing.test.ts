import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { storeSuites, type OpenedStore } from '../support/stores.ts';

/**
 * Publishers of two departments sign in, create and describe datasets, submit
 * them, have them reviewed (one sent back) and published; a resident searches
 * and filters the catalog. Everything over HTTP, with sessions and CSRF
 * tokens as a browser would, on SQLite and on PostgreSQL.
 */
const suites = await storeSuites();

interface Browser {
  cookie: string;
  csrf: string;
}

describe.each(suites.map((s) => [s.name, s] as const))('publishing on %s', (_name, suite) => {
  let opened: OpenedStore;
  let t: TestPlaza;
  let app: FastifyInstance;
  const admin = () => ({ authorization: `Bearer ${t.token}` });
  const call = (method: string, url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    app.inject({ method: method as 'GET', url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const as = (b: Browser) => ({ cookie: b.cookie, 'x-csrf-token': b.csrf });
  const ok = (r: LightMyRequestResponse, status = 200) => {
    expect(r.statusCode, r.body).toBe(status);
    return r.json();
  };

  async function signIn(email: string, password: string): Promise<Browser> {
    const r = await call('POST', '/api/v1/session', {}, { email, password });
    const body = ok(r);
    const setCookie = String(r.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    return { cookie: setCookie.split(';')[0]!, csrf: body.csrf_token };
  }

  async function upload(b: Browser, slug: string, name: string, csv: string) {
    const boundary = '----e2e';
    const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`), Buffer.from(csv), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const r = await app.inject({ method: 'POST', url: `/api/v1/datasets/${slug}/resources`, headers: { ...as(b), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    const job = ok(r, 202).job;
    for (let i = 0; i < 400; i++) {
      const j = ok(await call('GET', `/api/v1/jobs/${job.id}`, { cookie: b.cookie }));
      if (j.status === 'succeeded') return j;
      expect(j.status).not.toBe('failed');
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error('the upload did not load');
  }

  beforeAll(async () => {
    if (suite.skip) return;
    opened = await suite.open();
    t = await startTestPlaza({ catalog: opened.store });
    app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  });
  afterAll(async () => {
    if (suite.skip) return;
    await app.close();
    await t.close();
    await opened.drop();
  });

  it.skipIf(suite.skip)('two departments publish through review, and residents find the results', async () => {
    // The site administrator sets up two departments and their people.
    const people = [
      ['parks-editor@city.test', 'parks', 'editor'],
      ['parks-admin@city.test', 'parks', 'admin'],
      ['roads-editor@city.test', 'transportation', 'editor'],
      ['roads-admin@city.test', 'transportation', 'admin'],
    ] as const;
    ok(await call('POST', '/api/v1/organizations', admin(), { name: 'Parks', slug: 'parks' }), 201);
    ok(await call('POST', '/api/v1/organizations', admin(), { name: 'Transportation', slug: 'transportation' }), 201);
    for (const [email, org, role] of people) {
      ok(await call('POST', '/api/v1/users', admin(), { email, name: email.split('@')[0], password: 'correct horse battery' }), 201);
      ok(await call('PUT', `/api/v1/organizations/${org}/members`, admin(), { email, role }));
    }
    const [parksEditor, parksAdmin, roadsEditor, roadsAdmin] = await Promise.all(people.map(([email]) => signIn(email, 'correct horse battery')));

    // A change through the session needs the CSRF token.
    const noToken = await call('POST', '/api/v1/datasets', { cookie: parksEditor!.cookie }, { title: 'X', organization: 'parks' });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf_failed');

    // Parks: create, describe, load, document the columns, submit.
    const trees = ok(await call('POST', '/api/v1/datasets', as(parksEditor!), {
      title: 'Street trees', organization: 'parks', description: 'Every tree the city plants and cares for.', keywords: ['Trees', 'canopy'],
      themes: ['Environment'], license: 'cc-by-4.0', frequency: 'monthly', contact_point: { name: 'Urban Forestry', email: 'trees@city.test' },
      suggested_uses: 'Planning shade for heat waves.', known_limitations: 'Private trees are not counted.',
    }), 201);
    expect(trees).toMatchObject({ status: 'draft', keywords: ['trees', 'canopy'], license: { id: 'cc-by-4.0' } });
    await upload(parksEditor!, 'street-trees', 'trees.csv', 'species,dbh_cm,planted\nQuercus rubra,41,2011-04-02\nAcer saccharum,22,2016-10-15\n');
    ok(await call('PATCH', '/api/v1/datasets/street-trees/dictionary', as(parksEditor!), { columns: [{ name: 'dbh_cm', label: 'Trunk diameter', unit: 'cm', description: 'Diameter at breast height.' }] }));
    const bad = await call('PATCH', '/api/v1/datasets/street-trees', as(parksEditor!), { license: 'mine', contact_point: { name: 'x', email: 'nope' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['contact_point.email', 'license']);
    // Editors may not publish; they submit.
    expect((await call('POST', '/api/v1/datasets/street-trees/status', as(parksEditor!), { status: 'published' })).statusCode).toBe(403);
    expect(ok(await call('POST', '/api/v1/datasets/street-trees/status', as(parksEditor!), { status: 'submitted' })).status).toBe('submitted');

    // Another department's editor does not even see the draft, and residents neither.
    expect((await call('PATCH', '/api/v1/datasets/street-trees', as(roadsEditor!), { title: 'Mine now' })).statusCode).toBe(404);
    expect((await call('GET', '/api/v1/datasets/street-trees')).statusCode).toBe(404);

    // The Parks admin reviews the queue and publishes.
    const queue = ok(await call('GET', '/api/v1/datasets?status=submitted&organization=parks', { cookie: parksAdmin!.cookie }));
    expect(queue.results.map((d: { slug: string }) => d.slug)).toEqual(['street-trees']);
    expect((await call('POST', '/api/v1/datasets/street-trees/status', as(roadsAdmin!), { status: 'published' })).statusCode).toBe(404);
    expect(ok(await call('POST', '/api/v1/datasets/street-trees/status', as(parksAdmin!), { status: 'published', comment: 'Looks good' })).status).toBe('published');

    // Transportation: a dataset sent back once, fixed, then published.
    ok(await call('POST', '/api/v1/datasets', as(roadsEditor!), { title: 'Pothole repairs', organization: 'transportation', description: 'Repairs.', themes: ['Transportation'], keywords: ['potholes'], license: 'cc0-1.0', frequency: 'weekly' }), 201);
    await upload(roadsEditor!, 'pothole-repairs', 'potholes.csv', 'street,repaired_on\nMain St,2024-03-01\nOak Ave,2024-03-04\n');
    ok(await call('POST', '/api/v1/datasets/pothole-repairs/status', as(roadsEditor!), { status: 'submitted' }));
    ok(await call('POST', '/api/v1/datasets/pothole-repairs/status', as(roadsAdmin!), { status: 'draft', comment: 'Say which crews did the work.' }));
    ok(await call('PATCH', '/api/v1/datasets/pothole-repairs', as(roadsEditor!), { description: 'Potholes repaired by the city road crews, one row per repair.' }));
    ok(await call('POST', '/api/v1/datasets/pothole-repairs/status', as(roadsEditor!), { status: 'submitted' }));
    ok(await call('POST', '/api/v1/datasets/pothole-repairs/status', as(roadsAdmin!), { status: 'published' }));
    const story = ok(await call('GET', '/api/v1/datasets/pothole-repairs/activity')).results.map((e: { verb: string }) => e.verb);
    expect(story.slice(0, 6)).toEqual(['dataset.published', 'dataset.submitted', 'dataset.updated', 'dataset.rejected', 'dataset.submitted', 'version.published']);
    // A published dataset can be seen, but only its own department changes it.
    expect((await call('PATCH', '/api/v1/datasets/street-trees', as(roadsEditor!), { title: 'Mine now' })).statusCode).toBe(403);

    // A resident searches with a typo, then narrows by department and theme.
    const found = ok(await call('GET', '/api/v1/datasets?q=potholle'));
    expect(found.results.map((d: { slug: string }) => d.slug)).toEqual(['pothole-repairs']);
    const all = ok(await call('GET', '/api/v1/datasets?facets=organization,theme'));
    expect(all.total).toBe(2);
    expect(all.facets.organization).toEqual(expect.arrayContaining([{ value: 'parks', count: 1, label: 'Parks' }, { value: 'transportation', count: 1, label: 'Transportation' }]));
    const parksOnly = ok(await call('GET', '/api/v1/datasets?organization=parks&theme=Environment'));
    expect(parksOnly.results.map((d: { slug: string }) => d.slug)).toEqual(['street-trees']);
    // Each facet counts under the other filters: the organization facet still counts by theme.
    expect(parksOnly.facets.organization).toEqual([{ value: 'parks', count: 1, label: 'Parks' }]);
    expect(parksOnly.facets.theme).toEqual(expect.arrayContaining([{ value: 'Environment', count: 1 }]));
    const byColumn = ok(await call('GET', '/api/v1/datasets?q=trunk%20diameter'));
    expect(byColumn.results.map((d: { slug: string }) => d.slug)).toEqual(['street-trees']);
    const detail = ok(await call('GET', '/api/v1/datasets/street-trees'));
    expect(detail).toMatchObject({ status: 'published', freshness: { frequency: 'monthly', overdue: false }, suggested_uses: 'Planning shade for heat waves.' });
    expect(detail.columns.find((c: { name: string }) => c.name === 'dbh_cm')).toMatchObject({ label: 'Trunk diameter', unit: 'cm', type: 'integer' });
    const rows = ok(await call('GET', '/api/v1/datasets/street-trees/records?order_by=dbh_cm%20desc&limit=1'));
    expect(rows.results).toEqual([{ species: 'Quercus rubra', dbh_cm: 41, planted: '2011-04-02' }]);
  });
});
