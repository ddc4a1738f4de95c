import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, makeUser, nextIp, signInHttp, startHarness, type Harness } from './support.ts';

let h: Harness;
let admin: Record<string, string>;
beforeAll(async () => {
  h = await startHarness();
  admin = bearer(h.t.token);
});
afterAll(() => h.close());

const outbox = () => h.t.deps.catalog.activity.dueMail('9999-12-31T23:59:59.999Z', 1000);

describe('account administration', () => {
  it('is for site administrators only', async () => {
    expect((await h.app.inject('/api/v1/users')).statusCode).toBe(401);
    await makeUser(h.t.deps, 'plain@example.org');
    const c = await signInHttp(h.app, 'plain@example.org');
    const res = await h.app.inject({ url: '/api/v1/users', headers: c.headers });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/users', headers: c.headers, payload: { email: 'x@example.org', name: 'X' } })).statusCode).toBe(403);
  });

  it('lists accounts without their secrets', async () => {
    const res = await h.app.inject({ url: '/api/v1/users?limit=500', headers: admin });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBeGreaterThanOrEqual(2);
    expect(body.results.map((u: { email: string }) => u.email)).toContain('admin@localhost');
    expect(res.body).not.toMatch(/scrypt|hash|csrf/i);
  });

  it('creates an account with a password, which can sign in', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { email: 'clerk@example.org', name: 'Clerk', password: 'clerk password 1' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ email: 'clerk@example.org', has_password: true, password_email_sent: false });
    await signInHttp(h.app, 'clerk@example.org', 'clerk password 1');
    const again = await h.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { email: 'clerk@example.org', name: 'Clerk' } });
    expect(again.statusCode).toBe(409);
  });

  it('creates an account without a password and emails a link to choose one', async () => {
    const before = (await outbox()).length;
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin, payload: { email: 'new.hire@example.org', name: 'New Hire', is_site_admin: true } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ is_site_admin: true, has_password: false, password_email_sent: true });
    const mail = (await outbox()).slice(before);
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ to: 'new.hire@example.org', subject: `Your ${h.t.deps.site.name} account` });
    const token = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(mail[0]!.text)![1]!;
    expect(mail[0]!.text).toContain('within 3 days');
    h.clock.advance(2 * 86_400_000);
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/password-reset/confirm', payload: { token, password: 'my own password' } })).statusCode).toBe(204);
    await signInHttp(h.app, 'new.hire@example.org', 'my own password');
  });

  it('changes, disables and enables accounts; a site administrator cannot demote or disable themselves', async () => {
    const u = await makeUser(h.t.deps, 'worker@example.org');
    const c = await signInHttp(h.app, 'worker@example.org');
    const renamed = await h.app.inject({ method: 'PATCH', url: `/api/v1/users/${u.id}`, headers: admin, payload: { name: 'Worker Bee', disabled: true } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Worker Bee', disabled: true });
    expect((await h.app.inject({ url: '/api/v1/session', headers: { cookie: c.cookie } })).json()).toEqual({ user: null });
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: nextIp(), payload: { email: 'worker@example.org', password: 'correct horse battery' } })).statusCode).toBe(403);
    await h.app.inject({ method: 'PATCH', url: `/api/v1/users/${u.id}`, headers: admin, payload: { disabled: false } });
    await signInHttp(h.app, 'worker@example.org');

    const self = h.t.admin.kind === 'user' ? h.t.admin.userId : '';
    const demote = await h.app.inject({ method: 'PATCH', url: `/api/v1/users/${self}`, headers: admin, payload: { is_site_admin: false } });
    expect(demote.statusCode).toBe(403);
    expect(demote.json().error.message).toContain('your own site administrator role');
    expect((await h.app.inject({ method: 'PATCH', url: `/api/v1/users/${self}`, headers: admin, payload: { disabled: true } })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'PATCH', url: '/api/v1/users/nobody', headers: admin, payload: { name: 'X' } })).statusCode).toBe(404);
  });
});

