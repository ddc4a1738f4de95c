/**
 * A CSV with a header and no rows loads as a version of 0 rows, and says so:
 * in the job's report and the version's warnings, on the column review, and
 * when it is published or submitted, which must then be confirmed (the
 * `confirm_empty` field of the API, a checkbox on the page). In English and
 * Spanish.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/actions/accounts/organizations.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import type { Job } from '../../src/domain/catalog/types.ts';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, signIn, type Person, type Session } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

const LOCALES = join(import.meta.dirname, '../../locales');
const messages = (lang: string, file: string): Record<string, string> => JSON.parse(readFileSync(join(LOCALES, lang, `${file}.json`), 'utf8')) as Record<string, string>;
const en = { ...messages('en', 'publish'), ...messages('en', 'rules') };
const es = { ...messages('es', 'publish'), ...messages('es', 'rules') };

const HEADER_ONLY = 'zip,amount,opened\n';
const WITH_ROWS = 'zip,amount,opened\n02118,12.5,2024-01-02\n';

let t: TestPlaza;
let app: FastifyInstance;
let editor: Person;
let admin: Person;
let editorSession: Session;
let adminSession: Session;
let orgSlug: string;

/** A page's text: tags dropped, the entities a page writes decoded, spaces collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

function multipart(name: string, content: string) {
  const boundary = `----plaza${Date.now()}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A described draft dataset (ready to publish but for its data) loaded with `csv` through the API; its finished job. */
async function loaded(slug: string, csv: string): Promise<Job> {
  const made = await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: editor.auth, payload: { title: `List ${slug}`, organization: orgSlug, slug, description: 'Permits.', license: 'cc-by-4.0' } });
  expect(made.statusCode, made.body).toBe(201);
  const { payload, contentType } = multipart(`${slug}.csv`, csv);
  const r = await app.inject({ method: 'POST', url: `/api/v1/datasets/${slug}/resources`, headers: { ...editor.auth, 'content-type': contentType }, payload });
  expect(r.statusCode, r.body).toBe(202);
  return waitForJob(t.deps, r.json().job.id);
}

const page = (url: string, s: Session, lang = 'en') => app.inject({ url, headers: { cookie: s.cookie, 'accept-language': lang } });
const postForm = (url: string, s: Session, form: Record<string, string>, lang = 'en') =>
  app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang, accept: 'text/html' }, payload: new URLSearchParams({ _csrf: s.csrf, ...form }).toString() });
