import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/actions/accounts/password.ts';
import { buildApp } from '../../src/http/app.ts';
import { makePerson } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

let t: TestPlaza;
let app: FastifyInstance;

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'T', baseUrl: 'http://x' }, { logLevel: 'silent' });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

async function cookieOf(opts: Parameters<typeof makePerson>[1]): Promise<string> {
  const p = await makePerson(t, opts);
  await t.deps.catalog.accounts.updateUser(p.user.id, { passwordHash: await hashPassword('a long enough password') });
  const r = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { email: p.user.email, password: 'a long enough password' } });
  return String(r.headers['set-cookie']).split(';')[0]!;
}

const nav = async (cookie?: string) => /<nav aria-label="Site">(.*?)<\/nav>/s.exec((await app.inject({ url: '/datasets', headers: cookie ? { cookie } : {} })).body)?.[1] ?? '';

describe('the site header', () => {
  it('offers what each person may do: sign in, publish, settings', async () => {
    const org = { id: 'org-header', slug: 'header-department', name: 'Header Department', description: '', createdAt: new Date().toISOString() };
    await t.deps.catalog.datasets.createOrganization(org);
    expect(await nav()).toContain('href="/sign-in"');
    const resident = await nav(await cookieOf({ name: 'Resident' }));
    expect(resident).toContain('Resident');
    expect(resident).not.toContain('href="/publish"');
    const editor = await nav(await cookieOf({ name: 'Editor', roles: { [org.id]: 'editor' } }));
    expect(editor).toContain('href="/publish"');
    expect(editor).not.toContain('href="/admin/settings"');
    const viewer = await nav(await cookieOf({ name: 'Viewer', roles: { [org.id]: 'viewer' } }));
    expect(viewer).not.toContain('href="/publish"');
    const admin = await nav(await cookieOf({ name: 'Admin', siteAdmin: true }));
    expect(admin).toContain('href="/publish"');
    expect(admin).toContain('href="/admin/settings"');
  });
});
