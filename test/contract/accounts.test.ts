import { expect, it } from 'vitest';
import { at, membership, organization, passwordReset, session, token, user } from './factories.ts';
import { describeStores } from './harness.ts';

describeStores('users', (store) => {
  it('stores the email lowercased and finds it whatever its case', async () => {
    const u = user({ id: 'u1', email: 'Ana.Lopez@City.Example', isSiteAdmin: true, lockedUntil: at(5), lastSignInAt: at(4), failedSignIns: 2 });
    await store().accounts.createUser(u);
    const stored = { ...u, email: 'ana.lopez@city.example' };
    expect(await store().accounts.getUser('u1')).toEqual(stored);
    expect(await store().accounts.findUserByEmail('ANA.LOPEZ@city.example')).toEqual(stored);
    expect(await store().accounts.findUserByEmail('  ana.lopez@city.example ')).toEqual(stored);
    expect(await store().accounts.findUserByEmail('nobody@city.example')).toBeUndefined();
    expect(await store().accounts.getUser('missing')).toBeUndefined();
  });

  it('rejects a second account with the same email in another case', async () => {
    await store().accounts.createUser(user({ email: 'ana@city.example' }));
    await expect(store().accounts.createUser(user({ email: 'ANA@city.example' }))).rejects.toThrow();
    expect(await store().accounts.countUsers()).toBe(1);
  });

  it('updates flags, counters and instants', async () => {
    const u = user({ passwordHash: null });
    await store().accounts.createUser(u);
    await store().accounts.updateUser(u.id, { isSiteAdmin: true, disabled: true, failedSignIns: 3, lockedUntil: at(10) });
    expect(await store().accounts.getUser(u.id)).toEqual({ ...u, isSiteAdmin: true, disabled: true, failedSignIns: 3, lockedUntil: at(10) });
    await store().accounts.updateUser(u.id, { disabled: false, failedSignIns: 0, lockedUntil: null, lastSignInAt: at(11), name: 'Ana', passwordHash: 'scrypt$new' });
    expect(await store().accounts.getUser(u.id)).toEqual({ ...u, isSiteAdmin: true, disabled: false, failedSignIns: 0, lockedUntil: null, lastSignInAt: at(11), name: 'Ana', passwordHash: 'scrypt$new' });
  });

  it('lists users by email, a page at a time, with the total', async () => {
    for (const email of ['carol@city.example', 'alice@city.example', 'bob@city.example']) await store().accounts.createUser(user({ email }));
    const page = await store().accounts.listUsers({ limit: 2, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.results.map((u) => u.email)).toEqual(['bob@city.example', 'carol@city.example']);
    expect(await store().accounts.countUsers()).toBe(3);
  });
});

describeStores('memberships', (store) => {
  it('adds, changes, lists and removes memberships', async () => {
    const [parks, water] = [organization(), organization()];
    await store().datasets.createOrganization(parks);
    await store().datasets.createOrganization(water);
    const [ana, ben] = [user({ email: 'ana@city.example' }), user({ email: 'ben@city.example' })];
    await store().accounts.createUser(ana);
    await store().accounts.createUser(ben);
    await store().accounts.putMembership(membership(parks.id, ana.id, { role: 'viewer', createdAt: at(1) }));
    await store().accounts.putMembership(membership(parks.id, ana.id, { role: 'admin', createdAt: at(9) }));
    await store().accounts.putMembership(membership(parks.id, ben.id, { role: 'editor', createdAt: at(2) }));
    await store().accounts.putMembership(membership(water.id, ana.id, { createdAt: at(3) }));

    // The upsert changes the role and keeps when the membership began.
    expect(await store().accounts.listMembers(parks.id)).toEqual([
      { organizationId: parks.id, userId: ana.id, role: 'admin', createdAt: at(1), user: ana },
      { organizationId: parks.id, userId: ben.id, role: 'editor', createdAt: at(2), user: ben },
    ]);
    const anas = await store().accounts.listMemberships(ana.id);
    expect(anas.sort((a, b) => a.createdAt.localeCompare(b.createdAt))).toEqual([
      { organizationId: parks.id, userId: ana.id, role: 'admin', createdAt: at(1) },
      { organizationId: water.id, userId: ana.id, role: 'viewer', createdAt: at(3) },
    ]);
    await store().accounts.removeMembership(parks.id, ana.id);
    expect((await store().accounts.listMembers(parks.id)).map((m) => m.userId)).toEqual([ben.id]);
    expect((await store().accounts.listMemberships(ana.id)).map((m) => m.organizationId)).toEqual([water.id]);
  });
});

describeStores('sessions', (store) => {
  it('creates, touches and deletes sessions, one or all of a user', async () => {
    const u = user();
    await store().accounts.createUser(u);
    const [s1, s2] = [session(u.id), session(u.id)];
    await store().accounts.createSession(s1);
    await store().accounts.createSession(s2);
    expect(await store().accounts.getSession(s1.id)).toEqual(s1);
    await store().accounts.touchSession(s1.id, at(20), at(80));
    expect(await store().accounts.getSession(s1.id)).toEqual({ ...s1, lastSeenAt: at(20), expiresAt: at(80) });
    await store().accounts.deleteSession(s1.id);
    expect(await store().accounts.getSession(s1.id)).toBeUndefined();
    expect(await store().accounts.getSession(s2.id)).toEqual(s2);
    await store().accounts.createSession(s1);
    await store().accounts.deleteUserSessions(u.id);
    expect(await store().accounts.getSession(s1.id)).toBeUndefined();
    expect(await store().accounts.getSession(s2.id)).toBeUndefined();
  });

  it('purges expired sessions and reset links, and keeps live ones', async () => {
    const u = user();
    await store().accounts.createUser(u);
    const [gone, live] = [session(u.id, { expiresAt: at(10) }), session(u.id, { expiresAt: at(100) })];
    const [oldReset, newReset] = [passwordReset(u.id, { expiresAt: at(5) }), passwordReset(u.id, { expiresAt: at(200) })];
    for (const s of [gone, live]) await store().accounts.createSession(s);
    for (const r of [oldReset, newReset]) await store().accounts.createPasswordReset(r);
    expect(await store().accounts.purgeExpired(at(50))).toBe(2);
    expect(await store().accounts.getSession(gone.id)).toBeUndefined();
    expect(await store().accounts.getSession(live.id)).toEqual(live);
    expect(await store().accounts.findPasswordReset(oldReset.tokenHash)).toBeUndefined();
    expect(await store().accounts.findPasswordReset(newReset.tokenHash)).toEqual(newReset);
    expect(await store().accounts.purgeExpired(at(50))).toBe(0);
  });
});

describeStores('API tokens', (store) => {
  it('stores scopes, finds by hash, lists newest first, revokes once, touches and counts', async () => {
    const [u, other] = [user(), user()];
    await store().accounts.createUser(u);
    await store().accounts.createUser(other);
    const old = token(u.id, { scopes: ['read'], createdAt: at(1) });
    const fresh = token(u.id, { scopes: ['read', 'write', 'admin'], createdAt: at(2), expiresAt: at(100) });
    for (const t of [old, fresh, token(other.id)]) await store().accounts.createToken(t);
    expect(await store().accounts.findTokenByHash(fresh.tokenHash)).toEqual(fresh);
    expect(await store().accounts.getToken(old.id)).toEqual(old);
    expect(await store().accounts.findTokenByHash('nope')).toBeUndefined();
    expect(await store().accounts.listTokens(u.id)).toEqual([fresh, old]);

    await store().accounts.revokeToken(old.id, at(5));
    await store().accounts.revokeToken(old.id, at(6));
    await store().accounts.touchToken(fresh.id, at(7));
    expect(await store().accounts.getToken(old.id)).toEqual({ ...old, revokedAt: at(5) });
    expect(await store().accounts.getToken(fresh.id)).toEqual({ ...fresh, lastUsedAt: at(7) });
    expect(await store().accounts.countTokens()).toBe(3);
  });

  it('rejects a token whose hash is already stored', async () => {
    const u = user();
    await store().accounts.createUser(u);
    await store().accounts.createToken(token(u.id, { tokenHash: 'same' }));
    await expect(store().accounts.createToken(token(u.id, { tokenHash: 'same' }))).rejects.toThrow();
    expect(await store().accounts.countTokens()).toBe(1);
  });
});

describeStores('password resets', (store) => {
  it('creates, finds and uses a reset', async () => {
    const u = user();
    await store().accounts.createUser(u);
    const r = passwordReset(u.id);
    await store().accounts.createPasswordReset(r);
    expect(await store().accounts.findPasswordReset(r.tokenHash)).toEqual(r);
    await store().accounts.usePasswordReset(r.tokenHash, at(3));
    expect(await store().accounts.findPasswordReset(r.tokenHash)).toEqual({ ...r, usedAt: at(3) });
    expect(await store().accounts.findPasswordReset('unknown')).toBeUndefined();
  });
});
