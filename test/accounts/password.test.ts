import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dummyHash, hashPassword, passwordRule, passwordRuleFor, verifyPassword } from '../../src/actions/accounts/password.ts';

describe('password hashing', () => {
  it('stores scrypt$N$r$p$salt$hash with a 16-byte salt and a 32-byte key', async () => {
    const h = await hashPassword('correct horse battery');
    const [name, N, r, p, salt, key] = h.split('$');
    expect([name, N, r, p]).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(salt!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64url')).toHaveLength(32);
    expect(h).toMatch(/^[A-Za-z0-9$_-]+$/);
  });

  it('verifies the right password and only it', async () => {
    const h = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('correct horse batterY', h)).toBe(false);
    expect(await verifyPassword('', h)).toBe(false);
  });

  it('salts every hash', async () => {
    const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', b)).toBe(true);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const h = await hashPassword('caf\u00e9 au lait!');
    expect(await verifyPassword('cafe\u0301 au lait!', h)).toBe(true);
  });

  it('refuses hashes it cannot read, or whose cost is out of bounds, without throwing', async () => {
    const h = await hashPassword('correct horse battery');
    const parts = h.split('$');
    for (const bad of ['', 'plain', 'bcrypt$2b$10$abc', parts.slice(0, 5).join('$'), ['scrypt', 2 ** 24, 8, 1, parts[4], parts[5]].join('$'), ['scrypt', 1000, 8, 1, parts[4], parts[5]].join('$'), ['scrypt', 32768, 8, 1, '', parts[5]].join('$')]) {
      expect(await verifyPassword('correct horse battery', bad), bad).toBe(false);
    }
  });

  it('verifies hashes made with other costs, reading the cost from the hash', async () => {
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('correct horse battery', salt, 32, { N: 1024, r: 8, p: 1 });
    const h = ['scrypt', 1024, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('correct horse battery!', h)).toBe(false);
  });

  it('has a dummy hash for unknown accounts, made once', async () => {
    const a = await dummyHash();
    expect(a).toMatch(/^scrypt\$/);
    expect(await dummyHash()).toBe(a);
    expect(await verifyPassword('anything at all', a)).toBe(false);
  });
});

describe('password rule', () => {
  const messages = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) => (r.success ? [] : r.error!.issues.map((i) => i.message));

  it('wants 10 to 200 characters, not one character repeated, not the email', () => {
    expect(passwordRule.safeParse('correct horse').success).toBe(true);
    expect(messages(passwordRule.safeParse('short'))).toEqual(['The password must be at least 10 characters long.']);
    expect(messages(passwordRule.safeParse('x'.repeat(201)))).toContain('The password must be at most 200 characters long.');
    expect(messages(passwordRule.safeParse('aaaaaaaaaaaa'))).toEqual(['The password must not be one character repeated.']);
    expect(messages(passwordRule.safeParse('😀😀😀😀😀😀😀😀😀😀'))).toEqual(['The password must not be one character repeated.']);
    expect(messages(passwordRuleFor('Ana@Example.org').safeParse('ana@example.org'))).toEqual(['The password must not be your email address.']);
    expect(passwordRuleFor('ana@example.org').safeParse('ana@example.org!').success).toBe(true);
  });
});
