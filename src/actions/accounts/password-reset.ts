import { escapeHtml } from '../../domain/notify/html.ts';
import { z } from 'zod';
import type { PasswordReset, User } from '../../domain/accounts/types.ts';
import { invalidInput } from '../../domain/catalog/schemas.ts';
import { AppError } from '../../domain/errors.ts';
import { randomSecret, sha256 } from '../auth/secrets.ts';
import type { Deps } from '../deps.ts';
import { lookupEmailField } from './fields.ts';
import { hashPassword, passwordRuleFor } from './password.ts';

const MINUTE_MS = 60 * 1000;
/** How long a reset link works. */
export const RESET_MINUTES = 60;
/** How long the link in a new account's welcome email works. */
export const WELCOME_DAYS = 3;
/** Reset emails one account may be sent per hour. */
export const MAX_RESETS_PER_HOUR = 3;

export type LinkKind = 'reset' | 'welcome';


function compose(deps: Deps, user: User, link: string, kind: LinkKind): { subject: string; text: string; html: string } {
  const site = deps.site.name;
  const greeting = `Hello ${user.name},`;
  const [subject, intro, validity] =
    kind === 'welcome'
      ? [`Your ${site} account`, `A site administrator created an account for you on ${site}, for ${user.email}. To choose your password, open this link within ${WELCOME_DAYS} days:`, 'The link works once. When it has run out, use "Forgot your password?" on the sign-in page to get a new one.']
      : [`Reset your ${site} password`, `Someone, we hope you, asked to reset the password of your ${site} account (${user.email}). To choose a new password, open this link within ${RESET_MINUTES} minutes:`, 'The link works once. If you did not ask for this, ignore this email: your password stays as it is.'];
  const text = `${greeting}\n\n${intro}\n\n${link}\n\n${validity}\n\n${site}\n`;
  const html = `<p>${escapeHtml(greeting)}</p>\n<p>${escapeHtml(intro)}</p>\n<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>\n<p>${escapeHtml(validity)}</p>\n<p>${escapeHtml(site)}</p>\n`;
  return { subject, text, html };
}

/**
 * Creates a single-use link for a user to choose a password, and queues the
 * email that carries it. Only the link's SHA-256 is stored.
 */
export async function sendPasswordLink(deps: Deps, user: User, kind: LinkKind): Promise<void> {
  const secret = randomSecret();
  const now = deps.clock.now();
  const ttl = kind === 'welcome' ? WELCOME_DAYS * 24 * 60 * MINUTE_MS : RESET_MINUTES * MINUTE_MS;
  const reset: PasswordReset = { tokenHash: sha256(secret), userId: user.id, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + ttl).toISOString(), usedAt: null };
  const link = `${deps.site.baseUrl}/reset-password?token=${encodeURIComponent(secret)}`;
  const mail = compose(deps, user, link, kind);
  await deps.catalog.transaction(async (tx) => {
    await tx.accounts.createPasswordReset(reset);
    await tx.activity.enqueueMail({ id: deps.newId(), to: user.email, ...mail, createdAt: reset.createdAt, attempts: 0, nextAttemptAt: reset.createdAt, sentAt: null, lastError: null });
  });
  deps.signals.send('job-queued');
}

/**
 * "Forgot your password": emails a reset link when an account uses the
 * address. It answers the same way whether or not one does, and sends at most
 * three links per account per hour.
 */
export async function requestPasswordReset(deps: Deps, email: unknown): Promise<void> {
  const parsed = lookupEmailField.safeParse(email);
  if (!parsed.success) throw invalidInput('The email address is', parsed.error);
  const user = await deps.catalog.accounts.findUserByEmail(parsed.data);
  if (!user || user.disabled) return;
  const hourAgo = new Date(deps.clock.now().getTime() - 60 * MINUTE_MS).toISOString();
  if ((await deps.catalog.accounts.countPasswordResets(user.id, hourAgo)) >= MAX_RESETS_PER_HOUR) return;
  await sendPasswordLink(deps, user, 'reset');
}

export const confirmResetFields = z.object({
  token: z.string({ message: 'The reset link has no token; open the link from the email again.' }).trim().min(1, 'The reset link has no token; open the link from the email again.').max(200),
  password: z.string({ message: 'Enter a new password.' }),
});

const linkProblem = (reason: 'unknown' | 'expired' | 'used', message: string): AppError => new AppError('bad_request', message, { field: 'token', reason });

/** Checks a reset link: it must exist, not have run out and not have been used. */
async function liveReset(deps: Deps, tokenHash: string): Promise<PasswordReset> {
  const reset = await deps.catalog.accounts.findPasswordReset(tokenHash);
  if (!reset) throw linkProblem('unknown', 'This password link is not valid. Check that you copied the whole link, or ask for a new one.');
  if (reset.usedAt) throw linkProblem('used', 'This password link was already used. Ask for a new one if you need to change your password again.');
  if (Date.parse(reset.expiresAt) <= deps.clock.now().getTime()) throw linkProblem('expired', `This password link ran out on ${reset.expiresAt.slice(0, 16).replace('T', ' ')} UTC. Ask for a new one.`);
  return reset;
}

/** Whether a reset link may still be used, for the page that shows its form. */
export async function checkPasswordReset(deps: Deps, token: string): Promise<void> {
  await liveReset(deps, sha256(token));
}

/**
 * Sets a new password from a reset link. The link is used up, every session of
 * the account ends, and a lock from failed sign-ins is lifted.
 */
export async function confirmPasswordReset(deps: Deps, input: unknown): Promise<User> {
  const parsed = confirmResetFields.safeParse(input);
  if (!parsed.success) throw invalidInput('The new password is', parsed.error);
  const tokenHash = sha256(parsed.data.token);
  const reset = await liveReset(deps, tokenHash);
  const user = await deps.catalog.accounts.getUser(reset.userId);
  if (!user || user.disabled) throw linkProblem('unknown', 'This password link is for an account that is disabled or gone.');
  const password = passwordRuleFor(user.email).safeParse(parsed.data.password);
  if (!password.success) throw invalidInput('The new password is', prefix(password.error, 'password'));
  const passwordHash = await hashPassword(password.data);
  await deps.catalog.transaction(async (tx) => {
    // Checked again inside the transaction, so two uses at once cannot both succeed.
    const again = await tx.accounts.findPasswordReset(tokenHash);
    if (again?.usedAt) throw linkProblem('used', 'This password link was already used. Ask for a new one if you need to change your password again.');
    await tx.accounts.usePasswordReset(tokenHash, deps.clock.now().toISOString());
    await tx.accounts.updateUser(user.id, { passwordHash, failedSignIns: 0, lockedUntil: null });
    await tx.accounts.deleteUserSessions(user.id);
  });
  return { ...user, passwordHash, failedSignIns: 0, lockedUntil: null };
}

/** The same issues, reported on a named field. */
export function prefix(error: z.ZodError, field: string): z.ZodError {
  return new z.ZodError(error.issues.map((i) => ({ ...i, path: [field, ...i.path] })));
}
