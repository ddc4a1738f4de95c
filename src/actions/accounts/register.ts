import { z } from 'zod';
import type { User } from '../../domain/accounts/types.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { AppError } from '../../domain/errors.ts';
import type { Deps } from '../deps.ts';
import { sendVerificationLink } from './email-verification.ts';
import { emailField, nameField, newUser } from './fields.ts';
import { hashPassword, passwordRule, withPasswordNotEmail } from './password.ts';

export const registerFields = withPasswordNotEmail(z.object({ email: emailField, name: nameField, password: passwordRule }));

/** The answer when an email is taken; it says no more than that. */
export const EMAIL_TAKEN = 'An account with this email exists; sign in or reset your password.';

/**
 * Self-service sign-up: a resident's account, with no role in any
 * organization, and an email with the link that confirms its address.
 */
export async function register(deps: Deps, input: unknown): Promise<User> {
  const parsed = registerFields.safeParse(input);
  if (!parsed.success) throw invalidInput('The new account is', parsed.error);
  const { email, name, password } = parsed.data;
  if (await deps.catalog.accounts.findUserByEmail(email)) throw new AppError('conflict', EMAIL_TAKEN);
  const user = newUser(deps.newId(), deps.clock.now().toISOString(), { email, name, passwordHash: await hashPassword(password), emailVerifiedAt: null });
  try {
    await deps.catalog.accounts.createUser(user);
  } catch (e) {
    // Two sign-ups with one address at once: the database's unique email decides.
    if (await deps.catalog.accounts.findUserByEmail(email)) throw new AppError('conflict', EMAIL_TAKEN);
    throw e;
  }
  await sendVerificationLink(deps, user);
  return user;
}
