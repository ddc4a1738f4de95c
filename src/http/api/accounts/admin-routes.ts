import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createUser, listUsers, newUserFields, updateUser, userListQuery, userPatchFields } from '../../../actions/accounts/users.ts';
import { createToken, listTokens, newTokenFields, revokeToken } from '../../../actions/auth/tokens.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { newTokenOut, newUserOut, presentNewToken, presentNewUser, presentToken, presentUser, presentUserList, tokenOut, userListOut, userOut } from './present.ts';

const idParams = z.object({ id: z.string().min(1).max(200) });

/** API tokens of the caller, and the site administrators' account management. */
export function tokenAndUserRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;

  route(app, registry, {
    method: 'GET', path: '/api/v1/tokens', operationId: 'listTokens', tag: 'Tokens', access: 'signed-in',
    summary: 'Your API tokens', description: 'The caller\'s tokens, newest first, revoked ones included. Secrets are never shown again.',
    responses: { 200: { description: 'The tokens.', schema: z.object({ results: z.array(tokenOut) }) } },
  }, async ({ req }) => ({ results: (await listTokens(deps, await actorOf(deps, req))).map(presentToken) }));

  route(app, registry, {
    method: 'POST', path: '/api/v1/tokens', operationId: 'createToken', tag: 'Tokens', access: 'signed-in',
    summary: 'Create an API token',
    description: '`{ "name", "scopes": ["read" | "write" | "admin"], "expires_in_days" }` (default read, 90 days; null never expires). The secret is in `token`, this once. From a token, only an admin-scoped one may create tokens, and never with wider scopes.',
    body: newTokenFields,
    responses: { 201: { description: 'The token, with its secret.', schema: newTokenOut }, 403: { description: 'forbidden: the caller may not grant these scopes.' } },
  }, async ({ body, req, reply }) => {
    return reply.status(201).send(presentNewToken(await createToken(deps, await actorOf(deps, req), body)));
  });

  route(app, registry, {
    method: 'DELETE', path: '/api/v1/tokens/{id}', operationId: 'revokeToken', tag: 'Tokens', access: 'signed-in',
    summary: 'Revoke an API token', description: 'Revokes one of the caller\'s tokens (site administrators: anyone\'s). It stops working at once.',
    params: idParams,
    responses: { 204: { description: 'Revoked.' }, 404: { description: 'No such token of yours.' } },
  }, async ({ params, req, reply }) => {
    await revokeToken(deps, await actorOf(deps, req), params.id);
    return reply.status(204).send();
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/users', operationId: 'listUsers', tag: 'Users', access: 'site-admin',
    summary: 'Every account', description: 'Accounts by email, `limit` (≤ 500) and `offset`.',
    query: userListQuery,
    responses: { 200: { description: 'The accounts.', schema: userListOut } },
  }, async ({ query, req }) => presentUserList(await listUsers(deps, await actorOf(deps, req), query)));

  route(app, registry, {
    method: 'POST', path: '/api/v1/users', operationId: 'createUser', tag: 'Users', access: 'site-admin',
    summary: 'Create an account',
    description: '`{ "email", "name", "password"?, "is_site_admin"?, "is_moderator"? }`. Without a password the person is emailed a link to choose one, valid for three days.',
    body: newUserFields,
    responses: {
      201: { description: 'The account; `password_email_sent` says whether a link was emailed.', schema: newUserOut },
      409: { description: 'conflict: an account with this email exists.' },
    },
  }, async ({ body, req, reply }) => {
    return reply.status(201).send(presentNewUser(await createUser(deps, await actorOf(deps, req), body)));
  });

  route(app, registry, {
    method: 'PATCH', path: '/api/v1/users/{id}', operationId: 'updateUser', tag: 'Users', access: 'site-admin',
    summary: 'Change an account',
    description: '`{ "name"?, "is_site_admin"?, "is_moderator"?, "disabled"? }`. Site administrators cannot remove their own flag or disable themselves. Disabling ends the account\'s sessions; its tokens stop working.',
    params: idParams,
    body: userPatchFields,
    responses: { 200: { description: 'The account.', schema: userOut } },
  }, async ({ params, body, req }) => presentUser(await updateUser(deps, await actorOf(deps, req), params.id, body)));
}
