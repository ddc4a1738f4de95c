import { z } from 'zod';
import type { UserPrincipal } from '../../domain/accounts/principal.ts';
import type { Role, User } from '../../domain/accounts/types.ts';
import type { Organization } from '../../domain/catalog/types.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { AppError, notFound } from '../../domain/errors.ts';
import { requireUser } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { nameField } from './fields.ts';
import { hashPassword, passwordRuleFor, verifyPassword } from './password.ts';
import { prefix } from './password-reset.ts';

export interface AccountView {
  user: User;
  /** The organizations the person belongs to, with their role in each. */
  memberships: Array<{ organization: Organization; role: Role }>;
}

/** The signed-in person's account and memberships. */
export async function getAccount(deps: Deps, p: Principal): Promise<AccountView> {
  requireUser(p, 'Seeing your account');
  const user = await deps.catalog.accounts.getUser(p.userId);
  if (!user) throw notFound('Account', p.userId);
  const memberships = await deps.catalog.accounts.listMemberships(user.id);
  const orgs = await Promise.all(memberships.map(async (m) => ({ organization: await deps.catalog.datasets.getOrganization(m.organizationId), role: m.role })));
  return { user, memberships: orgs.filter((m): m is AccountView['memberships'][number] => m.organization !== undefined) };
}

/** A token acts for its owner only within its scopes; a session may do all its owner may. */
function needScope(p: UserPrincipal, scope: 'write' | 'admin', doing: string): void {
  if (!p.scopes.includes(scope)) throw new AppError('forbidden', `${doing} needs a session or a token with the ${scope} scope.`);
}

export const accountPatchFields = z.object({ name: nameField.optional() });

/** Changes the signed-in person's own details (their name). */
export async function updateAccount(deps: Deps, p: Principal, input: unknown): Promise<AccountView> {
  requireUser(p, 'Changing your account');
  needScope(p, 'write', 'Changing your account');
  const parsed = accountPatchFields.safeParse(input);
  if (!parsed.success) throw invalidInput('The account change is', parsed.error);
  if (parsed.data.name !== undefined) await deps.catalog.accounts.updateUser(p.userId, { name: parsed.data.name });
  return getAccount(deps, p);
}

export const passwordChangeFields = z.object({
  current_password: z.string({ message: 'Enter your current password.' }).min(1, 'Enter your current password.').max(1000),
  new_password: z.string({ message: 'Enter a new password.' }),
});

/**
 * Changes the signed-in person's password; the current one is needed. Every
 * other session of the account ends; `keepSessionId` (the session making the
 * change, if any) stays signed in.
 */
export async function changePassword(deps: Deps, p: Principal, input: unknown, keepSessionId?: string): Promise<void> {
  requireUser(p, 'Changing your password');
  needScope(p, 'admin', 'Changing your password');
  const parsed = passwordChangeFields.safeParse(input);
  if (!parsed.success) throw invalidInput('The password change is', parsed.error);
  const user = await deps.catalog.accounts.getUser(p.userId);
  if (!user) throw notFound('Account', p.userId);
  if (!user.passwordHash || !(await verifyPassword(parsed.data.current_password, user.passwordHash))) {
    throw new AppError('bad_credentials', 'The current password is not right.', { field: 'current_password' });
  }
  const next = passwordRuleFor(user.email).safeParse(parsed.data.new_password);
  if (!next.success) throw invalidInput('The new password is', prefix(next.error, 'new_password'));
  const passwordHash = await hashPassword(next.data);
  await deps.catalog.transaction(async (tx) => {
    const keep = keepSessionId ? await tx.accounts.getSession(keepSessionId) : undefined;
    await tx.accounts.updateUser(user.id, { passwordHash, failedSignIns: 0, lockedUntil: null });
    await tx.accounts.deleteUserSessions(user.id);
    if (keep && keep.userId === user.id) await tx.accounts.createSession(keep);
  });
}
