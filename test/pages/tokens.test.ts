import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/actions/accounts/organizations.ts';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, signIn, type Person, type Session } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The account page: who you are, your organizations, and your API tokens, made and revoked through plain forms. */
describe('the account page and its API tokens', () => {
  let t: TestPlaza;
  let app: FastifyInstance;
  let person: Person;
  let session: Session;

  beforeAll(async () => {
    t = await startTestPlaza();
    app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
    const org = await createOrganization(t.deps, t.admin, { name: 'Parks' });
    person = await makePerson(t, { name: 'Tomás Token', roles: { [org.id]: 'editor' } });
    session = await signIn(t, app, person, 'a password for tokens 2030');
  });
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers: { accept: 'text/html', cookie: session.cookie, ...headers } });
  const post = (url: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url, headers: { accept: 'text/html', cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: new URLSearchParams({ _csrf: session.csrf, ...form }).toString() });

  it('sends visitors to sign in, and shows a signed-in person who they are, their organizations and a way out', async () => {
    const visitor = await app.inject({ url: '/account', headers: { accept: 'text/html' } });
    expect(visitor.statusCode).toBe(303);
    expect(visitor.headers.location).toBe('/sign-in?next=%2Faccount');
    const page = await get('/account');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<a href="/account">Tomás Token</a>');
    expect(page.body).toContain(person.user.email);
    expect(page.body).toContain('<a href="/organizations/parks">Parks</a> · editor');
    expect(page.body).toContain('<form method="post" action="/sign-out">');
    expect(page.body).toContain('<a href="/account/subscriptions">Your subscriptions</a>');
  });

  it('makes a token, shows its secret once, and the token works until it is revoked', async () => {
    const made = await post('/account/tokens', { name: 'Nightly sync', scope_read: 'on', expires_in_days: '30' });
    expect(made.statusCode).toBe(200);
    const secret = /<code class="secret" id="token-secret">([^<]+)<\/code>/.exec(made.body)?.[1];
    expect(secret).toBeTruthy();
    expect(made.body).toContain('The token “Nightly sync” is made.');
    const me = await app.inject({ url: '/api/v1/session', headers: { authorization: `Bearer ${secret}` } });
    expect(me.statusCode).toBe(200);

    const again = await get('/account');
    expect(again.body).not.toContain(secret);
    expect(again.body).toContain('<td>Nightly sync</td><td>Read</td>');
    const id = (await t.deps.catalog.accounts.listTokens(person.user.id)).find((k) => k.name === 'Nightly sync')!.id;
    const revoked = await post(`/account/tokens/${id}/revoke`, {});
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe('/account?revoked=1');
    expect((await get('/account?revoked=1')).body).toContain('The token is revoked');
    expect((await app.inject({ url: '/api/v1/session', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(401);
  });

  it('explains a refused token beside its fields, keeps what was typed, and makes nothing', async () => {
    const before = (await t.deps.catalog.accounts.listTokens(person.user.id)).length;
    const refused = await post('/account/tokens', { name: '', expires_in_days: '0' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Name the token after the program that will use it.');
    expect(refused.body).toContain('Give the token at least one scope.');
    expect(refused.body).toMatch(/id="field-name"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="field-name"/);
    expect(refused.body).toContain('value="0"');
    const forged = await post('/account/tokens', { name: 'Forged', scope_read: 'on', _csrf: 'wrong' });
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toContain('role="alert"');
    expect(forged.body).toContain('value="Forged"');
    expect((await t.deps.catalog.accounts.listTokens(person.user.id)).length).toBe(before);
  });

  it('speaks Spanish to a Spanish reader, rule messages included', async () => {
    const page = await post('/account/tokens', { name: '', scope_read: 'on' }, { 'accept-language': 'es' });
    expect(page.body).toContain('<html lang="es">');
    expect(page.body).toContain('<h1>Su cuenta</h1>');
    expect(page.body).toContain('Tokens de la API');
    expect(page.body).toContain('Póngale al token el nombre del programa que lo usará.');
  });
});
