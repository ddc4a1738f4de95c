import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRun, runHarvest } from '../../src/actions/harvest/run-harvest.ts';
import { addSource } from '../../src/actions/harvest/sources.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { addressCheck } from '../../src/adapters/net/address-check.ts';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, signIn, type Session } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * The harvest pages without a browser: who may see them, the add form's
 * refusals (each beside its field, nothing typed lost, in Spanish too), a
 * source added, run and reported through the pages, and a harvested
 * dataset's page: its origin box, local notes, and no edit links.
 */

const NY = JSON.parse(readFileSync(fixture('standards/dcat-us-pod-v1.1/real-catalog-data.ny.gov-data.json'), 'utf8')) as { dataset: Array<Record<string, unknown>> };
const SAMPLE = JSON.parse(readFileSync(fixture('standards/dcat-us-pod-v1.1/example-catalog-sample-extended.json'), 'utf8')) as { dataset: Array<Record<string, unknown>> };
const PASSWORD = 'harvest pages 2030';
const SONYMA = 'State of New York Mortgage Agency (SONYMA) Loans Purchased: Beginning 2004';

let t: TestPlaza;
let app: FastifyInstance;
let server: Server;
let answer: () => { status: number; body: string };
let mirror: () => string = () => '{}';
let dataUrl = '';
let base = '';

/** The catalog as served: the real files, their distributions' downloads served here too (their landing pages stay as they are). */
const catalogBody = () =>
  JSON.stringify({ ...NY, dataset: [...NY.dataset, ...SAMPLE.dataset] })
    .replaceAll('https://data.ny.gov/api/', `${base}/api/`)
    .replaceAll('https://data.agency.gov/', `${base}/`)
    .replaceAll('http://www.agency.gov/', `${base}/`);
let boss: Session;
let resident: Session;

const form = (who: Session, url: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url, payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie, ...headers } });
const page = (who: Session | undefined, url: string) => app.inject({ url, headers: who ? { cookie: who.cookie } : {} });

/** The one source's id, once added. */
const sourceId = async () => (await t.deps.catalog.harvest.listSources())[0]!.id;

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  answer = () => ({ status: 200, body: catalogBody() });
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    if (path.endsWith('.csv')) return res.writeHead(200, { 'content-type': 'text/csv' }).end('year,loans\n2004,120\n2005,131\n');
    if (path === '/mirror.json') return res.writeHead(200, { 'content-type': 'application/json' }).end(mirror());
    if (path !== '/data.json') return res.writeHead(404).end('not here');
    const a = answer();
    res.writeHead(a.status, { 'content-type': 'application/json' }).end(a.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dataUrl = `${base}/data.json`;
  boss = await signIn(t, app, await makePerson(t, { siteAdmin: true }), PASSWORD);
  resident = await signIn(t, app, await makePerson(t), PASSWORD);
}, 60_000);
afterAll(async () => {
  server?.close();
  await app?.close();
  await t?.close();
});

