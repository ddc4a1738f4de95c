import { describe, expect, it } from 'vitest';
import type { Principal } from '../../src/domain/accounts/principal.ts';
import { canReviewShowcase, canSeeShowcase, canSubmitShowcase } from '../../src/domain/community/showcase-policy.ts';
import { showcaseFields } from '../../src/domain/community/showcases.ts';

const user = (over: Partial<Extract<Principal, { kind: 'user' }>> = {}): Principal => ({
  kind: 'user', userId: 'u1', name: 'Ana', email: 'a@x.test', isSiteAdmin: false, isModerator: false, emailVerified: true, roles: {}, via: 'session', scopes: ['read', 'write'], tokenId: null, ...over,
});
const good = { title: 'Pantry finder', kind: 'app', description: 'Finds the nearest food pantry.', link: 'https://example.org/app', madeBy: 'Code for Town', datasets: 'food-pantries' };

describe('showcase input', () => {
  it('accepts a good one and lists its datasets', () => {
    const r = showcaseFields.parse(good);
    expect(r.datasets).toEqual(['food-pantries']);
    expect(r.imageAlt).toBe('');
  });
  it.each(['javascript:alert(1)', 'ftp://x.org/a', 'example.org', 'data:text/html,hi'])('refuses the link %s', (link) => {
    const r = showcaseFields.safeParse({ ...good, link });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/http/);
  });
  it('refuses an unknown kind, overlong title, no datasets', () => {
    expect(showcaseFields.safeParse({ ...good, kind: 'game' }).success).toBe(false);
    expect(showcaseFields.safeParse({ ...good, title: 'x'.repeat(151) }).success).toBe(false);
    expect(showcaseFields.safeParse({ ...good, datasets: [] }).success).toBe(false);
    expect(showcaseFields.safeParse({ ...good, datasets: ['a', ' a ', ''] }).data?.datasets).toEqual(['a']);
  });
});

describe('showcase policy', () => {
  const pending = { state: 'pending' as const, authorId: 'u1' };
  it('lets anyone signed in submit, moderators review', () => {
    expect(canSubmitShowcase({ kind: 'anonymous' })).toBe(false);
    expect(canSubmitShowcase(user())).toBe(true);
    expect(canSubmitShowcase(user({ scopes: ['read'] }))).toBe(false);
    expect(canReviewShowcase(user())).toBe(false);
    expect(canReviewShowcase(user({ isModerator: true }))).toBe(true);
  });
  it('shows a pending one to its author and moderators only', () => {
    expect(canSeeShowcase({ kind: 'anonymous' }, pending)).toBe(false);
    expect(canSeeShowcase(user({ userId: 'u2' }), pending)).toBe(false);
    expect(canSeeShowcase(user(), pending)).toBe(true);
    expect(canSeeShowcase(user({ userId: 'u2', isModerator: true }), pending)).toBe(true);
    expect(canSeeShowcase({ kind: 'anonymous' }, { ...pending, state: 'approved' })).toBe(true);
  });
});
