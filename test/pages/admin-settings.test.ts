import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { register } from '../../src/actions/accounts/register.ts';
import { getSite } from '../../src/actions/site/settings.ts';
import { DEFAULT_PROBLEM_CATEGORIES } from '../../src/domain/community/problems.ts';
import { DEFAULT_SYNONYMS } from '../../src/domain/site/synonyms.ts';
import { buildApp } from '../../src/http/app.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

const PASSWORD = 'settings password 2030';
let t: TestPlaza;
let app: FastifyInstance;
let admin: { cookie: string; csrf: string };
let resident: { cookie: string; csrf: string };

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A multipart/form-data body of text fields and files, as a browser sends the form. */
function multipart(fields: Record<string, string>, files: Record<string, { name: string; type: string; content: Buffer }> = {}) {
  const boundary = '----settings-form';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const [k, f] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function signIn(email: string) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('plaza_session='))!;
  return { cookie: set.split(';')[0]!, csrf: res.json().csrf_token as string };
}

const post = (who: { cookie: string }, fields: Record<string, string>, files?: Parameters<typeof multipart>[1]) => {
  const { payload, headers } = multipart(fields, files);
  return app.inject({ method: 'POST', url: '/admin/settings', payload, headers: { ...headers, cookie: who.cookie } });
};