describe('the harvest pages', () => {
  it('send strangers to sign in and tell other people they are not for them', async () => {
    const stranger = await page(undefined, '/admin/harvest');
    expect(stranger.statusCode).toBe(303);
    expect(stranger.headers.location).toBe('/sign-in?next=%2Fadmin%2Fharvest');
    const other = await page(resident, '/admin/harvest');
    expect(other.statusCode).toBe(403);
    expect(other.body).toContain('Harvest sources and peers are for site administrators.');
    const forged = await form(resident, '/admin/harvest', { kind: 'dcat-us', url: dataUrl, harvest: 'on', schedule: 'demand' });
    expect(forged.statusCode).toBe(403);
    expect(await t.deps.catalog.harvest.listSources()).toEqual([]);
    const spanish = await page(resident, '/admin/harvest?lang=es');
    expect(spanish.body).toContain('Las fuentes de recolección y los portales pares son para los administradores del sitio.');
  });

  it('refuse a form beside each field, keeping what was typed, in English and Spanish', async () => {
    const res = await form(boss, '/admin/harvest', { kind: 'dcat-us', url: 'ftp://files.example.org/data.json', name: 'Typed name', organization: 'Regional Data', harvest: 'on', schedule: 'every', hours: 'daily' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('2 fields need fixing; see below. Nothing was saved.');
    expect(res.body).toContain('id="field-url-error">is not an http or https address.</span>');
    expect(res.body).toContain('id="field-hours-error">Give the hours between runs as a whole number, such as 24.</span>');
    expect(res.body).toContain('value="ftp://files.example.org/data.json"');
    expect(res.body).toContain('value="Typed name"');
    expect(res.body).toContain('value="Regional Data"');
    expect(res.body).toContain('value="daily"');
    const es = await form(boss, '/admin/harvest?lang=es', { kind: 'dcat-us', url: '', schedule: 'demand', harvest: 'on' }, { 'accept-language': 'es' });
    expect(es.statusCode).toBe(400);
    expect(es.body).toContain('Indique la dirección del catálogo.');
    const zero = await form(boss, '/admin/harvest', { kind: 'dcat-us', url: dataUrl, schedule: 'every', hours: '0', harvest: 'on' });
    expect(zero.statusCode).toBe(400);
    expect(zero.body).toContain('id="field-hours-error">Run at most every hour.</span>');
    const expired = await form({ ...boss, csrf: 'stale' }, '/admin/harvest', { kind: 'dcat-us', url: dataUrl, name: 'Kept', schedule: 'demand' });
    expect(expired.statusCode).toBe(403);
    expect(expired.body).toContain('missing its security token');
    expect(expired.body).toContain('value="Kept"');
    expect(await t.deps.catalog.harvest.listSources()).toEqual([]);
  });

  it('refuse an address on a private network, saying which setting lets it through', async () => {
    // The portal as deployed: the real guard, private networks refused.
    const guarded = await buildApp({ deps: { ...t.deps, checkAddress: addressCheck({ allowPrivate: false }) }, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
    try {
      const post = (lang: string) => guarded.inject({ method: 'POST', url: `/admin/harvest?lang=${lang}`, payload: new URLSearchParams({ _csrf: boss.csrf, kind: 'dcat-us', url: dataUrl, name: 'Loopback', schedule: 'demand', harvest: 'on' }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: boss.cookie } });
      const res = await post('en');
      expect(res.statusCode).toBe(400);
      expect(res.body).toMatch(/id="field-url-error">http:\/\/127\.0\.0\.1:\d+\/data\.json is refused: [^<]+\. Set PLAZA_ALLOW_PRIVATE_URLS=true to harvest sources on a private network\.<\/span>/);
      expect(res.body).toContain('value="Loopback"');
      expect((await post('es')).body).toMatch(/id="field-url-error">http:\/\/127\.0\.0\.1:\d+\/data\.json se rechaza: [^<]+\. Active PLAZA_ALLOW_PRIVATE_URLS=true/);
      expect(await t.deps.catalog.harvest.listSources()).toEqual([]);
    } finally {
      await guarded.close();
    }
  });

  it('add a source, run it and read its report', async () => {
    const added = await form(boss, '/admin/harvest', { kind: 'dcat-us', url: dataUrl, name: 'New York State', harvest: 'on', schedule: 'demand' });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/admin/harvest?added=1&name=New%20York%20State');
    const list = await page(boss, added.headers.location!);
    expect(list.body).toContain('New York State was added.');
    expect(list.body).toContain('DCAT-US data.json');
    expect(list.body).toContain('On demand');
    expect(list.body).toContain('Never run');
    const id = await sourceId();

    const run = await form(boss, `/admin/harvest/${id}/run`, {});
    expect(run.statusCode).toBe(303);
    const runId = run.headers.location!.split('/').pop()!;
    const waiting = await page(boss, run.headers.location!);
    expect(waiting.statusCode).toBe(200);
    const stored = await t.deps.catalog.harvest.getRun(runId);
    await waitForJob(t.deps, stored!.jobId!, undefined, 60_000);
    const report = await page(boss, run.headers.location!);
    expect(report.body).toContain('Succeeded');
    expect(report.body).toMatch(/<dt>Created<\/dt><dd>4<\/dd>/);
    expect(report.body).toContain('Full: the whole catalog');
    expect(report.body).toContain('No errors.');
    const source = await page(boss, `/admin/harvest/${id}`);
    expect(source.body).toContain(`href="/admin/harvest/runs/${runId}"`);
    expect(source.body).toContain('4 created, 0 updated, 0 archived, 0 unchanged, 0 errors');

    answer = () => ({ status: 200, body: '<html>maintenance</html>' });
    const garbage = await form(boss, `/admin/harvest/${id}/run`, {});
    const garbageRun = await t.deps.catalog.harvest.getRun(garbage.headers.location!.split('/').pop()!);
    await waitForJob(t.deps, garbageRun!.jobId!, undefined, 60_000);
    const failed = await page(boss, garbage.headers.location!);
    expect(failed.body).toContain('Failed');
    expect(failed.body).toMatch(/<div class="usa-alert usa-alert--error run-message" role="alert">[^<]*did not answer JSON/);
    answer = () => ({ status: 200, body: catalogBody() });
    expect((await page(boss, '/admin/harvest')).body).toContain('Failed');
  }, 120_000);

  it('shows a harvested dataset’s origin and notes, and offers no edit links for it', async () => {
    const [origin] = (await t.deps.catalog.harvest.originsOfSource(await sourceId())).filter((o) => o.originalUrl === 'https://data.ny.gov/d/22ew-dxez');
    const ds = (await t.deps.catalog.datasets.getDataset(origin!.datasetId))!;
    const visitor = await page(undefined, `/datasets/${ds.slug}`);
    expect(visitor.body).toContain('Harvested from New York State');
    expect(visitor.body).toContain('<a href="https://data.ny.gov/d/22ew-dxez">The original at New York State</a>');
    expect(visitor.body).not.toContain('name="notes"');
    expect(visitor.body).not.toContain('Local notes');
    const editor = await signIn(t, app, await makePerson(t, { roles: { [ds.organizationId]: 'editor' } }), PASSWORD);
    const mine = await page(editor, `/datasets/${ds.slug}`);
    expect(mine.body).toContain('<textarea id="field-notes" name="notes"');
    expect(mine.body).not.toContain('Load the data');
    const saved = await form(editor, `/datasets/${ds.slug}/notes`, { notes: 'Our housing office checks these figures every quarter.' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/datasets/${ds.slug}?harvest=notes#harvested`);
    const after = await page(editor, `/datasets/${ds.slug}?harvest=notes`);
    expect(after.body).toContain('The local notes were saved.');
    expect(after.body).toContain('<p class="notes">Our housing office checks these figures every quarter.</p>');
    expect((await page(undefined, `/datasets/${ds.slug}`)).body).toContain('<p class="notes">Our housing office checks these figures every quarter.</p>');
    const tooLong = await form(editor, `/datasets/${ds.slug}/notes`, { notes: 'x'.repeat(10_001) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('id="field-notes-error">Keep the notes under 10,000 characters.</span>');
    expect(tooLong.body).toContain('x'.repeat(10_001));
    expect((await page(boss, `/datasets/${ds.slug}`)).body).toContain('Load the data');

    const stranger = await form(resident, `/datasets/${ds.slug}/notes`, { notes: 'Not mine to write.' });
    expect(stranger.statusCode).toBe(403);
    expect(stranger.body).toContain(`Only editors of the dataset's organization may write notes on &quot;${ds.slug}&quot;.`);
    expect((await t.deps.catalog.harvest.getNotes(ds.id))?.notes).toBe('Our housing office checks these figures every quarter.');
    const notAdmin = await form(editor, `/datasets/${ds.slug}/load`, {});
    expect(notAdmin.statusCode).toBe(403);
    const load = await form(boss, `/datasets/${ds.slug}/load`, {});
    expect(load.headers.location).toBe(`/datasets/${ds.slug}?harvest=loading#harvested`);
    expect((await page(boss, load.headers.location!.replace('#harvested', ''))).body).toContain('Its data is being loaded in the background');
    for (let i = 0; i < 300 && !(await t.deps.catalog.datasets.getDataset(ds.id))?.liveVersionId; i++) await new Promise((r) => setTimeout(r, 100));
    const loaded = await page(boss, `/datasets/${ds.slug}`);
    expect(loaded.body).toContain('<td>131</td>');
    expect(loaded.body).not.toContain('Load the data');

    // A second source listing the same datasets: one dataset, two origins; then it drops this one.
    const second = await addSource(t.deps, t.admin, { kind: 'dcat-us', url: `${base}/mirror.json`, name: 'State mirror', schedule_hours: null });
    mirror = catalogBody;
    expect((await runHarvest(t.deps, second.id, { trigger: 'manual' })).counts.created).toBe(0);
    mirror = () => JSON.stringify({ ...SAMPLE });
    expect((await runHarvest(t.deps, second.id, { trigger: 'manual' })).counts.archived).toBe(1);
    const both = await page(undefined, `/datasets/${ds.slug}`);
    expect(both.body).toContain('Harvested from New York State');
    expect(both.body).toContain('Harvested from State mirror');
    expect(both.body).toMatch(/State mirror no longer lists this dataset \(since [^)]+\)\./);
    expect(both.body).not.toContain('it is archived here');

    const catalog = await page(undefined, '/datasets?q=SONYMA');
    expect(catalog.body).toContain('<span class="usa-tag badge harvested">from New York State</span>');
    const publish = await page(editor, '/publish');
    expect(publish.body).toMatch(/Harvested from [^<]*New York State[^<]*: edited there/);
    expect(publish.body).not.toContain(`/publish/${ds.slug}/describe`);
    const describe = await page(editor, `/publish/${ds.slug}/describe`);
    expect(describe.statusCode).toBe(409);
    expect(describe.body).toContain(`“${SONYMA}” is harvested from New York State`.replace(/[“”]/g, '"').replace(/"/g, '&quot;'));
  }, 60_000);

  it('says when a run is still waiting, and loads a whole source’s data on request', async () => {
    const id = await sourceId();
    const queued = newRun(t.deps, id, 'manual', null);
    await t.deps.catalog.harvest.createRun(queued);
    const waiting = await page(boss, `/admin/harvest/runs/${queued.id}`);
    expect(waiting.body).toContain('This run is waiting for its turn; nothing has changed yet.');
    expect(waiting.body).toContain(`<a href="/admin/harvest/runs/${queued.id}">Look again</a>`);
    await t.deps.catalog.harvest.updateRun(queued.id, { status: 'failed', finishedAt: new Date().toISOString(), message: 'Stopped by a test.' });
    const load = await form(boss, `/admin/harvest/${id}/load`, {});
    expect(load.headers.location).toBe('/admin/harvest?loading=4&name=New%20York%20State');
    expect((await page(boss, load.headers.location!)).body).toContain('The data of 4 datasets from New York State is being loaded in the background.');
  });

  it('changes a source, and removes it only after a confirmation', async () => {
    const id = await sourceId();
    const edit = await page(boss, `/admin/harvest/${id}/edit`);
    expect(edit.body).toContain('value="New York State"');
    const refused = await form(boss, `/admin/harvest/${id}/edit`, { url: dataUrl, name: '  ', harvest: 'on', schedule: 'demand' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Name the source.');
    const saved = await form(boss, `/admin/harvest/${id}/edit`, { url: dataUrl, name: 'NY State', harvest: 'on', peer: 'on', schedule: 'every', hours: '12' });
    expect(saved.headers.location).toBe(`/admin/harvest/${id}?saved=1`);
    const changed = await page(boss, saved.headers.location!);
    expect(changed.body).toContain('Every 12 hours');
    expect(changed.body).toContain('harvested, peer');
    const secret = await form(boss, '/admin/harvest', { kind: 'dcat-us', url: dataUrl.replace('http://', 'http://ada:s3cret-word@'), name: 'Zeta with a password', schedule: 'demand', harvest: 'on' });
    expect(secret.statusCode).toBe(303);
    const listed = await page(boss, '/admin/harvest');
    expect(listed.body).toContain('Zeta with a password');
    expect(listed.body).not.toContain('s3cret-word');
    const zeta = (await t.deps.catalog.harvest.listSources()).find((x) => x.name === 'Zeta with a password')!;
    const editing = await page(boss, `/admin/harvest/${zeta.id}/edit`);
    expect(editing.body).not.toContain('s3cret-word');
    const shown = /id="field-url"[^>]* value="([^"]+)"/.exec(editing.body)![1]!;
    expect((await form(boss, `/admin/harvest/${zeta.id}/edit`, { url: shown, name: 'Zeta renamed', harvest: 'on', schedule: 'demand' })).statusCode).toBe(303);
    expect(await t.deps.catalog.harvest.getSource(zeta.id)).toMatchObject({ name: 'Zeta renamed', url: zeta.url });
    const confirm = await page(boss, `/admin/harvest/${id}/remove`);
    expect(confirm.body).toContain('Remove NY State?');
    expect(confirm.body).toContain(`<form method="post" action="/admin/harvest/${id}/remove"`);
    expect(await t.deps.catalog.harvest.getSource(id)).toBeDefined();
    const removed = await form(boss, `/admin/harvest/${id}/remove`, {});
    expect(removed.headers.location).toBe('/admin/harvest?removed=1&name=NY%20State');
    expect(await t.deps.catalog.harvest.getSource(id)).toBeUndefined();
    expect((await page(boss, '/admin/harvest/' + id)).statusCode).toBe(404);
  });
});
