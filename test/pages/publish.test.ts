import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/actions/accounts/organizations.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import type { Organization } from '../../src/domain/catalog/types.ts';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, signIn as signInAs, type Person, type Session } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

const PASSWORD = 'correct horse battery staple';

let t: TestPlaza;
let app: FastifyInstance;
let finance: Organization;
let editor: Person;
let admin: Person;
let outsider: Person;

/** Signs in through the API, as the browser's sign-in form does. */
const signIn = (who: Person): Promise<Session> => signInAs(t, app, who, PASSWORD);

const get = (url: string, s?: Session) => app.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });

/** Posts a form as a browser does, with the session's CSRF token unless told otherwise. */
const post = (url: string, s: Session, form: Record<string, string>, csrf = true) =>
  app.inject({
    method: 'POST',
    url,
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ ...(csrf ? { _csrf: s.csrf } : {}), ...form }).toString(),
  });

/** A multipart form with text fields first and then one file, as the upload form sends it. */
function multipart(fields: Record<string, string>, file: { name: string; content: Buffer }) {
  const boundary = `----plaza${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`), file.content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The value of an input in a page, by id. */
const valueOf = (html: string, id: string) => new RegExp(`<input[^>]*id="${id}"[^>]*value="([^"]*)"`).exec(html)?.[1] ?? new RegExp(`<input[^>]*value="([^"]*)"[^>]*id="${id}"`).exec(html)?.[1];

