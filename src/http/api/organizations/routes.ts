import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  createOrganization,
  getOrganization,
  listMembers,
  listOrganizations,
  memberFields,
  newOrganizationFields,
  organizationPatchFields,
  removeMember,
  setMember,
  updateOrganization,
} from '../../../actions/accounts/organizations.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { memberOut, organizationOut, presentMember, presentOrganization } from './present.ts';

const TAG = 'Organizations';
const idParams = z.object({ id: z.string().min(1).max(200) });

/** Organizations (departments) and their members. */
export function organizationRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;

  route(app, registry, {
    method: 'GET', path: '/api/v1/organizations', operationId: 'listOrganizations', tag: TAG, access: 'public',
    summary: 'Every organization', description: 'Organizations by name: `{ "results": [...] }`.',
    responses: { 200: { description: 'The organizations.', schema: z.object({ results: z.array(organizationOut) }) } },
  }, async () => ({ results: (await listOrganizations(deps)).map(presentOrganization) }));

  route(app, registry, {
    method: 'POST', path: '/api/v1/organizations', operationId: 'createOrganization', tag: TAG, access: 'site-admin',
    summary: 'Create an organization',
    description: '`{ "name", "slug"?, "description"? }`; the slug comes from the name unless given.',
    body: newOrganizationFields,
    responses: { 201: { description: 'The organization.', schema: organizationOut }, 409: { description: 'conflict: the slug is taken.' } },
  }, async ({ body, req, reply }) => reply.status(201).send(presentOrganization(await createOrganization(deps, await actorOf(deps, req), body))));

  route(app, registry, {
    method: 'GET', path: '/api/v1/organizations/{id}', operationId: 'getOrganization', tag: TAG, access: 'public',
    summary: 'One organization', description: 'By id or slug.',
    params: idParams,
    responses: { 200: { description: 'The organization.', schema: organizationOut }, 404: { description: 'No such organization.' } },
  }, async ({ params }) => presentOrganization(await getOrganization(deps, params.id)));

  route(app, registry, {
    method: 'PATCH', path: '/api/v1/organizations/{id}', operationId: 'updateOrganization', tag: TAG, access: 'org-admin',
    summary: 'Change an organization', description: '`{ "name"?, "description"? }`. Its admins only.',
    params: idParams,
    body: organizationPatchFields,
    responses: { 200: { description: 'The organization.', schema: organizationOut } },
  }, async ({ params, body, req }) => presentOrganization(await updateOrganization(deps, await actorOf(deps, req), params.id, body)));

  route(app, registry, {
    method: 'GET', path: '/api/v1/organizations/{id}/members', operationId: 'listMembers', tag: TAG, access: 'signed-in',
    summary: 'The members of an organization',
    description: 'Members and their roles, by email. Visible to the organization\'s members (any role) and site administrators.',
    params: idParams,
    responses: { 200: { description: 'The members.', schema: z.object({ results: z.array(memberOut) }) }, 403: { description: 'forbidden: not a member.' } },
  }, async ({ params, req }) => ({ results: (await listMembers(deps, await actorOf(deps, req), params.id)).map(presentMember) }));

  route(app, registry, {
    method: 'PUT', path: '/api/v1/organizations/{id}/members', operationId: 'setMember', tag: TAG, access: 'org-admin',
    summary: 'Add a member or change a role',
    description: '`{ "email", "role": "viewer" | "editor" | "admin" }`, the email of an existing account. An admin cannot step down if they are the organization\'s last admin (409).',
    params: idParams,
    body: memberFields,
    responses: { 200: { description: 'The membership.', schema: memberOut }, 404: { description: 'No account uses the email.' }, 409: { description: 'conflict: it would leave no admin.' } },
  }, async ({ params, body, req }) => presentMember(await setMember(deps, await actorOf(deps, req), params.id, body)));

  route(app, registry, {
    method: 'DELETE', path: '/api/v1/organizations/{id}/members/{userId}', operationId: 'removeMember', tag: TAG, access: 'org-admin',
    summary: 'Remove a member', description: 'The last admin cannot remove themselves (409).',
    params: z.object({ id: z.string().min(1).max(200), userId: z.string().min(1).max(200) }),
    responses: { 204: { description: 'Removed.' }, 404: { description: 'Not a member.' }, 409: { description: 'conflict: it would leave no admin.' } },
  }, async ({ params, req, reply }) => {
    await removeMember(deps, await actorOf(deps, req), params.id, params.userId);
    return reply.status(204).send();
  });
}