const statusOf = async (slug: string) => (await app.inject({ url: `/api/v1/datasets/${slug}`, headers: admin.auth })).json().status as string;

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  const org = await createOrganization(t.deps, t.admin, { name: 'Permits Office' });
  orgSlug = org.slug;
  editor = await makePerson(t, { name: 'Eddie Editor', roles: { [org.id]: 'editor' } });
  admin = await makePerson(t, { name: 'Ada Admin', roles: { [org.id]: 'admin' } });
  editorSession = await signIn(t, app, editor, 'a long enough password');
  adminSession = await signIn(t, app, admin, 'another long password');
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('a header-only CSV', () => {
  let job: Job;
  beforeAll(async () => {
    job = await loaded('empty', HEADER_ONLY);
  });

  it('loads as 0 rows, and the job’s report and the version’s warnings say the file has no rows', async () => {
    expect(job.status).toBe('succeeded');
    const noRows = en['rule.ingestNoRows']!;
    expect(noRows).toMatch(/header but no rows/);
    const report = (await app.inject({ url: `/api/v1/jobs/${job.id}`, headers: editor.auth })).json();
    expect(report.rows_read).toBe(HEADER_ONLY.trim().split('\n').length - 1);
    expect(report.errors).toContainEqual({ row: null, column: null, message: noRows });
    const detail = (await app.inject({ url: '/api/v1/datasets/empty', headers: editor.auth })).json();
    expect(detail.rows).toBe(0);
    expect(detail.columns.map((c: { name: string }) => c.name)).toEqual(HEADER_ONLY.trim().split(','));
    expect(detail.warnings).toContainEqual({ row: null, column: null, message: noRows });
  });

  it('the column review and the upload step say so, in English and Spanish', async () => {
    for (const [lang, m] of [['en', en], ['es', es]] as const) {
      const columns = textOf((await page('/publish/empty/columns', editorSession, lang)).body);
      expect(columns, lang).toContain(m['publish.columns.noRows']);
      const upload = textOf((await page(`/publish/empty/upload?job=${job.id}`, editorSession, lang)).body);
      expect(upload, lang).toContain(m['rule.ingestNoRows']);
    }
    expect(es['publish.columns.noRows']).not.toBe(en['publish.columns.noRows']);
  });

  it('the API refuses to publish or submit it unconfirmed (409, with the field to send), and accepts it confirmed', async () => {
    const publish = await app.inject({ method: 'POST', url: '/api/v1/datasets/empty/status', headers: admin.auth, payload: { status: 'published' } });
    expect(publish.statusCode, publish.body).toBe(409);
    expect(publish.json().error).toMatchObject({ code: 'conflict', details: { field: 'confirm_empty', rows: 0 } });
    expect(publish.json().error.message).toMatch(/^The dataset has no rows: .*"confirm_empty": true to publish it anyway/);
    const submit = await app.inject({ method: 'POST', url: '/api/v1/datasets/empty/status', headers: editor.auth, payload: { status: 'submitted' } });
    expect(submit.statusCode).toBe(409);
    expect(submit.json().error.message).toMatch(/to submit it anyway/);
    expect(await statusOf('empty')).toBe('draft');
    const confirmed = await app.inject({ method: 'POST', url: '/api/v1/datasets/empty/status', headers: editor.auth, payload: { status: 'submitted', confirm_empty: true } });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await statusOf('empty')).toBe('submitted');
    // Withdrawing needs no confirmation: nobody new sees it.
    const back = await app.inject({ method: 'POST', url: '/api/v1/datasets/empty/status', headers: editor.auth, payload: { status: 'draft' } });
    expect(back.statusCode, back.body).toBe(200);
  });

  it('the describe page asks for the confirmation, refuses without it and publishes with it, in English and Spanish', async () => {
    for (const [lang, m] of [['en', en], ['es', es]] as const) {
      const describe = await page('/publish/empty/describe', adminSession, lang);
      expect(describe.body).toMatch(/<input type="checkbox" id="confirm_empty" name="confirm_empty" value="yes"/);
      expect(textOf(describe.body), lang).toContain(m['publish.workflow.confirmEmpty']);
      expect(textOf(describe.body), lang).toContain(m['publish.workflow.noRows']);
      const refused = await postForm('/publish/empty/status', adminSession, { status: 'published', back: '/publish' }, lang);
      expect(refused.statusCode).toBe(400);
      expect(textOf(refused.body), lang).toContain(m['publish.workflow.confirmEmptyNeeded']);
      expect(refused.body).toMatch(/<input type="checkbox" id="confirm_empty"[^>]*aria-invalid="true"/);
      expect(await statusOf('empty')).toBe('draft');
    }
    const done = await postForm('/publish/empty/status', adminSession, { status: 'published', back: '/publish', confirm_empty: 'yes' });
    expect(done.statusCode, done.body).toBe(303);
    expect(await statusOf('empty')).toBe('published');
  });
});

describe('a CSV with rows', () => {
  it('says nothing of missing rows and publishes without a confirmation', async () => {
    const job = await loaded('full', WITH_ROWS);
    expect(job.status).toBe('succeeded');
    expect(job.errors.map((e) => e.message)).not.toContain(en['rule.ingestNoRows']);
    expect(textOf((await page('/publish/full/columns', editorSession)).body)).not.toContain(en['publish.columns.noRows']);
    const describe = await page('/publish/full/describe', adminSession);
    expect(describe.body).not.toContain('confirm_empty');
    const r = await app.inject({ method: 'POST', url: '/api/v1/datasets/full/status', headers: admin.auth, payload: { status: 'published' } });
    expect(r.statusCode, r.body).toBe(200);
  });
});
