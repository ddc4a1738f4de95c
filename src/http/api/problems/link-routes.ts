import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { linkToProblem, unlinkFromProblem } from '../../../actions/community/link-request.ts';
import { linkedDatasets, linkedRequests, type LinkedDataset, type LinkedRequest } from '../../../actions/community/read-problem-links.ts';
import { getProblem } from '../../../actions/community/read-problems.ts';
import type { Principal } from '../../../actions/deps.ts';
import type { Problem } from '../../../domain/community/problems.ts';
import { linkFields } from '../../../domain/community/link-input.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { problemIdParams } from './params.ts';

const notFound = { description: 'No such problem, or a hidden one the caller may not see.' };

const datasetLinkSchema = z.object({
  kind: z.literal('dataset'),
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  linked_at: z.string(),
  links: z.object({ self: z.string(), page: z.string() }),
});
const requestLinkSchema = z.object({
  kind: z.literal('request'),
  id: z.string(),
  title: z.string(),
  linked_at: z.string(),
  links: z.object({ self: z.string(), page: z.string() }),
});
const linkSchema = z.discriminatedUnion('kind', [datasetLinkSchema, requestLinkSchema]);
export const problemLinksSchema = z.object({
  changed: z.boolean().nullable().describe('For a link or unlink: false when the dataset or request was linked already, or not linked; null when reading'),
  results: z.array(linkSchema).describe('The datasets, then the requests, linked to the problem that the caller may see, each oldest link first'),
});

const presentLink = (l: LinkedDataset): z.infer<typeof datasetLinkSchema> => ({
  kind: 'dataset',
  id: l.dataset.id,
  slug: l.dataset.slug,
  title: l.dataset.title,
  linked_at: l.linkedAt,
  links: { self: `/api/v1/datasets/${encodeURIComponent(l.dataset.slug)}`, page: `/datasets/${encodeURIComponent(l.dataset.slug)}` },
});

const presentRequestLink = (l: LinkedRequest): z.infer<typeof requestLinkSchema> => ({
  kind: 'request',
  id: l.request.id,
  title: l.request.title,
  linked_at: l.linkedAt,
  links: { self: `/api/v1/requests/${encodeURIComponent(l.request.id)}`, page: `/requests/${encodeURIComponent(l.request.id)}` },
});

/** The datasets and requests that bear on a problem: read by anyone who sees it, linked and unlinked by its triagers. */
export function problemLinkRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;
  const tag = 'Problems';
  const answer = async (p: Principal, problem: Problem, changed: boolean | null): Promise<z.infer<typeof problemLinksSchema>> => {
    const [datasets, requests] = await Promise.all([linkedDatasets(deps, p, problem.id), linkedRequests(deps, p, problem.id)]);
    return { changed, results: [...datasets.map(presentLink), ...requests.map(presentRequestLink)] };
  };
  const change = async (req: FastifyRequest, act: (p: Principal) => Promise<{ problem: Problem; changed: boolean }>) => {
    const p = await actorOf(deps, req);
    const outcome = await act(p);
    return answer(p, outcome.problem, outcome.changed);
  };
  const body = linkFields.describe('`{ "kind": "dataset", "target" }`: the dataset\'s slug, id or page address; or `{ "kind": "request", "target" }`: the request\'s id or page address');

  route(app, registry, {
    method: 'GET', path: '/api/v1/problems/{id}/links', operationId: 'listProblemLinks', tag, access: 'public',
    summary: 'The datasets and requests that bear on a problem',
    params: problemIdParams,
    responses: { 200: { description: 'The linked datasets and requests the caller may see.', schema: problemLinksSchema }, 404: notFound },
  }, async ({ req, params }) => {
    const p = await actorOf(deps, req);
    return answer(p, (await getProblem(deps, p, params.id)).problem, null);
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/problems/{id}/links', operationId: 'linkDatasetToProblem', tag, access: 'signed-in',
    summary: 'Link a dataset or request that bears on a problem',
    description: 'Moderators, and editors of the organization the problem is assigned to, link a dataset or request they may see. Linking it again changes nothing (`changed: false`). The link is in the activity stream.',
    params: problemIdParams,
    body,
    bodyCheckedBy: 'action',
    responses: { 200: { description: 'The problem\'s linked datasets and requests after the change.', schema: problemLinksSchema }, 400: { description: 'No such dataset or request the caller may see.' }, 403: { description: 'The caller may not triage this problem.' }, 404: notFound, 409: { description: 'The problem was merged into another.' } },
  }, ({ req, params }) => change(req, (p) => linkToProblem(deps, p, params.id, req.body)));

  route(app, registry, {
    method: 'DELETE', path: '/api/v1/problems/{id}/links', operationId: 'unlinkDatasetFromProblem', tag, access: 'signed-in',
    summary: 'Take a dataset\'s or request\'s link off a problem',
    description: 'The same body as linking. Taking off a link that is not there changes nothing (`changed: false`). The change is in the activity stream.',
    params: problemIdParams,
    body,
    bodyCheckedBy: 'action',
    responses: { 200: { description: 'The problem\'s linked datasets and requests after the change.', schema: problemLinksSchema }, 400: { description: 'No dataset or request named.' }, 403: { description: 'The caller may not triage this problem.' }, 404: notFound, 409: { description: 'The problem was merged into another.' } },
  }, ({ req, params }) => change(req, (p) => unlinkFromProblem(deps, p, params.id, req.body)));
}
