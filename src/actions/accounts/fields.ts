import { z } from 'zod';
import type { User } from '../../domain/accounts/types.ts';

/** An email address, trimmed and lowercased. */
export const emailField = z
  .string({ message: 'Enter an email address.' })
  .trim()
  .toLowerCase()
  .max(254, 'The email address is too long.')
  .pipe(z.email({ message: 'Enter an email address like name@example.org.' }));

/** An address to look an account up by: looser than `emailField`, so `admin@localhost` is found. */
export const lookupEmailField = z
  .string({ message: 'Enter an email address.' })
  .trim()
  .toLowerCase()
  .max(254, 'The email address is too long.')
  .regex(/^[^\s@]+@[^\s@]+$/, 'Enter an email address like name@example.org.');

/** A person's name as shown to others. */
export const nameField = z.string({ message: 'Enter a name.' }).trim().min(1, 'Enter a name.').max(100, 'The name must be at most 100 characters long.');

/** A new account with no roles, not locked, not yet signed in; its address counts as confirmed unless `emailVerifiedAt` is null. */
export function newUser(id: string, now: string, fields: { email: string; name: string; passwordHash: string | null; isSiteAdmin?: boolean; isModerator?: boolean; emailVerifiedAt?: string | null }): User {
  return {
    id,
    email: fields.email,
    name: fields.name,
    passwordHash: fields.passwordHash,
    isSiteAdmin: fields.isSiteAdmin ?? false,
    isModerator: fields.isModerator ?? false,
    failedSignIns: 0,
    lockedUntil: null,
    disabled: false,
    createdAt: now,
    lastSignInAt: null,
    // Confirmed from creation unless the caller says otherwise (self sign-up does).
    emailVerifiedAt: fields.emailVerifiedAt === undefined ? now : fields.emailVerifiedAt,
  };
}
