import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The harvest API over HTTP, against a local server replaying the real DCAT-US catalogs. */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- answers read field by field in assertions
const SAMPLE = JSON.parse(readFileSync(fixture('standards/dcat-us-pod-v1.1/example-catalog-sample-extended.json'), 'utf8')) as { dataset: Json[] };
const TREES = 'species,height\nOak,12\nElm,9\nAsh,1\n';

let t: TestPlaza;
let app: FastifyInstance;
let server: Server;
let base = '';
let delayMs = 0;
let editor: Person;
let resident: Person;
const admin = () => ({ authorization: `Bearer ${t.token}` });

const send = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, headers: Record<string, string> = {}, payload?: unknown) => {
  const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  return { status: res.statusCode, body: (res.body ? res.json() : null) as Json, headers: res.headers };
};

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry: new ApiRegistry() }, { logLevel: 'silent' });
  server = createServer((req, res) => {
    if (req.url === '/trees.csv') return void res.writeHead(200, { 'content-type': 'text/csv' }).end(TREES);
    const trees = { '@type': 'dcat:Dataset', identifier: 'https://city.example.org/street-trees', title: 'Street trees', description: 'Trees the city planted.', modified: '2026-01-05', publisher: { name: 'Parks' }, keyword: ['trees'], landingPage: 'https://city.example.org/trees', distribution: [{ downloadURL: `${base}/trees.csv`, mediaType: 'text/csv' }] };
    const body = JSON.stringify({ ...SAMPLE, dataset: [...SAMPLE.dataset, trees] });
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(body), delayMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  editor = await makePerson(t, { name: 'Eda' });
  resident = await makePerson(t, { name: 'Rae' });
}, 120_000);
afterAll(async () => {
  await app.close();
  server.close();
  await t.close();
});

