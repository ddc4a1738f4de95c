import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { acceptedLanguages, matchLanguage, safeBack } from '../../src/http/pages/language.ts';
import { makePerson, signIn, type Person } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

describe('choosing the reader’s language', () => {
  it('reads Accept-Language best first, and matches by the primary language', () => {
    expect(acceptedLanguages('fr-CH, fr;q=0.9, es;q=0.8, *;q=0.5')).toEqual(['fr-CH', 'fr', 'es']);
    expect(acceptedLanguages('en;q=0, es')).toEqual(['es']);
    expect(acceptedLanguages(undefined)).toEqual([]);
    expect(matchLanguage('es-MX', ['en', 'es'])).toBe('es');
    expect(matchLanguage('pt', ['en', 'pt-BR'])).toBe('pt-BR');
    expect(matchLanguage('fr', ['en', 'es'])).toBeUndefined();
  });

  it('goes back only to this portal', () => {
    expect(safeBack('/datasets?q=trees')).toBe('/datasets?q=trees');
    expect(safeBack('//evil.example.org/')).toBe('/');
    expect(safeBack('/\\evil.example.org')).toBe('/');
    expect(safeBack('https://evil.example.org/')).toBe('/');
    expect(safeBack(undefined)).toBe('/');
  });
});

describe('pages in the reader’s language', () => {
  let t: TestPlaza;
  let app: FastifyInstance;
  let admin: Person;

  beforeAll(async () => {
    t = await startTestPlaza();
    app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
    await t.load(fixture('tabular/austin_food_establishment_inspection_scores.csv'), { title: 'Food inspections', slug: 'food-inspections' });
    admin = await makePerson(t, { siteAdmin: true });
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers } });

  it('speaks the browser’s language, with numbers and dates its way', async () => {
    const es = await get('/datasets', { 'accept-language': 'es-MX,es;q=0.9,en;q=0.5' });
    expect(es.body).toContain('<html lang="es">');
    expect(es.body).toContain('Buscar conjuntos de datos');
    expect(es.body).toMatch(/\d{1,3}\.\d{3} filas/);
    expect(es.headers.vary).toBe('Accept-Language, Cookie, Accept-Encoding');
    const en = await get('/datasets', { 'accept-language': 'fr, en;q=0.5' });
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toMatch(/\d{1,3},\d{3} rows/);
  });

  it('lets the address choose the language, so a shared link keeps it', async () => {
    const res = await get('/?lang=es', { 'accept-language': 'en' });
    expect(res.body).toContain('<html lang="es">');
    expect(res.body).toContain('El portal en cifras');
  });

  it('switches language with a plain link that remembers the choice and comes back to the page', async () => {
    const home = await get('/datasets?q=food');
    expect(home.body).toContain('href="/language/es?back=%2Fdatasets%3Fq%3Dfood" lang="es" hreflang="es">Español</a>');
    expect(home.body).toMatch(/<span lang="en" aria-current="true">English<\/span>/);
    const sw = await get('/language/es?back=%2Fdatasets%3Fq%3Dfood');
    expect(sw.statusCode).toBe(303);
    expect(sw.headers.location).toBe('/datasets?q=food');
    const cookie = String(sw.headers['set-cookie']);
    expect(cookie).toMatch(/^plaza_lang=es; Path=\/; SameSite=Lax; Max-Age=\d+/);
    const after = await get('/datasets?q=food', { cookie: 'plaza_lang=es', 'accept-language': 'en' });
    expect(after.body).toContain('<html lang="es">');
    expect(after.body).toMatch(/coincid(e|en) con «food»/);
    const unknown = await get('/language/xx?back=//evil.example.org');
    expect(unknown.statusCode).toBe(303);
    expect(unknown.headers.location).toBe('/');
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('offers only the languages the site enables, and names an unknown one in its answer', async () => {
    const refused = await app.inject({ method: 'PATCH', url: '/api/v1/site', payload: { languages: ['en', 'fr'] }, headers: admin.auth });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.fields).toEqual([{ field: 'languages', message: expect.stringMatching(/^The portal has no messages for “fr”; it speaks en, es\./) }]);
    expect((await app.inject({ method: 'PATCH', url: '/api/v1/site', payload: { languages: ['en'] }, headers: admin.auth })).statusCode).toBe(200);
    const res = await get('/?lang=es', { 'accept-language': 'es' });
    expect(res.body).toContain('<html lang="en">');
    expect(res.body).not.toContain('/language/');
    expect((await app.inject({ method: 'PATCH', url: '/api/v1/site', payload: { languages: ['es', 'en'] }, headers: admin.auth })).statusCode).toBe(200);
    // The first language is for readers whose browser asks for none of the site's.
    expect((await get('/', { 'accept-language': 'de' })).body).toContain('<html lang="es">');
    expect((await app.inject({ method: 'PATCH', url: '/api/v1/site', payload: { languages: null }, headers: admin.auth })).statusCode).toBe(200);
  });

  it('explains a refused form as a page in the reader’s language, and to programs in JSON', async () => {
    const session = await signIn(t, app, admin, 'a password for the language test');
    const form = { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie };
    const page = await app.inject({ method: 'POST', url: '/account/subscriptions/nothing/delete', headers: { accept: 'text/html', 'accept-language': 'es', ...form }, payload: '_csrf=wrong' });
    expect(page.statusCode).toBe(403);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<html lang="es">');
    expect(page.body).toContain('<h1>Este formulario caducó</h1>');
    const program = await app.inject({ method: 'POST', url: '/account/subscriptions/nothing/delete', headers: form, payload: '_csrf=wrong' });
    expect(program.statusCode).toBe(403);
    expect(program.json().error.code).toBe('csrf_failed');
  });

  it('answers people with a page in their language and programs with JSON when nothing is at an address', async () => {
    const page = await get('/no/such/page', { 'accept-language': 'es' });
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<h1>Página no encontrada</h1>');
    const api = await app.inject({ method: 'GET', url: '/api/v1/nothing', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('not_found');
    const program = await app.inject({ method: 'GET', url: '/no/such/page' });
    expect(program.json().error.code).toBe('not_found');
  });
});