/** The `job` events of a Server-Sent Events body. */
const jobEvents = (body: string) =>
  body
    .split('\n\n')
    .filter((e) => e.startsWith('event: job'))
    .map((e) => JSON.parse(e.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as { status: string; phase: string; rows_read: number });

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  finance = await createOrganization(t.deps, t.admin, { name: 'Finance' });
  editor = await makePerson(t, { name: 'Eddie Editor', roles: { [finance.id]: 'editor' } });
  admin = await makePerson(t, { name: 'Ada Admin', roles: { [finance.id]: 'admin' } });
  outsider = await makePerson(t, { name: 'Olive Outsider' });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the publisher area', () => {
  it('sends visitors to sign in and tells people who edit nothing why they cannot publish', async () => {
    const anon = await get('/publish/new');
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toBe('/sign-in?next=%2Fpublish%2Fnew');
    const res = await get('/publish', await signIn(outsider));
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('You are not an editor of any organization');
  });

  it('takes a dataset from a new draft through upload, column review, description and review to public', async () => {
    const ed = await signIn(editor);

    // 1. Create: a form with labelled fields; problems come back beside their field; a form without its token is refused as a page.
    const form = await get('/publish/new', ed);
    expect(form.body).toContain('<label for="title">Title</label>');
    expect(form.body).toMatch(/<option value="finance"[^>]*>Finance<\/option>/);
    const forged = await post('/publish/new', ed, { title: 'Nope', organization: 'finance' }, false);
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('This form expired');
    const empty = await post('/publish/new', ed, { title: '', organization: 'finance', description: 'Kept <b>text</b>' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toMatch(/<input[^>]*id="title"[^>]*aria-invalid="true"[^>]*aria-describedby="title-error"/);
    expect(empty.body).toContain('<span class="usa-error-message error" id="title-error">A dataset needs a title.</span>');
    expect(empty.body).toContain('Kept &lt;b>text&lt;/b>');
    const created = await post('/publish/new', ed, { title: 'Employee earnings 2016', organization: 'finance', description: 'What the city paid each employee.' });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/publish/employee-earnings-2016/upload');
    const slug = 'employee-earnings-2016';

    // 2. Upload without JavaScript: a multipart form carrying _csrf, then the job's status page until it has loaded.
    const upload = await get(`/publish/${slug}/upload`, ed);
    expect(upload.body).toMatch(/<form[^>]*enctype="multipart\/form-data"/i);
    expect(upload.body).toContain('<label for="file">File</label>');
    expect(upload.body).toMatch(/<script type="module" src="\/assets\/upload\.[0-9a-f]{12}\.js"><\/script>/);
    const csv = await readFile(fixture('tabular/boston_employee_earnings_2016.csv'));
    const noToken = multipart({ policy: 'lenient' }, { name: 'earnings.csv', content: csv });
    const refused = await app.inject({ method: 'POST', url: `/publish/${slug}/upload`, headers: { cookie: ed.cookie, 'content-type': noToken.contentType }, payload: noToken.payload });
    expect(refused.statusCode).toBe(403);
    const body = multipart({ _csrf: ed.csrf, policy: 'lenient', sheet: '' }, { name: 'earnings.csv', content: csv });
    const sent = await app.inject({ method: 'POST', url: `/publish/${slug}/upload`, headers: { cookie: ed.cookie, 'content-type': body.contentType }, payload: body.payload });
    expect(sent.statusCode).toBe(303);
    const jobId = /\?job=(.+)$/.exec(sent.headers.location as string)![1]!;
    const running = await get(sent.headers.location as string, ed);
    expect(running.body).toContain('Loading the file');
    expect(running.body).toMatch(/<p role="status" data-job-text(="")?>(Waiting to start|Loading|Loaded)/);
    // Until it has finished, browsers without JavaScript reload the page; the progress island follows it with JavaScript.
    if (running.body.includes('data-job=')) {
      expect(running.body).toContain('<noscript><meta http-equiv="refresh" content="2"/></noscript>');
      expect(running.body).toMatch(/<script type="module" src="\/assets\/upload\.[0-9a-f]{12}\.js"><\/script>/);
    }
    const job = await waitForJob(t.deps, decodeURIComponent(jobId));
    expect(job.status).toBe('succeeded');
    const loaded = await get(sent.headers.location as string, ed);
    expect(loaded.body).toContain(`Loaded ${(job.rowsRead - job.rowsRejected).toLocaleString('en-US')} rows`);
    expect(loaded.body).not.toContain('http-equiv="refresh"');
    expect(loaded.body).toContain(`<a href="/publish/${slug}/columns">Review the columns</a>`);

    // The progress stream of a finished job: one event, the final state, and the stream ends.
    const stream = await get(`/api/v1/jobs/${jobId}/events`, ed);
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toContain('text/event-stream');
    expect(jobEvents(stream.body)).toEqual([expect.objectContaining({ status: 'succeeded', phase: 'done', rows_read: job.rowsRead })]);

    // 3. Column review: inferred types, commonest values, a search that shows the Windows-1252 accents intact.
    const columns = await get(`/publish/${slug}/columns`, ed);
    expect(columns.statusCode).toBe(200);
    expect(columns.body).toMatch(/<legend>TOTAL EARNINGS <code class="meta">total_earnings<\/code><\/legend>/);
    // Plaza keeps ZIP codes as text (their leading zeros matter) and reads dollar amounts as decimals.
    const selected = (html: string, column: string) => new RegExp(`<select id="type-${column}" name="type\\.${column}"[^>]*>[\\s\\S]*?<option value="(\\w+)" selected`).exec(html)?.[1];
    expect(selected(columns.body, 'postal')).toBe('text');
    expect(selected(columns.body, 'total_earnings')).toBe('decimal');
    expect(columns.body).toContain('<code>02124</code>');
    expect(columns.body).toContain('<dt>Commonest values</dt>');
    expect(columns.body).toContain('<code>Boston Police Department</code>');
    const found = await get(`/publish/${slug}/columns?find=Ballesteros`, ed);
    expect(found.body).toContain('<td>Ballesteros,Jorge Andrés</td>');
    expect(found.body).toContain('1 matching row<');

    // Change a type: postal as a number (the file loads again, progress shown), then back to text; and describe columns.
    const retype = async (type: string, form: Record<string, string> = {}) => {
      const res = await post(`/publish/${slug}/columns`, ed, { 'type.postal': type, ...form });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toMatch(new RegExp(`^/publish/${slug}/columns\\?job=`));
      const id = decodeURIComponent(/\?job=(.+)$/.exec(res.headers.location as string)![1]!);
      // The progress stream, read while the job runs: its phases in order, ending in done.
      const events = jobEvents((await get(`/api/v1/jobs/${id}/events`, ed)).body);
      expect(events.length).toBeGreaterThan(1);
      expect(events.at(-1)).toMatchObject({ status: 'succeeded', phase: 'done' });
      const order = ['queued', 'preparing', 'reading', 'typing', 'profiling', 'publishing', 'done'];
      const phases = events.map((e) => order.indexOf(e.phase));
      expect(phases.every((p, i) => p >= 0 && (i === 0 || p >= phases[i - 1]!))).toBe(true);
      const page = await get(res.headers.location as string, ed);
      expect(page.body).toContain('<a href="/publish/employee-earnings-2016/columns">Review the columns again</a>');
      return (await get(`/publish/${slug}/columns`, ed)).body;
    };
    const asNumber = await retype('integer', { 'label.postal': 'ZIP code', 'unit.regular': 'USD', 'description.regular': 'Base pay.' });
    expect(selected(asNumber, 'postal')).toBe('integer');
    expect(asNumber).toContain('<code>2124</code>');
    const asText = await retype('text');
    expect(selected(asText, 'postal')).toBe('text');
    expect(asText).toContain('<code>02124</code>');
    expect(valueOf(asText, 'label-postal')).toBe('ZIP code');
    expect(valueOf(asText, 'unit-regular')).toBe('USD');
    expect(asText).toContain('Base pay.</textarea>');
    const saved0 = await post(`/publish/${slug}/columns`, ed, { 'type.postal': 'text', 'unit.regular': 'US dollars' });
    expect(saved0.headers.location).toBe(`/publish/${slug}/columns?saved=1`);
    expect((await get(saved0.headers.location as string, ed)).body).toContain('The columns are saved.');

    // 4. Describe: one bad field is shown beside itself, every other value kept; then fixed.
    const describe = await get(`/publish/${slug}/describe`, ed);
    expect(describe.body).toContain('<label for="license">License</label>');
    expect(describe.body).toContain('License: Choose a license before publishing.');
    const fields = {
      title: 'Employee earnings 2016', description: 'What the city paid each employee in 2016.', keywords: 'pay, salaries, Payroll',
      'themes.1': 'Budget and finance', license: 'cc-by-4.0', frequency: 'annual', publisher: '', contact_name: 'Payroll office',
      contact_email: 'not-an-email', temporal_start: '2016-01-01', temporal_end: '2016-12-31', spatial_place: 'Boston', language: 'en',
      access_level: 'public', suggested_uses: 'Compare pay across departments.', known_limitations: 'Names as the payroll system writes them.',
    };
    const bad = await post(`/publish/${slug}/describe`, ed, fields);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/<input type="email" id="contact_email" name="contact_email" aria-invalid="true" aria-describedby="contact_email-error" value="not-an-email" class="usa-input"\/?>/);
    expect(bad.body).toContain('<span class="usa-error-message error" id="contact_email-error">is not an email address.</span>');
    expect(bad.body).toContain('<a href="#contact_email">Contact email: is not an email address.</a>');
    expect(valueOf(bad.body, 'keywords')).toBe('pay, salaries, Payroll');
    expect(valueOf(bad.body, 'spatial_place')).toBe('Boston');
    expect(bad.body).toMatch(/<option value="cc-by-4.0" selected(="")?>Creative Commons Attribution 4.0<\/option>/);
    expect(bad.body).toMatch(/<input type="checkbox" name="themes.1" value="Budget and finance" checked(="")?\/?>/);
    expect(bad.body).toContain('Compare pay across departments.</textarea>');
    const good = await post(`/publish/${slug}/describe`, ed, { ...fields, contact_email: 'payroll@boston.example' });
    expect(good.statusCode).toBe(303);
    const saved = await get(good.headers.location as string, ed);
    expect(saved.body).toContain('The description is saved.');
    expect(valueOf(saved.body, 'keywords')).toBe('pay, salaries, payroll');
    expect(saved.body).not.toContain('before publishing');

    // 5. Submit for review; an editor cannot publish, so the page offers only withdrawal.
    expect(saved.body).toContain('>Submit for review</button>');
    expect(saved.body).not.toContain('>Publish</button>');
    const submitted = await post(`/publish/${slug}/status`, ed, { status: 'submitted', back: `/publish/${slug}/describe` });
    expect(submitted.statusCode).toBe(303);
    expect((await get(submitted.headers.location as string, ed)).body).toContain('The dataset is submitted for review');
    expect((await get(`/datasets/${slug}`)).statusCode).toBe(404);

    // 6. The organization's admin finds it in the review queue and publishes it; now anyone sees it.
    const ad = await signIn(admin);
    const home = await get('/publish', ad);
    expect(home.body).toContain('<h2 id="queue">Review queue</h2>');
    expect(home.body).toContain(`aria-label="Publish Employee earnings 2016"`);
    expect((await get('/publish', ed)).body).not.toContain('Review queue');
    const published = await post(`/publish/${slug}/status`, ad, { status: 'published', back: '/publish' });
    expect(published.statusCode).toBe(303);
    const after2 = await get(published.headers.location as string, ad);
    expect(after2.body).toContain('“Employee earnings 2016” is published');
    expect(after2.body).toContain('Nothing is waiting for review.');
    const pub = await get(`/datasets/${slug}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('Employee earnings 2016');
  }, 120_000);

  it('sends a submission back with a comment, and refuses publishing a dataset that is not ready', async () => {
    const ed = await signIn(editor);
    const ad = await signIn(admin);
    await post('/publish/new', ed, { title: 'Bare draft', organization: 'finance' });
    const early = await post('/publish/bare-draft/status', ad, { status: 'published', back: '/publish' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('<span class="usa-error-message error" id="license-error">Choose a license before publishing.</span>');
    expect(early.body).toContain('Data: Add a file, link or API before publishing.');
    await post('/publish/bare-draft/status', ed, { status: 'submitted' });
    const back = await post('/publish/bare-draft/status', ad, { status: 'draft', comment: 'Add the data please.', back: '/publish' });
    expect(back.statusCode).toBe(303);
    expect((await get(back.headers.location as string, ad)).body).toContain('“Bare draft” is back in draft.');
    const activity = await app.inject({ url: '/api/v1/datasets/bare-draft/activity', headers: { cookie: ad.cookie } });
    expect(activity.body).toContain('Add the data please.');
    const other = await get('/publish/bare-draft/describe', await signIn(outsider));
    expect(other.statusCode).toBe(404);
  });

  it('escapes what publishers typed on every page of the area', async () => {
    const ed = await signIn(editor);
    const title = '<script>alert(1)</script> & "co"';
    const made = await post('/publish/new', ed, { title, organization: 'finance', description: '<img src=x onerror=alert(2)>' });
    const slug = (made.headers.location as string).split('/')[2]!;
    for (const url of ['/publish', `/publish/${slug}/upload`, `/publish/${slug}/columns`, `/publish/${slug}/describe`]) {
      const page = await get(url, ed);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).not.toContain('<script>alert(1)');
      expect(page.body, url).toContain('&lt;script>alert(1)&lt;/script> &amp; &quot;co&quot;');
    }
    const describe = await get(`/publish/${slug}/describe`, ed);
    expect(describe.body).not.toContain('<img src=x');
    expect(describe.body).toContain('&lt;img src=x onerror=alert(2)></textarea>');
  });
});
