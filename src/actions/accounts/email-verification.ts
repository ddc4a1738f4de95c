import { z } from 'zod';
import { emailVerified, type EmailVerification, type User } from '../../domain/accounts/types.ts';
import { AppError } from '../../domain/errors.ts';
import { escapeHtml } from '../../domain/notify/html.ts';
import { randomSecret, sha256 } from '../auth/secrets.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';

const HOUR_MS = 60 * 60 * 1000;
/** How long a confirmation link works. */
export const VERIFY_HOURS = 48;
/** Confirmation emails one account may be sent per hour. */
export const MAX_VERIFICATIONS_PER_HOUR = 3;

/** Why a confirmation link does not work, for the page that explains it. */
export type LinkFault = 'unknown' | 'expired' | 'used';

export const LINK_MESSAGES: Record<LinkFault, string> = {
  unknown: 'This confirmation link is not valid. Check that you copied the whole link, or ask for a new one.',
  expired: `This confirmation link is more than ${VERIFY_HOURS} hours old and has run out. Ask for a new one.`,
  used: 'This confirmation link was already used. If your address is not confirmed yet, ask for a new one.',
};

/** A link that does not work; `confirmed` says whether the account's address is confirmed all the same (a used link, opened twice). */
const linkProblem = (reason: LinkFault, confirmed = false): AppError => new AppError('bad_request', LINK_MESSAGES[reason], { field: 'token', reason, confirmed });

function compose(deps: Deps, user: User, link: string): { subject: string; text: string; html: string } {
  const site = deps.site.name;
  const greeting = `Hello ${user.name},`;
  const intro = `Someone, we hope you, signed up on ${site} with this address (${user.email}). To confirm it, open this link within ${VERIFY_HOURS} hours:`;
  const after = 'The link works once. Until the address is confirmed, the account can read but cannot post, vote or comment. If you did not sign up, ignore this email.';
  const text = `${greeting}\n\n${intro}\n\n${link}\n\n${after}\n\n${site}\n`;
  const html = `<p>${escapeHtml(greeting)}</p>\n<p>${escapeHtml(intro)}</p>\n<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>\n<p>${escapeHtml(after)}</p>\n<p>${escapeHtml(site)}</p>\n`;
  return { subject: `Confirm your email address for ${site}`, text, html };
}

/**
 * Creates a single-use link that confirms the account's email address and
 * queues the email that carries it. Only the link's SHA-256 is stored.
 */
export async function sendVerificationLink(deps: Deps, user: User): Promise<void> {
  const secret = randomSecret();
  const now = deps.clock.now();
  const link: EmailVerification = { tokenHash: sha256(secret), userId: user.id, email: user.email, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + VERIFY_HOURS * HOUR_MS).toISOString(), usedAt: null };
  const mail = compose(deps, user, `${deps.site.baseUrl}/verify-email?token=${encodeURIComponent(secret)}`);
  await deps.catalog.transaction(async (tx) => {
    await tx.accounts.createEmailVerification(link);
    await tx.activity.enqueueMail({ id: deps.newId(), to: user.email, ...mail, createdAt: link.createdAt, attempts: 0, nextAttemptAt: link.createdAt, sentAt: null, lastError: null });
  });
  deps.signals.send('job-queued');
}

/**
 * "Send the link again", for the signed-in person whose address is not
 * confirmed: at most three links per account per hour. An address confirmed
 * already (in another tab, say) needs nothing: `false`, and nothing is sent.
 */
export async function resendVerification(deps: Deps, p: Principal): Promise<boolean> {
  requireUser(p, 'Asking for a confirmation link');
  if (!p.scopes.includes('write')) deny(p, 'Asking for a confirmation link needs a session or a token with the write scope.');
  const user = await deps.catalog.accounts.getUser(p.userId);
  if (!user || user.disabled) throw new AppError('forbidden', 'This account is disabled.');
  if (emailVerified(user)) return false;
  const hourAgo = new Date(deps.clock.now().getTime() - HOUR_MS).toISOString();
  if ((await deps.catalog.accounts.countEmailVerifications(user.id, hourAgo)) >= MAX_VERIFICATIONS_PER_HOUR) {
    throw new AppError('rate_limited', `We sent ${MAX_VERIFICATIONS_PER_HOUR} confirmation links in the last hour. Look for them in your inbox (and spam folder), or ask again later.`);
  }
  await sendVerificationLink(deps, user);
  return true;
}

const TOKEN_MISSING = 'The confirmation link has no token; open the link from the email again.';
export const confirmEmailFields = z.object({ token: z.string({ message: TOKEN_MISSING }).trim().min(1, TOKEN_MISSING).max(200, LINK_MESSAGES.unknown) });

/**
 * Confirms an account's email address from the link sent to it: the link
 * must exist, not have run out, not have been used, and be for the address
 * the account has. Anyone holding the link may use it; it needs no sign-in.
 */
export async function confirmEmail(deps: Deps, input: unknown): Promise<User> {
  const parsed = confirmEmailFields.safeParse(input ?? {});
  if (!parsed.success) throw new AppError('bad_request', parsed.error.issues[0]?.message ?? TOKEN_MISSING, { field: 'token', reason: 'unknown' });
  const tokenHash = sha256(parsed.data.token);
  const link = await deps.catalog.accounts.findEmailVerification(tokenHash);
  if (!link) throw linkProblem('unknown');
  const user = await deps.catalog.accounts.getUser(link.userId);
  if (!user || user.disabled || user.email !== link.email) throw linkProblem('unknown');
  if (link.usedAt) throw linkProblem('used', emailVerified(user));
  if (Date.parse(link.expiresAt) <= deps.clock.now().getTime()) throw linkProblem('expired');
  const at = deps.clock.now().toISOString();
  if (!(await deps.catalog.accounts.useEmailVerification(tokenHash, at))) throw linkProblem('used', true);
  return { ...user, emailVerifiedAt: user.emailVerifiedAt ?? at };
}
