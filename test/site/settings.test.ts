import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSite, siteThemes, updateSite } from '../../src/actions/site/settings.ts';
import { contrast } from '../../src/domain/site/contrast.ts';
import { fromStored, sitePatchFields } from '../../src/domain/site/settings.ts';
import { DEFAULT_PROBLEM_CATEGORIES } from '../../src/domain/community/problems.ts';
import { DEFAULT_SYNONYMS } from '../../src/domain/site/synonyms.ts';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

const fieldsOf = (input: unknown) => {
  const r = sitePatchFields.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
};

describe('the settings rules', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('refuses colours that fail AA for text, saying how far off they are', () => {
    expect(fieldsOf({ primary_color: '#FFCC00' })).toEqual([
      { field: 'primary_color', message: 'The primary colour #ffcc00 has a contrast of 1.5:1 with the white text of the header; WCAG AA needs at least 4.5:1 for text. Choose a darker colour.' },
    ]);
    expect(fieldsOf({ accent_color: '#777777' })[0]?.message).toMatch(/^The accent colour #777777 has a contrast of 4\.2:1 with the light page background/);
    expect(fieldsOf({ accent_color: 'blue' })[0]?.message).toBe('Give a colour as # and six hexadecimal digits, like #0b5cad.');
    expect(fieldsOf({ primary_color: '#12263a', accent_color: '#0B5CAD' })).toEqual([]);
    expect(sitePatchFields.parse({ accent_color: '#0B5CAD' }).accent_color).toBe('#0b5cad');
  });

  it('refuses synonym groups of one entry or over 20, entries of 60 characters or without a letter, and over 500 groups', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`);
    expect(fieldsOf({ synonyms: [words(2), words(20)] })).toEqual([]);
    expect(fieldsOf({ synonyms: [['bike', 'bicycle'], ['lonely']] })).toEqual([{ field: 'synonyms.1', message: 'A group of synonyms needs at least two words.' }]);
    expect(fieldsOf({ synonyms: [words(21)] })).toEqual([{ field: 'synonyms.0', message: 'Put at most 20 words in a group of synonyms.' }]);
    expect(fieldsOf({ synonyms: [['bike', 'b'.repeat(59)]] })).toEqual([]);
    expect(fieldsOf({ synonyms: [['bike', 'b'.repeat(61)]] })).toEqual([{ field: 'synonyms.0.1', message: 'Keep each synonym under 60 characters.' }]);
    expect(fieldsOf({ synonyms: [['bike', '42']] })).toEqual([{ field: 'synonyms.0.1', message: 'A synonym needs a letter.' }]);
    expect(fieldsOf({ synonyms: Array.from({ length: 500 }, () => words(2)) })).toEqual([]);
    expect(fieldsOf({ synonyms: Array.from({ length: 501 }, () => words(2)) })).toEqual([{ field: 'synonyms', message: 'Keep at most 500 groups of synonyms.' }]);
    expect(sitePatchFields.parse({ synonyms: [[' bike ', 'bicycle']] }).synonyms).toEqual([['bike', 'bicycle']]);
  });

  it('refuses more than six featured datasets, repeats, unknown languages and oversized logos', () => {
    expect(fieldsOf({ featured: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] })).toEqual([{ field: 'featured', message: 'Feature at most 6 datasets.' }]);
    expect(fieldsOf({ featured: ['trees', 'Trees'] })).toEqual([{ field: 'featured', message: 'A dataset is featured twice.' }]);
    expect(fieldsOf({ languages: ['en', 'French'] })).toEqual([{ field: 'languages.1', message: 'A language is named by its code, like "en", "es" or "pt-BR".' }]);
    expect(fieldsOf({ languages: [] })).toEqual([{ field: 'languages', message: 'Keep at least one language.' }]);
    expect(fieldsOf({ themes: [] })).toEqual([{ field: 'themes', message: 'Keep at least one theme.' }]);
    const image = (bytes: number) => `data:image/png;base64,${Buffer.alloc(bytes, 7).toString('base64')}`;
    expect(fieldsOf({ logo_url: image(200 * 1024) })).toEqual([]);
    expect(fieldsOf({ logo_url: image(200 * 1024 + 1) })).toEqual([{ field: 'logo_url', message: 'The logo image must be at most 200 KB; make it smaller and upload it again.' }]);
    expect(fieldsOf({ logo_url: 'javascript:alert(1)' })[0]?.field).toBe('logo_url');
    expect(fieldsOf({ logo_url: 'http://example.org/logo.png' })[0]?.field).toBe('logo_url');
    expect(fieldsOf({ colour: '#000000' })[0]?.message).toMatch(/colour/);
  });

  it('checks the problem categories: 1 to 30, each 1 to 40 characters, none twice', () => {
    expect(fieldsOf({ problem_categories: ['housing', 'street lighting'] })).toEqual([]);
    expect(fieldsOf({ problem_categories: [] })).toEqual([{ field: 'problem_categories', message: 'Keep at least one problem category.' }]);
    expect(fieldsOf({ problem_categories: ['housing', 'Housing'] })).toEqual([{ field: 'problem_categories', message: 'A problem category is listed twice.' }]);
    expect(fieldsOf({ problem_categories: ['x'.repeat(41)] })).toEqual([{ field: 'problem_categories.0', message: 'A category must be at most 40 characters long.' }]);
    expect(fieldsOf({ problem_categories: ['  '] })).toEqual([{ field: 'problem_categories.0', message: 'A category needs a name.' }]);
    expect(fieldsOf({ problem_categories: Array.from({ length: 31 }, (_, i) => `c${i}`) })).toEqual([{ field: 'problem_categories', message: 'Offer at most 30 problem categories.' }]);
  });

  it('reads stored values back, and falls back to the defaults for what no longer reads', () => {
    const d = { name: 'Env City', themes: ['Health', 'Parks'], languages: ['en'] };
    expect(fromStored({}, d)).toEqual({ name: 'Env City', logoUrl: null, primaryColor: '#12263a', accentColor: '#0b5cad', featured: [], themes: ['Health', 'Parks'], problemCategories: [...DEFAULT_PROBLEM_CATEGORIES], languages: ['en'], synonyms: DEFAULT_SYNONYMS, mapContext: null, tileUrl: null, tileAttribution: null, tileAttributionUrl: null, anonymousProblems: false, timeZone: 'UTC' });
    expect(fromStored({ name: 'Ciudad', themes: '["Agua"]', languages: 'not json', primary_color: '#ffff00' }, d)).toMatchObject({ name: 'Ciudad', themes: ['Agua'], languages: ['en'], primaryColor: '#12263a' });
    // A language whose message files are gone is no longer offered; when none is left, the defaults apply.
    expect(fromStored({ languages: '["fr","en"]' }, d).languages).toEqual(['en']);
    expect(fromStored({ languages: '["fr"]' }, d).languages).toEqual(['en']);
    expect(fromStored({ time_zone: 'America/New_York' }, d).timeZone).toBe('America/New_York');
    expect(fromStored({ time_zone: 'Mars/Olympus' }, d).timeZone).toBe('UTC');
  });
});

describe('the settings action and API', () => {
  let t: TestPlaza;
  let app: FastifyInstance;
  let editor: Person;
  let admin: Person;

  beforeAll(async () => {
    t = await startTestPlaza();
    app = await buildApp({ deps: t.deps, siteName: 'Env City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
    await t.load(fixture('tabular/austin_food_establishment_inspection_scores.csv'), { title: 'Food inspections', slug: 'food-inspections' });
    const org = (await t.deps.catalog.datasets.listOrganizations())[0]!;
    editor = await makePerson(t, { roles: { [org.id]: 'admin' } });
    admin = await makePerson(t, { siteAdmin: true });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('shows the defaults to anyone before anything is set', async () => {
    const res = await app.inject('/api/v1/site');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ name: t.deps.site.name, logo_url: null, primary_color: '#12263a', accent_color: '#0b5cad', featured: [], themes: t.deps.site.themes, problem_categories: [...DEFAULT_PROBLEM_CATEGORIES], languages: ['en', 'es'], synonyms: DEFAULT_SYNONYMS, map_context: null, map_tile_url: null, map_tile_attribution: null, map_tile_attribution_url: null, anonymous_problems: false, time_zone: 'UTC' });
  });

  it('lets only site administrators change the settings', async () => {
    const body = { name: 'Ciudad Abierta' };
    expect((await app.inject({ method: 'PATCH', url: '/api/v1/site', payload: body })).statusCode).toBe(401);
    const refused = await app.inject({ method: 'PATCH', url: '/api/v1/site', payload: body, headers: editor.auth });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('site administrators');
    const narrow = await makePerson(t, { siteAdmin: true, scopes: ['read', 'write'] });
    expect((await app.inject({ method: 'PATCH', url: '/api/v1/site', payload: body, headers: narrow.auth })).statusCode).toBe(403);
    const ok = await app.inject({ method: 'PATCH', url: '/api/v1/site', payload: { ...body, featured: ['food-inspections'], themes: ['Salud', 'Parques'], languages: ['en', 'es'] }, headers: admin.auth });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Ciudad Abierta', featured: ['food-inspections'], themes: ['Salud', 'Parques'], languages: ['en', 'es'] });
    expect((await app.inject('/api/v1/site')).json().name).toBe('Ciudad Abierta');
  });

  it('answers bad values with one message per field, and changes nothing', async () => {
    const res = await app.inject({ method: 'PATCH', url: '/api/v1/site', payload: { name: 'Never saved', primary_color: '#eeeeee', featured: ['no-such-dataset'] }, headers: admin.auth });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields).toEqual([expect.objectContaining({ field: 'primary_color', message: expect.stringContaining('contrast of 1.1:1') })]);
    const missing = await app.inject({ method: 'PATCH', url: '/api/v1/site', payload: { featured: ['food-inspections', 'no-such-dataset'] }, headers: admin.auth });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields).toEqual([{ field: 'featured', message: 'No dataset is called “no-such-dataset”; feature datasets by their slug, as in /datasets/{slug}.' }]);
    expect((await getSite(t.deps)).name).toBe('Ciudad Abierta');
  });

  it('gives the themes publishers choose from, and returns fields to their defaults with null', async () => {
    expect(await siteThemes(t.deps)).toEqual(['Salud', 'Parques']);
    await updateSite(t.deps, admin.principal, { themes: null, name: null, logo_url: 'https://example.org/logo.svg' });
    expect(await siteThemes(t.deps)).toEqual(t.deps.site.themes);
    expect(await getSite(t.deps)).toMatchObject({ name: t.deps.site.name, logoUrl: 'https://example.org/logo.svg' });
    await updateSite(t.deps, admin.principal, { logo_url: '' });
    expect((await getSite(t.deps)).logoUrl).toBeNull();
  });
});