describe('the harvest API', () => {
  let sourceId = '';
  let runId = '';

  it('adds a source, masking the credentials of its address, and says what is wrong with a bad one', async () => {
    const bad = await send('POST', '/api/v1/harvest/sources', admin(), { kind: 'gopher', url: 'ftp://x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: Json) => f.field).sort()).toEqual(['kind', 'url']);
    const created = await send('POST', '/api/v1/harvest/sources', admin(), { kind: 'dcat-us', url: `http://reader:s3cret@127.0.0.1:${new URL(base).port}/data.json`, name: 'Regional catalog', organization: 'Regional Datasets', schedule_hours: null });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Regional catalog', kind: 'dcat-us', harvest: true, peer: false, schedule_hours: null, last_run: null, organization: { name: 'Regional Datasets' } });
    expect(created.body.url).toBe(`http://reader:***@127.0.0.1:${new URL(base).port}/data.json`);
    expect(created.headers.location).toBe(`/api/v1/harvest/sources/${created.body.id}`);
    sourceId = created.body.id;
    const peer = await send('POST', '/api/v1/harvest/sources', admin(), { kind: 'plaza', url: 'https://peer.example.org', name: 'Sister city', harvest: false, peer: true });
    expect(peer.status).toBe(201);
    // A peer only is never run.
    const refused = await send('POST', `/api/v1/harvest/sources/${peer.body.id}/runs`, admin());
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('Sister city is listed as a peer only; turn harvesting on to bring its datasets in.');
    // Everyone else sees the peers only, and no reports.
    const others = await send('GET', '/api/v1/harvest/sources', resident.auth);
    expect(others.body.results.map((s: Json) => s.name)).toEqual(['Sister city']);
    expect((await send('GET', `/api/v1/harvest/sources/${sourceId}`, resident.auth)).status).toBe(404);
    expect((await send('GET', '/api/v1/harvest/sources', admin())).body.results.map((s: Json) => s.name)).toEqual(['Regional catalog', 'Sister city']);
  });

  it('runs a source in the background: 202 with the run and its job, one run at a time, then the report', async () => {
    delayMs = 600;
    const first = await send('POST', `/api/v1/harvest/sources/${sourceId}/runs`, admin());
    expect(first.status).toBe(202);
    expect(first.body.run).toMatchObject({ status: 'queued', trigger: 'manual', source_id: sourceId });
    expect(first.body.job).toMatchObject({ type: 'harvest' });
    const again = await send('POST', `/api/v1/harvest/sources/${sourceId}/runs`, admin());
    expect(again.body.run.id).toBe(first.body.run.id);
    runId = first.body.run.id;
    await waitForJob(t.deps, first.body.job.id);
    delayMs = 0;
    // Site administrators follow the harvest job; others hear it does not exist.
    const job = await send('GET', `/api/v1/jobs/${first.body.job.id}`, admin());
    expect(job.body).toMatchObject({ type: 'harvest', status: 'succeeded', result: { run: runId, created: SAMPLE.dataset.length + 1 } });
    expect((await send('GET', `/api/v1/jobs/${first.body.job.id}`, editor.auth)).status).toBe(404);
    expect((await send('GET', `/api/v1/jobs/${first.body.job.id}`)).status).toBe(401);
    const report = await send('GET', `/api/v1/harvest/runs/${runId}`, admin());
    expect(report.body).toMatchObject({ status: 'succeeded', counts: { created: SAMPLE.dataset.length + 1, updated: 0, archived: 0, unchanged: 0, errors: 0 }, message: null, since: null, source: { name: 'Regional catalog' } });
    expect(report.body.bytes).toBeGreaterThan(1000);
    expect(report.body.finished_at).not.toBeNull();
    const second = await send('POST', `/api/v1/harvest/sources/${sourceId}/runs`, admin());
    await waitForJob(t.deps, second.body.job.id);
    const runs = await send('GET', `/api/v1/harvest/sources/${sourceId}/runs`, admin());
    expect(runs.body.results.map((r: Json) => r.id)).toEqual([second.body.run.id, runId]);
    expect(runs.body.results[0].counts).toMatchObject({ created: 0, unchanged: SAMPLE.dataset.length + 1 });
    expect((await send('GET', '/api/v1/harvest/sources', admin())).body.results[0].last_run).toMatchObject({ id: second.body.run.id, status: 'succeeded' });
    expect((await send('GET', `/api/v1/harvest/runs/${runId}`, resident.auth)).status).toBe(403);
    expect((await send('GET', '/api/v1/harvest/runs/no-such-run', admin())).status).toBe(404);
  });

  it('marks harvested datasets in search and on their own, with one query of origins per page', async () => {
    await t.load(fixture('tabular/boston_employee_earnings_2016.csv'), { title: 'Earnings made here' });
    const store = t.deps.catalog.harvest;
    const real = store.originsOf.bind(store);
    let calls = 0;
    store.originsOf = (ids) => { calls++; return real(ids); };
    try {
      const page = await send('GET', '/api/v1/datasets?limit=100');
      expect(calls).toBe(1);
      const trees = page.body.results.find((d: Json) => d.title === 'Street trees');
      expect(trees.harvested).toEqual({ source: { id: sourceId, name: 'Regional catalog', kind: 'dcat-us' }, original_url: 'https://city.example.org/trees' });
      expect(page.body.results.find((d: Json) => d.title === 'Earnings made here').harvested).toBeNull();
    } finally {
      store.originsOf = real;
    }
    const one = await send('GET', '/api/v1/datasets/street-trees');
    expect(one.body.harvested).toMatchObject({ source: { name: 'Regional catalog' }, original_url: 'https://city.example.org/trees' });
  });

  it('tells where a dataset came from, keeps local notes, refuses edits of harvested metadata', async () => {
    const origin = await send('GET', '/api/v1/datasets/street-trees/origin');
    expect(origin.body).toMatchObject({ harvested: true, notes: null, origins: [{ source: { name: 'Regional catalog', kind: 'dcat-us', peer: false }, identifier: 'https://city.example.org/street-trees', original_url: 'https://city.example.org/trees', remote_modified: '2026-01-05', removed_at: null }] });
    expect(origin.body.origins[0].source.url).toContain('reader:***@');
    const saved = await send('PUT', '/api/v1/datasets/street-trees/notes', admin(), { notes: '  Checked against the 2025 survey.  ' });
    expect(saved.status).toBe(200);
    expect(saved.body.notes).toBe('Checked against the 2025 survey.');
    expect((await send('GET', '/api/v1/datasets/street-trees/origin')).body.notes.notes).toBe('Checked against the 2025 survey.');
    const tooLong = await send('PUT', '/api/v1/datasets/street-trees/notes', admin(), { notes: 'x'.repeat(10_001) });
    expect(tooLong.status).toBe(400);
    const edit = await send('PATCH', '/api/v1/datasets/street-trees', admin(), { title: 'Renamed here' });
    expect(edit.status).toBe(409);
    const local = await send('GET', '/api/v1/datasets?q=Earnings');
    const slug = local.body.results[0].slug as string;
    expect((await send('GET', `/api/v1/datasets/${slug}/origin`)).body).toEqual({ harvested: false, origins: [], notes: null });
    expect((await send('PUT', `/api/v1/datasets/${slug}/notes`, admin(), { notes: 'x' })).status).toBe(409);
    expect((await send('POST', `/api/v1/datasets/${slug}/fetch`, admin())).status).toBe(409);
  });

  it('loads a harvested dataset\'s CSV as a version, and a whole source, through background jobs', async () => {
    const one = await send('POST', '/api/v1/datasets/street-trees/fetch', admin());
    expect(one.status).toBe(202);
    const done = await waitForJob(t.deps, one.body.job.id);
    expect(done).toMatchObject({ type: 'harvest-fetch', status: 'succeeded', errors: [] });
    const ingest = (done.result as { queued: Array<{ job: string }> }).queued[0]!.job;
    await waitForJob(t.deps, ingest);
    expect((await send('GET', '/api/v1/datasets/street-trees')).body).toMatchObject({ rows: 3, version: 1 });
    const all = await send('POST', `/api/v1/harvest/sources/${sourceId}/fetch`, admin());
    expect(all.status).toBe(202);
    const whole = await waitForJob(t.deps, all.body.job.id);
    // The sample's distributions are elsewhere: each that cannot be loaded is named with the reason.
    expect(whole.rowsRead).toBe(SAMPLE.dataset.length + 1);
    expect(whole.errors.length).toBeGreaterThan(0);
    expect(whole.errors.every((e) => /^.+: .+/.test(e.message))).toBe(true);
    for (const q of (whole.result as { queued: Array<{ job: string }> }).queued) await waitForJob(t.deps, q.job);
  }, 60_000);

  it('records each run in the activity stream', async () => {
    const activity = await send('GET', '/api/v1/activity?limit=200', admin());
    const runs = activity.body.results.filter((e: Json) => e.verb === 'harvest.finished');
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs[0].summary).toBe(`harvested Regional catalog: 0 created, 0 updated, 0 archived, ${SAMPLE.dataset.length + 1} unchanged, 0 errors`);
  });

  it('changes and removes a source; its datasets stay, no longer marked', async () => {
    const patched = await send('PATCH', `/api/v1/harvest/sources/${sourceId}`, admin(), { schedule_hours: 6, peer: true });
    expect(patched.body).toMatchObject({ schedule_hours: 6, peer: true });
    expect((await send('PATCH', `/api/v1/harvest/sources/${sourceId}`, admin(), { schedule_hours: 0 })).body.error.details.fields[0]).toMatchObject({ field: 'schedule_hours', message: 'Run at most every hour.' });
    expect((await send('DELETE', `/api/v1/harvest/sources/${sourceId}`, resident.auth)).status).toBe(403);
    expect((await send('DELETE', `/api/v1/harvest/sources/${sourceId}`, admin())).status).toBe(204);
    expect((await send('GET', `/api/v1/harvest/sources/${sourceId}`, admin())).status).toBe(404);
    const trees = await send('GET', '/api/v1/datasets/street-trees');
    expect(trees.body).toMatchObject({ title: 'Street trees', harvested: null });
  });
});
