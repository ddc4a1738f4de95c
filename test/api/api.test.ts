import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { buildApp } from '../../src/http/app.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

let t: TestPlaza;
let app: FastifyInstance;
const auth = () => ({ authorization: `Bearer ${t.token}` });

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  for (const name of ['Health', 'X']) await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: auth(), payload: { name } });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

async function upload(slug: string, path: string, name: string, query = '') {
  const boundary = '----plazatest';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`),
    await readFile(path),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({ method: 'POST', url: `/api/v1/datasets/${slug}/resources${query}`, headers: { ...auth(), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
}

async function waitJob(id: string) {
  for (let i = 0; i < 600; i++) {
    const r = await app.inject({ url: `/api/v1/jobs/${id}`, headers: auth() });
    const job = r.json();
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('job did not finish');
}

describe('catalog and ingest over HTTP', () => {
  it('refuses writes without a valid token, with the error shape', async () => {
    const none = await app.inject({ method: 'POST', url: '/api/v1/datasets', payload: { title: 'X', organization: 'Y' } });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ error: { code: 'unauthorized', message: expect.any(String), details: {} } });
    const bad = await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: { authorization: 'Bearer nope' }, payload: { title: 'X', organization: 'Y' } });
    expect(bad.statusCode).toBe(401);
  });

  it('validates dataset input with field-level errors', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: auth(), payload: { title: '', organization: 'Parks', slug: 'Bad Slug' } });
    expect(r.statusCode).toBe(400);
    const body = r.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['slug', 'title']);
  });

  it('checks a dataset body once, by its action: a bad title and a theme the site does not offer come back in one answer', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: auth(), payload: { title: 5, organization: 'Parks', themes: ['not-a-theme'] } });
    expect(r.statusCode).toBe(400);
    const fields = r.json().error.details.fields as Array<{ field: string; message: string }>;
    expect(fields.map((f) => f.field).sort()).toEqual(['themes.0', 'title']);
    expect(fields.find((f) => f.field === 'themes.0')!.message).toMatch(/is not a theme; use one of:/);
  });

  it('refuses a dataset in an unknown organization, naming the known ones, and creates nothing', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: auth(), payload: { title: 'Street trees', organization: 'Parks', slug: 'trees' } });
    expect(r.statusCode).toBe(400);
    const message = 'There is no organization "Parks"; use one of: Health (health), X (x).';
    expect(r.json().error).toEqual({ code: 'validation_failed', message, details: { fields: [{ field: 'organization', message }], organizations: [{ slug: 'health', name: 'Health' }, { slug: 'x', name: 'X' }] } });
    expect((await app.inject({ url: '/api/v1/organizations/parks' })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/v1/datasets/trees', headers: auth() })).statusCode).toBe(404);
  });

  it('creates a dataset, uploads a file, shows job progress, and answers records, facets and the dataset page', async () => {
    // The organization comes first: the dataset names it by name or slug.
    expect((await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: auth(), payload: { name: 'Homeless Services' } })).statusCode).toBe(201);
    const created = await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: auth(), payload: { title: 'Daily shelter census', organization: 'Homeless Services', slug: 'shelter', description: 'People in shelters each day.', license: 'us-pd' } });
    expect(created.statusCode).toBe(201);
    expect(created.json().status).toBe('draft');
    expect((await app.inject('/api/v1/datasets/shelter')).statusCode).toBe(404);
    const up = await upload('shelter', fixture('tabular/nyc_dhs_daily_shelter_census.csv'), 'census.csv');
    expect(up.statusCode).toBe(202);
    const job = await waitJob(up.json().job.id);
    expect(job).toMatchObject({ status: 'succeeded', phase: 'done', rows_read: 1040, rows_rejected: 0 });
    const published = await app.inject({ method: 'POST', url: '/api/v1/datasets/shelter/status', headers: auth(), payload: { status: 'published' } });
    expect(published.statusCode).toBe(200);
    expect(published.json().status).toBe('published');

    const ds = (await app.inject('/api/v1/datasets/shelter')).json();
    expect(ds.rows).toBe(1040);
    expect(ds.versions).toHaveLength(1);
    const date = ds.columns.find((c: { name: string }) => c.name === 'date_of_census');
    expect(date.type).toBe('date');
    expect(date.profile.min).toBe('2015-01-01');
    expect(date.profile.max).toBe('2017-11-27');

    const rec = await app.inject('/api/v1/datasets/shelter/records?select=date_of_census,total_individuals_in_shelter&order_by=total_individuals_in_shelter%20desc&limit=2');
    expect(rec.statusCode).toBe(200);
    const page = rec.json();
    expect(page.total_count).toBe(1040);
    expect(page.fields.map((f: { name: string }) => f.name)).toEqual(['date_of_census', 'total_individuals_in_shelter']);
    expect(page.results).toHaveLength(2);
    expect(page.results[0].total_individuals_in_shelter).toBeGreaterThanOrEqual(page.results[1].total_individuals_in_shelter);
    expect(typeof page.results[0].total_individuals_in_shelter).toBe('number');

    const grouped = (await app.inject('/api/v1/datasets/shelter/records?group_by=year(date_of_census)%20as%20y&select=y,count(*)%20as%20days&order_by=y')).json();
    expect(grouped.results.map((r: { y: number }) => r.y)).toEqual([2015, 2016, 2017]);
    expect(grouped.results.reduce((s: number, r: { days: number }) => s + r.days, 0)).toBe(1040);

    const facets = (await app.inject('/api/v1/datasets/shelter/facets?facet=date_of_census&facet_limit=3')).json();
    expect(facets.facets[0].values.map((v: { count: number }) => v.count)).toEqual([3, 3, 3]);
    expect(facets.facets[0].values[0].value).toBe('2017-06-01');

    const html = await app.inject('/datasets/shelter');
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('Daily shelter census');
    expect(html.body).toContain('date_of_census');
    const list = await app.inject('/datasets');
    expect(list.body).toContain('/datasets/shelter');
    const home = await app.inject('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('/datasets/shelter');
  });

  it('answers a bad query with 400, the parameter and the position', async () => {
    const r = await app.inject(`/api/v1/datasets/shelter/records?where=${encodeURIComponent('total_adult_in_shelte > 5')}`);
    expect(r.statusCode).toBe(400);
    const e = r.json().error;
    expect(e.code).toBe('unknown_column');
    expect(e.details).toMatchObject({ param: 'where', position: 0 });
    expect(e.details.hint).toContain('total_adult_in_shelter');
    const syntax = await app.inject(`/api/v1/datasets/shelter/records?where=${encodeURIComponent('total_adult_in_shelter >')}`);
    expect(syntax.statusCode).toBe(400);
    expect(syntax.json().error.code).toBe('query_syntax');
    const limit = await app.inject('/api/v1/datasets/shelter/records?limit=10001');
    expect(limit.statusCode).toBe(400);
  });

  it('cancels a query over its time budget with a clear error', async () => {
    const heavy = 'SELECT sum(hash(i)) FROM range(20000000000) t(i)';
    const started = Date.now();
    await expect(t.deps.engine.query(heavy, [], { timeoutMs: 300 })).rejects.toMatchObject({ code: 'query_timeout', status: 504 });
    expect(Date.now() - started).toBeLessThan(5000);
    // The engine still answers afterwards.
    expect((await t.deps.engine.query('SELECT 42 AS n', [], { timeoutMs: 1000 })).rows).toEqual([{ n: 42 }]);
  });

  it('re-runs the ingest with a column type override, keeping the old version', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/datasets/shelter/types', headers: auth(), payload: { types: { total_adult_in_shelter: 'text' } } });
    expect(r.statusCode).toBe(202);
    const job = await waitJob(r.json().job.id);
    expect(job.status).toBe('succeeded');
    const ds = (await app.inject('/api/v1/datasets/shelter')).json();
    expect(ds.versions.map((v: { number: number }) => v.number)).toEqual([2, 1]);
    expect(ds.version).toBe(2);
    expect(ds.columns.find((c: { name: string }) => c.name === 'total_adult_in_shelter').type).toBe('text');
    const v1 = (await app.inject('/api/v1/datasets/shelter/records?version=1&select=total_adult_in_shelter&limit=1')).json();
    expect(v1.fields[0].type).toBe('integer');
    // Each column says the format it was read in.
    expect(ds.columns.find((c: { name: string }) => c.name === 'date_of_census').format).toEqual({ id: expect.stringMatching(/^date-/), label: expect.any(String) });
    const bad = await app.inject({ method: 'POST', url: '/api/v1/datasets/shelter/types', headers: auth(), payload: { types: { total_adult_in_shelter: 'currency' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('validation_failed');
  });

  it('loads a file from a URL, and says clearly when the URL fails', async () => {
    const { createServer } = await import('node:http');
    const csv = await readFile(fixture('tabular/nyc_dohmh_covid_totals_by_modzcta.csv'));
    const server = createServer((req, res) => {
      if (req.url === '/covid.csv') {
        res.writeHead(200, { 'content-type': 'text/csv' });
        res.end(csv);
      } else {
        res.writeHead(404);
        res.end('no');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    try {
      await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: auth(), payload: { title: 'COVID by ZIP', organization: 'Health', slug: 'covid' } });
      const ok = await app.inject({ method: 'POST', url: '/api/v1/datasets/covid/resources', headers: auth(), payload: { url: `http://127.0.0.1:${port}/covid.csv` } });
      expect(ok.statusCode).toBe(202);
      expect(ok.json().resource).toMatchObject({ kind: 'file', name: 'covid.csv', url: `http://127.0.0.1:${port}/covid.csv` });
      expect(await waitJob(ok.json().job.id)).toMatchObject({ status: 'succeeded', rows_read: 177 });
      const missing = await app.inject({ method: 'POST', url: '/api/v1/datasets/covid/resources', headers: auth(), payload: { url: `http://127.0.0.1:${port}/gone.csv` } });
      expect(missing.statusCode).toBe(502);
      expect(missing.json().error).toMatchObject({ code: 'fetch_failed', message: expect.stringContaining('404') });
      const notUrl = await app.inject({ method: 'POST', url: '/api/v1/datasets/covid/resources', headers: auth(), payload: { url: 'ftp://example/x.csv' } });
      expect(notUrl.statusCode).toBe(400);
      expect((await app.inject({ url: '/api/v1/datasets/covid', headers: auth() })).json().versions).toHaveLength(1);
    } finally {
      server.close();
    }
  });

  it('refuses an upload over the size limit and keeps nothing', async () => {
    const small = await startTestPlaza();
    const deps = { ...small.deps, limits: { ...small.deps.limits, maxUploadBytes: 10_000 } };
    const smallApp = await buildApp({ deps, siteName: 'T', baseUrl: 'http://x' }, { logLevel: 'silent' });
    await smallApp.inject({ method: 'POST', url: '/api/v1/organizations', headers: { authorization: `Bearer ${small.token}` }, payload: { name: 'X' } });
    await smallApp.inject({ method: 'POST', url: '/api/v1/datasets', headers: { authorization: `Bearer ${small.token}` }, payload: { title: 'Big', organization: 'X', slug: 'big' } });
    const boundary = '----plazatest';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n`),
      await readFile(fixture('tabular/nyc_dhs_daily_shelter_census.csv')),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const r = await smallApp.inject({ method: 'POST', url: '/api/v1/datasets/big/resources', headers: { authorization: `Bearer ${small.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('payload_too_large');
    expect((await smallApp.inject({ url: '/api/v1/datasets/big', headers: { authorization: `Bearer ${small.token}` } })).json().resources).toEqual([]);
    await smallApp.close();
    await small.close();
  });

  it('serves the rejected rows of a version as CSV, and 404 when a version rejected none', async () => {
    const { writeFile } = await import('node:fs/promises');
    const path = `${t.dir}/ragged.csv`;
    await writeFile(path, 'a,b,c\n1,2,3\n4,5,6,7\n8,9,10\n');
    await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: auth(), payload: { title: 'Ragged', organization: 'X', slug: 'ragged' } });
    const job = await waitJob((await upload('ragged', path, 'ragged.csv')).json().job.id);
    expect(job).toMatchObject({ status: 'succeeded', rows_rejected: 1 });
    const r = await app.inject({ url: '/api/v1/datasets/ragged/versions/1/rejects.csv', headers: auth() });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    expect(r.headers['content-disposition']).toBe('attachment; filename="ragged-v1-rejects.csv"');
    expect(r.body.split('\n')[0]).toBe('row,line,column,problem,record');
    expect(r.body).toContain('4,5,6,7');
    const none = await app.inject('/api/v1/datasets/shelter/versions/1/rejects.csv');
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('not_found');
  });

  it('reports unknown datasets, jobs and routes with 404 and the error shape', async () => {
    for (const url of ['/api/v1/datasets/nope', '/api/v1/jobs/nope', '/api/v1/nothing-here', '/api/v1/datasets/nope/records']) {
      const r = await app.inject({ url, headers: auth() });
      expect(r.statusCode, url).toBe(404);
      expect(Object.keys(r.json().error).sort()).toEqual(['code', 'details', 'message']);
    }
    expect((await app.inject('/datasets/nope')).statusCode).toBe(404);
  });
});
