import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

/**
 * Password hashing with scrypt (N = 2^15, r = 8, p = 1, a 16-byte salt and a
 * 32-byte key). A hash is stored as `scrypt$N$r$p$salt$key`, salt and key in
 * base64url, so hashes made with other costs still verify after the costs change.
 */

const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** The most a stored cost may ask for, so a tampered hash cannot make a sign-in use gigabytes. */
const MAX_N = 2 ** 20;

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  // scrypt needs 128 · N · r bytes; Node refuses above `maxmem` (32 MiB by default, exactly this cost).
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST.N, COST.r, COST.p, KEY_BYTES);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when the password matches the stored hash; false for a wrong password or a hash that cannot be read. Compares in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > MAX_N || (N & (N - 1)) !== 0 || r > 32 || p > 16) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const expected = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length === 0 || expected.length < 16) return false;
  const key = await derive(password, salt, N, r, p, expected.length);
  return timingSafeEqual(key, expected);
}

let dummy: Promise<string> | undefined;

/**
 * A hash of a random password, made once. Sign-in checks a password against it
 * when there is no account, so an unknown email takes as long as a wrong password.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

/** What a new password must be: 10 to 200 characters, not one character repeated. */
export const passwordRule = z
  .string({ message: 'Enter a password.' })
  .min(PASSWORD_MIN, `The password must be at least ${PASSWORD_MIN} characters long.`)
  .max(PASSWORD_MAX, `The password must be at most ${PASSWORD_MAX} characters long.`)
  .refine((s) => new Set(Array.from(s)).size > 1, 'The password must not be one character repeated.');

const SAME_AS_EMAIL = 'The password must not be your email address.';

/** True when the password is the email address (ignoring case and surrounding spaces). */
export const isEmailPassword = (password: string, email: string): boolean => password.trim().toLowerCase() === email.trim().toLowerCase();

/** The password rule for one account: also not its email address. */
export const passwordRuleFor = (email: string) => passwordRule.refine((pw) => !isEmailPassword(pw, email), SAME_AS_EMAIL);

/** Adds the "not the email" check to an object schema with `email` and `password` fields, reported on `password`. */
export function withPasswordNotEmail<T extends z.ZodType<{ email: string; password: string }>>(schema: T) {
  return schema.superRefine((v, ctx) => {
    if (isEmailPassword(v.password, v.email)) ctx.addIssue({ code: 'custom', path: ['password'], message: SAME_AS_EMAIL });
  });
}
