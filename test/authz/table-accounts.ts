import { randomSecret, sha256 } from '../../src/actions/auth/secrets.ts';
import { PASSWORD, type World } from './world.ts';
import { fresh, type Table } from './table.ts';

/**
 * Sessions, the caller's own account, password resets, API tokens and account
 * administration (docs/accounts.md). Scopes: `write` changes the owner's
 * name; `admin` also creates (and, we read, revokes) tokens and changes the
 * password. The three tokens belong to A's admin, who is no site administrator.
 */
export const accountTable: Table = {
  'GET /api/v1/session': [
    {
      name: 'who is signed in',
      request: () => ({ url: '/api/v1/session' }),
      expect: { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'POST /api/v1/session': [
    {
      name: 'sign in as a new account',
      request: async (w) => ({ url: '/api/v1/session', json: { email: (await w.user()).email, password: PASSWORD } }),
      expect: { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'DELETE /api/v1/session': [
    {
      // Without a session cookie there is nothing to end: it answers 204 to anyone.
      name: 'sign out without a session',
      request: () => ({ url: '/api/v1/session' }),
      expect: { anonymous: 204, viewer: 204, editor: 204, orgAdmin: 204, otherEditor: 204, siteAdmin: 204, tokenRead: 204, tokenWrite: 204, tokenAdmin: 204 },
    },
  ],

  'POST /api/v1/account': [
    {
      name: 'sign up with a new email',
      request: () => ({ url: '/api/v1/account', json: { email: `resident-${fresh()}@example.org`, name: 'A resident', password: PASSWORD } }),
      expect: { anonymous: 201, viewer: 201, editor: 201, orgAdmin: 201, otherEditor: 201, siteAdmin: 201, tokenRead: 201, tokenWrite: 201, tokenAdmin: 201 },
    },
  ],

  'GET /api/v1/account': [
    {
      name: 'your account',
      request: () => ({ url: '/api/v1/account' }),
      expect: { anonymous: 401, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'PATCH /api/v1/account': [
    {
      // The name is set to what it is, so the people of the matrix keep theirs.
      name: 'change your name',
      request: (w, actor) => ({ url: '/api/v1/account', json: { name: w.userOf[actor].name } }),
      expect: { anonymous: 401, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 403, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'POST /api/v1/account/password': [
    {
      // The new password is the old one, so later sign-ins still work.
      name: 'change your password',
      request: () => ({ url: '/api/v1/account/password', json: { current_password: PASSWORD, new_password: PASSWORD } }),
      expect: { anonymous: 401, viewer: 204, editor: 204, orgAdmin: 204, otherEditor: 204, siteAdmin: 204, tokenRead: 403, tokenWrite: 403, tokenAdmin: 204 },
    },
  ],

  'POST /api/v1/password-reset': [
    {
      name: 'ask for a link for an existing account',
      request: async (w) => ({ url: '/api/v1/password-reset', json: { email: (await w.user()).email } }),
      expect: { anonymous: 202, viewer: 202, editor: 202, orgAdmin: 202, otherEditor: 202, siteAdmin: 202, tokenRead: 202, tokenWrite: 202, tokenAdmin: 202 },
    },
  ],

  'POST /api/v1/password-reset/confirm': [
    {
      name: 'choose a password with a fresh link',
      request: async (w) => ({ url: '/api/v1/password-reset/confirm', json: { token: await w.resetLink(await w.user()), password: 'another fine password' } }),
      expect: { anonymous: 204, viewer: 204, editor: 204, orgAdmin: 204, otherEditor: 204, siteAdmin: 204, tokenRead: 204, tokenWrite: 204, tokenAdmin: 204 },
    },
  ],

  'GET /api/v1/tokens': [
    {
      name: 'your tokens',
      request: () => ({ url: '/api/v1/tokens' }),
      expect: { anonymous: 401, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'POST /api/v1/tokens': [
    {
      name: 'a read-only token',
      request: () => ({ url: '/api/v1/tokens', json: { name: `made by the matrix ${fresh()}`, scopes: ['read'] } }),
      expect: { anonymous: 401, viewer: 201, editor: 201, orgAdmin: 201, otherEditor: 201, siteAdmin: 201, tokenRead: 403, tokenWrite: 403, tokenAdmin: 201 },
    },
  ],

  'DELETE /api/v1/tokens/{id}': [
    {
      // Revoking is managing tokens, like creating them: the admin scope. Anonymous callers aim at the A editor's token.
      name: 'one of your own tokens',
      request: async (w, actor) => ({ url: `/api/v1/tokens/${await w.tokenOf(w.userOf[actor])}` }),
      expect: { anonymous: 401, viewer: 204, editor: 204, orgAdmin: 204, otherEditor: 204, siteAdmin: 204, tokenRead: 403, tokenWrite: 403, tokenAdmin: 204 },
    },
    {
      name: "someone else's token",
      request: async (w) => ({ url: `/api/v1/tokens/${await w.tokenOf(await w.user())}` }),
      expect: { anonymous: 401, viewer: 404, editor: 404, orgAdmin: 404, otherEditor: 404, siteAdmin: 204, tokenRead: 403, tokenWrite: 403, tokenAdmin: 404 },
    },
  ],

  'GET /api/v1/users': [
    {
      name: 'every account',
      request: () => ({ url: '/api/v1/users' }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 403, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 403, tokenAdmin: 403 },
    },
  ],

  'POST /api/v1/users': [
    {
      name: 'an account for a new member of staff',
      request: () => ({ url: '/api/v1/users', json: { email: `staff-${fresh()}@example.org`, name: 'New staff' } }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 403, otherEditor: 403, siteAdmin: 201, tokenRead: 403, tokenWrite: 403, tokenAdmin: 403 },
    },
  ],

  'PATCH /api/v1/users/{id}': [
    {
      name: 'rename another account',
      request: async (w) => ({ url: `/api/v1/users/${(await w.user()).id}`, json: { name: 'Renamed by the matrix' } }),
      expect: { anonymous: 401, viewer: 403, editor: 403, orgAdmin: 403, otherEditor: 403, siteAdmin: 200, tokenRead: 403, tokenWrite: 403, tokenAdmin: 403 },
    },
  ],

  'POST /api/v1/account/verification': [
    {
      // The matrix's accounts are confirmed (made as an administrator would): 200, nothing to send.
      name: 'send the confirmation link again',
      request: () => ({ url: '/api/v1/account/verification' }),
      expect: { anonymous: 401, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 403, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'POST /api/v1/account/verification/confirm': [
    {
      // The link is the proof: anyone holding it confirms the address, signed in or not.
      name: 'confirm a new account with a fresh link',
      request: async (w) => ({ url: '/api/v1/account/verification/confirm', json: { token: await confirmationLink(w) } }),
      expect: { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
    {
      name: 'a forged link',
      request: () => ({ url: '/api/v1/account/verification/confirm', json: { token: `forged-${fresh()}` } }),
      expect: { anonymous: 400, viewer: 400, editor: 400, orgAdmin: 400, otherEditor: 400, siteAdmin: 400, tokenRead: 400, tokenWrite: 400, tokenAdmin: 400 },
    },
  ],
};

/** A new account whose address is not confirmed, and a live link for it: the secret the email would carry. */
async function confirmationLink(w: World): Promise<string> {
  const owner = await w.user();
  await w.t.deps.catalog.accounts.updateUser(owner.id, { emailVerifiedAt: null });
  const secret = randomSecret();
  const now = w.t.deps.clock.now();
  await w.t.deps.catalog.accounts.createEmailVerification({ tokenHash: sha256(secret), userId: owner.id, email: owner.email, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + 3_600_000).toISOString(), usedAt: null });
  return secret;
}
