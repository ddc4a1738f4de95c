import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { getChampion, listChampions } from '../../../actions/champions/read-champions.ts';
import { createChampion, updateChampion } from '../../../actions/champions/save-champion.ts';
import { CHAMPION_TIERS, championFields } from '../../../domain/program/champions.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { championDetailSchema, championListSchema, championSchema, championUrl, presentChampion, presentChampionDetail } from './present.ts';

const slugParams = z.object({ slug: z.string().min(1).max(200) });
const notFound = { description: 'No such champion, or an unpublished profile the caller may not see.' };

const listQuery = z.object({
  tier: z.enum(CHAMPION_TIERS, { message: `is not a tier; use ${CHAMPION_TIERS.join(', ')}` }).optional(),
  topic: z.string().trim().min(1).max(200).optional().describe('One of the catalog’s themes'),
  organization: z.string().trim().min(1).max(200).optional().describe('An organization’s slug or id'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const body = z.object({ self: z.boolean().optional().describe('Program staff: the profile is their own, linked to their account') }).and(championFields);

/** Data champions: the directory of people who look after the data. */
export function championRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;
  const tag = 'Champions';

  route(app, registry, {
    method: 'GET', path: '/api/v1/champions', operationId: 'listChampions', tag, access: 'public',
    summary: 'The directory of data champions',
    description: 'Published profiles by name, by tier, topic and organization. Each shows only the channels its person chose to show.',
    query: listQuery,
    responses: { 200: { description: 'A page of champions and the total.', schema: championListSchema } },
  }, async ({ req, query }) => {
    const page = await listChampions(deps, await actorOf(deps, req), { ...(query.tier ? { tier: query.tier } : {}), ...(query.topic ? { topic: query.topic } : {}), ...(query.organization ? { organization: query.organization } : {}), limit: query.limit, offset: query.offset });
    return { total: page.total, results: page.results.map(presentChampion) };
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/champions', operationId: 'createChampion', tag, access: 'signed-in',
    summary: 'Create a champion profile',
    description: 'Program staff create profiles for anyone (publishing one for someone else needs `consent`, how the person agreed); anyone else creates their own, linked to their account, one per account.',
    body,
    bodyCheckedBy: 'action',
    responses: { 201: { description: 'The profile.', schema: championSchema }, 400: { description: 'validation_failed: one entry per field in `details.fields`.' }, 409: { description: 'The person has a profile already.' } },
  }, async ({ req, reply }) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const c = await createChampion(deps, await actorOf(deps, req), b, { self: b.self === true });
    reply.status(201).header('Location', championUrl(c.slug));
    return presentChampion(c);
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/champions/{slug}', operationId: 'getChampion', tag, access: 'public',
    summary: 'One champion, with the datasets they look after (each with its freshness) and their projects',
    params: slugParams,
    responses: { 200: { description: 'The profile.', schema: championDetailSchema }, 404: notFound },
  }, async ({ req, params }) => presentChampionDetail(await getChampion(deps, await actorOf(deps, req), params.slug)));

  route(app, registry, {
    method: 'PUT', path: '/api/v1/champions/{slug}', operationId: 'updateChampion', tag, access: 'signed-in',
    summary: 'Replace a champion profile (program staff, or the person it belongs to)',
    params: slugParams,
    body: championFields,
    bodyCheckedBy: 'action',
    responses: { 200: { description: 'The profile.', schema: championSchema }, 400: { description: 'validation_failed.' }, 403: { description: 'Not staff, nor the person.' }, 404: notFound },
  }, async ({ req, params }) => presentChampion(await updateChampion(deps, await actorOf(deps, req), params.slug, req.body)));
}
