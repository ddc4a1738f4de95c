import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { EmailVerification } from '../../src/domain/accounts/types.ts';
import { at, user } from './factories.ts';
import { describeStores } from './harness.ts';

const link = (userId: string, email: string, v: Partial<EmailVerification> = {}): EmailVerification => ({ tokenHash: randomUUID(), userId, email, createdAt: at(1), expiresAt: at(60), usedAt: null, ...v });

describeStores('email verification', (store) => {
  it('keeps an account created without a confirmation date as confirmed from its creation, and one created with null as unconfirmed', async () => {
    const { emailVerifiedAt: _, ...vouched } = user({ createdAt: at(2) });
    const signedUp = user({ emailVerifiedAt: null });
    await store().accounts.createUser(vouched);
    await store().accounts.createUser(signedUp);
    expect((await store().accounts.getUser(vouched.id))?.emailVerifiedAt).toBe(at(2));
    expect((await store().accounts.getUser(signedUp.id))?.emailVerifiedAt).toBeNull();
  });

  it('stores a link, uses it once, confirms the address, and counts links per account since a time', async () => {
    const [u, other] = [user({ emailVerifiedAt: null }), user({ emailVerifiedAt: null })];
    for (const x of [u, other]) await store().accounts.createUser(x);
    const [first, second] = [link(u.id, u.email, { createdAt: at(1) }), link(u.id, u.email, { createdAt: at(5) })];
    for (const v of [first, second, link(other.id, other.email, { createdAt: at(6) })]) await store().accounts.createEmailVerification(v);
    expect(await store().accounts.findEmailVerification(first.tokenHash)).toEqual(first);
    expect(await store().accounts.findEmailVerification('unknown')).toBeUndefined();
    expect(await store().accounts.countEmailVerifications(u.id, at(0))).toBe(2);
    expect(await store().accounts.countEmailVerifications(u.id, at(3))).toBe(1);

    expect(await store().accounts.useEmailVerification(second.tokenHash, at(7))).toBe(true);
    expect(await store().accounts.findEmailVerification(second.tokenHash)).toEqual({ ...second, usedAt: at(7) });
    expect((await store().accounts.getUser(u.id))?.emailVerifiedAt).toBe(at(7));
    expect((await store().accounts.getUser(other.id))?.emailVerifiedAt).toBeNull();

    expect(await store().accounts.useEmailVerification(second.tokenHash, at(8))).toBe(false);
    expect(await store().accounts.findEmailVerification(second.tokenHash)).toEqual({ ...second, usedAt: at(7) });
    // A second link confirms nothing new: the first confirmation date stays.
    expect(await store().accounts.useEmailVerification(first.tokenHash, at(9))).toBe(true);
    expect((await store().accounts.getUser(u.id))?.emailVerifiedAt).toBe(at(7));
  });

  it('lets one of two uses of a link at once win', async () => {
    const u = user({ emailVerifiedAt: null });
    await store().accounts.createUser(u);
    const v = link(u.id, u.email);
    await store().accounts.createEmailVerification(v);
    const outcomes = await Promise.all([store().accounts.useEmailVerification(v.tokenHash, at(3)), store().accounts.useEmailVerification(v.tokenHash, at(4))]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
  });

  it('confirms nothing when the link is for an address the account no longer has', async () => {
    const u = user({ emailVerifiedAt: null });
    await store().accounts.createUser(u);
    const v = link(u.id, 'old-address@city.example');
    await store().accounts.createEmailVerification(v);
    expect(await store().accounts.useEmailVerification(v.tokenHash, at(3))).toBe(true);
    expect((await store().accounts.getUser(u.id))?.emailVerifiedAt).toBeNull();
  });

  it('sets and clears the confirmation date through updateUser, and purges expired links', async () => {
    const u = user({ emailVerifiedAt: null });
    await store().accounts.createUser(u);
    await store().accounts.updateUser(u.id, { emailVerifiedAt: at(4) });
    expect((await store().accounts.getUser(u.id))?.emailVerifiedAt).toBe(at(4));
    await store().accounts.updateUser(u.id, { emailVerifiedAt: null });
    expect((await store().accounts.getUser(u.id))?.emailVerifiedAt).toBeNull();
    const [old, live] = [link(u.id, u.email, { expiresAt: at(5) }), link(u.id, u.email, { expiresAt: at(100) })];
    for (const v of [old, live]) await store().accounts.createEmailVerification(v);
    expect(await store().accounts.purgeExpired(at(50))).toBe(1);
    expect(await store().accounts.findEmailVerification(old.tokenHash)).toBeUndefined();
    expect(await store().accounts.findEmailVerification(live.tokenHash)).toEqual(live);
  });
});
