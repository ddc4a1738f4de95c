import { z } from 'zod';
import { isSiteAdmin } from '../../domain/accounts/policy.ts';
import type { UserPrincipal } from '../../domain/accounts/principal.ts';
import type { User } from '../../domain/accounts/types.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { deny } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { emailField, nameField, newUser } from './fields.ts';
import { hashPassword, isEmailPassword, passwordRule } from './password.ts';
import { sendPasswordLink } from './password-reset.ts';

function requireSiteAdmin(p: Principal, doing: string): asserts p is UserPrincipal {
  if (!isSiteAdmin(p)) deny(p, `${doing} is for site administrators (with a session or an admin-scoped token).`);
}

export const userListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Every account, by email. Site administrators only. */
export async function listUsers(deps: Deps, p: Principal, query: unknown): Promise<{ total: number; results: User[] }> {
  requireSiteAdmin(p, 'Listing accounts');
  const parsed = userListQuery.safeParse(query ?? {});
  if (!parsed.success) throw invalidInput('The query is', parsed.error);
  return deps.catalog.accounts.listUsers(parsed.data);
}

export const newUserFields = z
  .object({
    email: emailField,
    name: nameField,
    password: passwordRule.optional(),
    is_site_admin: z.boolean().default(false),
    is_moderator: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.password !== undefined && isEmailPassword(v.password, v.email)) ctx.addIssue({ code: 'custom', path: ['password'], message: 'The password must not be the email address.' });
  });

/**
 * Creates an account for someone. Without a password, they are emailed a
 * link to choose one (valid for three days). Site administrators only.
 */
export async function createUser(deps: Deps, p: Principal, input: unknown): Promise<{ user: User; emailed: boolean }> {
  requireSiteAdmin(p, 'Creating accounts');
  const parsed = newUserFields.safeParse(input);
  if (!parsed.success) throw invalidInput('The new account is', parsed.error);
  const { email, name, password, is_site_admin, is_moderator } = parsed.data;
  if (await deps.catalog.accounts.findUserByEmail(email)) throw new AppError('conflict', `An account with the email ${email} exists already.`, { email });
  const passwordHash = password === undefined ? null : await hashPassword(password);
  const user = newUser(deps.newId(), deps.clock.now().toISOString(), { email, name, passwordHash, isSiteAdmin: is_site_admin, isModerator: is_moderator });
  await deps.catalog.accounts.createUser(user);
  if (passwordHash === null) await sendPasswordLink(deps, user, 'welcome');
  return { user, emailed: passwordHash === null };
}

export const userPatchFields = z.object({
  name: nameField.optional(),
  is_site_admin: z.boolean().optional(),
  is_moderator: z.boolean().optional(),
  disabled: z.boolean().optional(),
});

/**
 * Changes someone's name, site administrator or moderator flag, or disabled state. A site
 * administrator cannot take away their own flag or disable themselves, so
 * the site always keeps one. Disabling an account ends its sessions.
 */
export async function updateUser(deps: Deps, p: Principal, id: string, input: unknown): Promise<User> {
  requireSiteAdmin(p, 'Changing accounts');
  const parsed = userPatchFields.safeParse(input);
  if (!parsed.success) throw invalidInput('The account change is', parsed.error);
  const patch = parsed.data;
  const user = await deps.catalog.accounts.getUser(id);
  if (!user) throw notFound('Account', id);
  if (user.id === p.userId && patch.is_site_admin === false) throw new AppError('forbidden', 'You cannot remove your own site administrator role; ask another site administrator.');
  if (user.id === p.userId && patch.disabled === true) throw new AppError('forbidden', 'You cannot disable your own account; ask another site administrator.');
  await deps.catalog.transaction(async (tx) => {
    await tx.accounts.updateUser(id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.is_site_admin !== undefined ? { isSiteAdmin: patch.is_site_admin } : {}),
      ...(patch.is_moderator !== undefined ? { isModerator: patch.is_moderator } : {}),
      ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
    });
    if (patch.disabled === true) await tx.accounts.deleteUserSessions(id);
  });
  return (await deps.catalog.accounts.getUser(id)) as User;
}
