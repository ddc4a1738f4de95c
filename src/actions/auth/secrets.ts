import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret for a cookie, a token or a link: 192 bits, URL-safe, with an optional recognisable prefix. */
export const randomSecret = (prefix = ''): string => `${prefix}${randomBytes(24).toString('base64url')}`;

/** Secrets are stored as their SHA-256: a database leak reveals no usable token. */
export const sha256 = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