const VALID = { name: 'Ciudad Abierta', logo_url: '', primary_color: '#12263a', accent_color: '#0b5cad', featured: '', themes: 'Health\nParks and recreation', lang_en: 'on' };

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  await t.load(fixture('tabular/nyc_dhs_daily_shelter_census.csv'), { title: 'Shelter census', slug: 'shelter-census' });
  const boss = await register(t.deps, { email: 'boss@example.org', name: 'Boss', password: PASSWORD });
  await t.deps.catalog.accounts.updateUser(boss.id, { isSiteAdmin: true });
  await register(t.deps, { email: 'resident@example.org', name: 'Resident', password: PASSWORD });
  admin = await signIn('boss@example.org');
  resident = await signIn('resident@example.org');
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the site settings form', () => {
  it('sends strangers to sign in and tells other people it is not for them', async () => {
    const stranger = await app.inject('/admin/settings');
    expect(stranger.statusCode).toBe(303);
    expect(stranger.headers.location).toBe('/sign-in?next=%2Fadmin%2Fsettings');
    const other = await app.inject({ url: '/admin/settings', headers: { cookie: resident.cookie } });
    expect(other.statusCode).toBe(403);
    expect(other.body).toContain('The portal’s settings are for site administrators.');
    const forged = await post(resident, { ...VALID, _csrf: resident.csrf });
    expect(forged.statusCode).toBe(403);
    expect((await getSite(t.deps)).name).toBe(t.deps.site.name);
  });

  it('shows site administrators a labelled form with the settings now, and the session’s CSRF token', async () => {
    const res = await app.inject({ url: '/admin/settings', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<form class="settings" method="post" action="/admin/settings" enctype="multipart/form-data">');
    expect(html).toContain(`<input type="hidden" name="_csrf" value="${admin.csrf}"/>`);
    for (const [id, label] of [['name', 'Portal name'], ['logo_url', 'Logo address'], ['logo_file', 'Upload a logo'], ['primary_color', 'Primary colour'], ['accent_color', 'Accent colour'], ['featured', 'Featured datasets'], ['themes', 'Themes'], ['lang_en', 'English'], ['lang_es', 'Español']]) {
      expect(html).toContain(`<label for="field-${id}"`);
      expect(html).toMatch(new RegExp(`<label for="field-${id}"[^>]*>${label}</label>`));
      expect(html).toContain(`>${label}</label>`);
      expect(html).toContain(`id="field-${id}"`);
    }
    expect(html).toContain(`value="${t.deps.site.name}"`);
    expect(html).toMatch(/<input id="field-lang_en" name="lang_en" type="checkbox" checked(="")?\/>/);
    expect(html).toContain('<legend>Languages</legend>');
  });

  it('refuses a form without its CSRF token and saves nothing', async () => {
    const res = await post(admin, VALID);
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('role="alert">This form expired or came from another site. Nothing was saved; please try again.');
    expect((await getSite(t.deps)).name).toBe(t.deps.site.name);
  });

  it('shows refused values inline, as typed and escaped, and saves nothing', async () => {
    const res = await post(admin, { ...VALID, _csrf: admin.csrf, name: 'Ciudad "<b>"', primary_color: '#ffcc00', featured: 'a\nb\nc\nd\ne\nf\ng' });
    expect(res.statusCode).toBe(400);
    const html = res.body;
    expect(html).toContain('role="alert">Please correct the fields marked below. Nothing was saved.');
    expect(html).toContain('<span class="usa-error-message field-error" id="field-primary_color-error">The primary colour #ffcc00 has a contrast of 1.5:1 with the white text of the header; WCAG AA needs at least 4.5:1 for text. Choose a darker colour.</span>');
    expect(html).toMatch(/id="field-primary_color" name="primary_color" aria-describedby="field-primary_color-hint field-primary_color-error" aria-invalid="true" type="text" value="#ffcc00"/);
    expect(html).toContain('<span class="usa-error-message field-error" id="field-featured-error">Feature at most 6 datasets.</span>');
    expect(html).toContain('value="Ciudad &quot;&lt;b>&quot;"');
    expect(html).not.toContain('<b>');
    expect((await getSite(t.deps)).name).toBe(t.deps.site.name);

    const unknown = await post(admin, { ...VALID, _csrf: admin.csrf, featured: 'shelter-census\nno-such-thing' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('<span class="usa-error-message field-error" id="field-featured-error">No dataset is called “no-such-thing”');
    const silent = await post(admin, { ...VALID, _csrf: admin.csrf, lang_en: '' });
    expect(silent.statusCode).toBe(400);
    expect(silent.body).toContain('<span class="usa-error-message field-error" id="field-languages-error">Keep at least one language.</span>');
    expect(silent.body).toContain('<fieldset aria-describedby="field-languages-error">');
  });

  it('refuses a logo that is not an image, or too big', async () => {
    const text = await post(admin, { ...VALID, _csrf: admin.csrf }, { logo_file: { name: 'logo.png', type: 'image/png', content: Buffer.from('not an image at all') } });
    expect(text.statusCode).toBe(400);
    expect(text.body).toContain('<span class="usa-error-message field-error" id="field-logo_file-error">The logo must be a PNG, JPEG, GIF, WebP or SVG image.</span>');
    const big = await post(admin, { ...VALID, _csrf: admin.csrf }, { logo_file: { name: 'logo.png', type: 'image/png', content: Buffer.concat([PNG, Buffer.alloc(210 * 1024)]) } });
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain('The logo image must be at most 200 KB; this one is 211 KB.');
  });

  it('saves the settings with an uploaded logo, then shows them on the form and across the portal', async () => {
    const res = await post(admin, { ...VALID, _csrf: admin.csrf, featured: 'shelter-census', lang_es: 'on', accent_color: '#7A2E00' }, { logo_file: { name: 'logo.png', type: 'image/png', content: PNG } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/settings?saved=1');
    const site = await getSite(t.deps);
    expect(site).toEqual({ name: 'Ciudad Abierta', logoUrl: `data:image/png;base64,${PNG.toString('base64')}`, primaryColor: '#12263a', accentColor: '#7a2e00', featured: ['shelter-census'], themes: ['Health', 'Parks and recreation'], problemCategories: [...DEFAULT_PROBLEM_CATEGORIES], languages: ['en', 'es'], synonyms: DEFAULT_SYNONYMS, mapContext: null, tileUrl: null, tileAttribution: null, tileAttributionUrl: null, anonymousProblems: false, timeZone: 'UTC' });
    const form = (await app.inject({ url: '/admin/settings?saved=1', headers: { cookie: admin.cookie } })).body;
    expect(form).toContain('role="status">Settings saved.');
    expect(form).toContain('<label for="field-remove_logo">Remove the current logo</label>');
    const home = (await app.inject('/')).body;
    expect(home).toContain('<h1 id="home-title">Ciudad Abierta</h1>');
    // Pages link to the uploaded logo rather than carry it.
    expect(home).not.toContain('data:image/png');
    const src = /<a class="site" href="\/"><img src="(\/site\/logo\?v=[0-9a-f]{12})"/.exec(home)?.[1];
    expect(src).toBeDefined();
    const logo = await app.inject(src!);
    expect(logo.statusCode).toBe(200);
    expect(logo.headers['content-type']).toBe('image/png');
    expect(logo.headers['content-security-policy']).toContain('sandbox');
    expect(logo.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(logo.rawPayload.equals(PNG)).toBe(true);

    // Removing the logo, the rest as it is.
    const removed = await post(admin, { ...VALID, _csrf: admin.csrf, remove_logo: 'on' });
    expect(removed.statusCode).toBe(303);
    expect((await getSite(t.deps)).logoUrl).toBeNull();
    expect((await app.inject(src!)).statusCode).toBe(404);
  });

  it('takes problem categories one a line, and shows clear errors for an empty, repeated or overlong list', async () => {
    const form = await app.inject({ url: '/admin/settings', headers: { cookie: admin.cookie } });
    expect(form.body).toMatch(/<label for="field-problem_categories"[^>]*>Problem categories<\/label>/);
    expect(form.body).toMatch(/name="problem_categories"[^>]*>housing\nfood\njobs/);
    const error = (body: string) => /id="field-problem_categories-error">([^<]*)</.exec(body)?.[1];
    const cases: Array<[string, string]> = [
      ['', 'Keep at least one problem category.'],
      ['housing\nHousing', 'A problem category is listed twice.'],
      [`housing\n${'x'.repeat(41)}`, 'A category must be at most 40 characters long.'],
    ];
    for (const [value, message] of cases) {
      const res = await post(admin, { ...VALID, _csrf: admin.csrf, problem_categories: value });
      expect(res.statusCode).toBe(400);
      expect(error(res.body)).toBe(message);
    }
    expect((await getSite(t.deps)).problemCategories).toEqual([...DEFAULT_PROBLEM_CATEGORIES]);
    const ok = await post(admin, { ...VALID, _csrf: admin.csrf, problem_categories: 'housing\n street lighting, poles \n\nother' });
    expect(ok.statusCode).toBe(303);
    expect((await getSite(t.deps)).problemCategories).toEqual(['housing', 'street lighting, poles', 'other']);
  });
});