describe('organizations and members', () => {
  it('lets site administrators create organizations, with a slug from the name, and anyone read them', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin, payload: { name: 'Parks & Recreation', description: 'Green spaces.' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ slug: 'parks-recreation', name: 'Parks & Recreation', description: 'Green spaces.' });
    const taken = await h.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin, payload: { name: 'Parks and more', slug: 'parks-recreation' } });
    expect(taken.statusCode).toBe(409);
    const badSlug = await h.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin, payload: { name: 'X', slug: 'Not A Slug' } });
    expect(badSlug.statusCode).toBe(400);

    expect((await h.app.inject('/api/v1/organizations/parks-recreation')).json()).toMatchObject({ name: 'Parks & Recreation' });
    expect((await h.app.inject('/api/v1/organizations')).json().results.map((o: { slug: string }) => o.slug)).toContain('parks-recreation');
    expect((await h.app.inject('/api/v1/organizations/nope')).statusCode).toBe(404);

    await makeUser(h.t.deps, 'resident@example.org');
    const c = await signInHttp(h.app, 'resident@example.org');
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: c.headers, payload: { name: 'Mine' } })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'POST', url: '/api/v1/organizations', payload: { name: 'Mine' } })).statusCode).toBe(401);
  });

  it('manages members by email and role, shows them to members only, and keeps an admin', async () => {
    await h.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin, payload: { name: 'Transportation', slug: 'transport' } });
    const lead = await makeUser(h.t.deps, 'lead@example.org', 'Lead');
    const ed = await makeUser(h.t.deps, 'ed@example.org', 'Ed');
    await makeUser(h.t.deps, 'outsider@example.org');
    const put = (headers: Record<string, string>, email: string, role: string) => h.app.inject({ method: 'PUT', url: '/api/v1/organizations/transport/members', headers, payload: { email, role } });

    const added = await put(admin, 'lead@example.org', 'admin');
    expect(added.statusCode).toBe(200);
    expect(added.json()).toMatchObject({ user_id: lead.id, email: 'lead@example.org', role: 'admin' });
    expect((await put(admin, 'missing@example.org', 'viewer')).statusCode).toBe(404);
    expect((await put(admin, 'ed@example.org', 'owner')).statusCode).toBe(400);

    const leadC = await signInHttp(h.app, 'lead@example.org');
    expect((await put(leadC.headers, 'ed@example.org', 'editor')).json()).toMatchObject({ role: 'editor' });
    const who = await h.app.inject({ url: '/api/v1/session', headers: { cookie: leadC.cookie } });
    expect(who.json().roles).toEqual({ transport: 'admin' });

    // The org admin edits the organization; an editor may not, nor manage members.
    const patched = await h.app.inject({ method: 'PATCH', url: '/api/v1/organizations/transport', headers: leadC.headers, payload: { description: 'Streets, transit, bikes.' } });
    expect(patched.json()).toMatchObject({ slug: 'transport', description: 'Streets, transit, bikes.' });
    const edC = await signInHttp(h.app, 'ed@example.org');
    expect((await h.app.inject({ method: 'PATCH', url: '/api/v1/organizations/transport', headers: edC.headers, payload: { name: 'Mine now' } })).statusCode).toBe(403);
    expect((await put(edC.headers, 'outsider@example.org', 'viewer')).statusCode).toBe(403);

    // Members see the list; others do not.
    const list = await h.app.inject({ url: '/api/v1/organizations/transport/members', headers: { cookie: edC.cookie } });
    expect(list.json().results.map((m: { email: string; role: string }) => `${m.email}:${m.role}`)).toEqual(['ed@example.org:editor', 'lead@example.org:admin']);
    expect(list.body).not.toMatch(/hash|csrf/i);
    const outC = await signInHttp(h.app, 'outsider@example.org');
    expect((await h.app.inject({ url: '/api/v1/organizations/transport/members', headers: { cookie: outC.cookie } })).statusCode).toBe(403);
    expect((await h.app.inject('/api/v1/organizations/transport/members')).statusCode).toBe(401);

    // The last admin cannot step down or leave; with a second admin they can.
    const stepDown = await put(leadC.headers, 'lead@example.org', 'editor');
    expect(stepDown.statusCode).toBe(409);
    expect(stepDown.json().error.message).toContain('last admin');
    const leave = await h.app.inject({ method: 'DELETE', url: `/api/v1/organizations/transport/members/${lead.id}`, headers: leadC.headers });
    expect(leave.statusCode).toBe(409);
    await put(leadC.headers, 'ed@example.org', 'admin');
    expect((await h.app.inject({ method: 'DELETE', url: `/api/v1/organizations/transport/members/${ed.id}`, headers: leadC.headers })).statusCode).toBe(204);
    expect((await h.app.inject({ method: 'DELETE', url: `/api/v1/organizations/transport/members/${ed.id}`, headers: leadC.headers })).statusCode).toBe(404);
    // A site administrator may still change anything.
    expect((await put(admin, 'lead@example.org', 'viewer')).statusCode).toBe(200);

    const org = (await h.app.inject('/api/v1/organizations/transport')).json();
    const activity = await h.t.deps.catalog.activity.listActivity({ organizationId: org.id, visibility: { all: true }, limit: 50 });
    expect(activity.map((a) => a.verb).reverse()).toEqual([
      'organization.created', 'member.added', 'member.added', 'organization.updated', 'member.added', 'member.removed', 'member.added',
    ]);
    expect(activity[0]!.summary).toBe('changed the role of Lead in Transportation from admin to viewer');
  });
});
