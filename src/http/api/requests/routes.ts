import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../../../actions/deps.ts';
import { answerRequest } from '../../../actions/community/answer-request.ts';
import { commentOnRequest } from '../../../actions/community/comment-request.ts';
import { fulfilRequest } from '../../../actions/community/fulfil-request.ts';
import { postRequest } from '../../../actions/community/post-request.ts';
import { getRequest, listRequests } from '../../../actions/community/read-requests.ts';
import { voteForRequest, withdrawRequestVote } from '../../../actions/community/vote-request.ts';
import { answerFields, fulfilFields, newRequestFields, requestCommentFields, type DatasetRequest } from '../../../domain/community/requests.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { requestIdParams, requestQuerySchema } from './params.ts';
import { presentRequest, presentRequestComment, presentRequestDetail, presentRequestList, presentRequestVote, requestCommentSchema, requestDetailSchema, requestListSchema, requestSchema, requestUrl, requestVoteSchema } from './present.ts';

const notFound = { description: 'No such request, or a hidden one the caller may not see.' };

/** Dataset requests: residents ask for data, vote and comment; the city answers and fulfils them. */
export function requestRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const { registry } = ctx;
  const tag = 'Requests';
  const afterChange = async (req: FastifyRequest, change: (p: Principal) => Promise<DatasetRequest>) => {
    const p = await actorOf(deps, req);
    const request = await change(p);
    return presentRequestDetail(await getRequest(deps, p, request.id), true);
  };

  route(app, registry, {
    method: 'GET', path: '/api/v1/requests', operationId: 'listRequests', tag, access: 'public',
    summary: 'Dataset requests',
    description: 'Data residents asked for, most voted first, or searched with `q` (those matching best first unless `sort` is given), with counts by status; hidden requests are listed for moderators only.',
    query: requestQuerySchema,
    responses: { 200: { description: 'A page of requests and the total.', schema: requestListSchema } },
  }, async ({ req, query }) => {
    const p = await actorOf(deps, req);
    return presentRequestList(await listRequests(deps, p, query), p.kind === 'user');
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/requests', operationId: 'postRequest', tag, access: 'signed-in',
    summary: 'Ask for data',
    description: '`title` (what, 5–150 characters), `description` (why, 10–5,000) and optionally `organization` (the slug of the organization that probably holds it). The request starts as `new`.',
    body: newRequestFields,
    bodyCheckedBy: 'action',
    responses: { 201: { description: 'The request.', schema: requestSchema }, 400: { description: 'validation_failed: one entry per field in `details.fields`.' } },
  }, async ({ req, reply }) => {
    const request = await postRequest(deps, await actorOf(deps, req), req.body);
    reply.status(201).header('Location', requestUrl(request.id));
    return presentRequest(request, false);
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/requests/{id}', operationId: 'getRequest', tag, access: 'public',
    summary: "One request, with the city's answers and its comments",
    params: requestIdParams,
    responses: { 200: { description: 'The request.', schema: requestDetailSchema }, 404: notFound },
  }, async ({ req, params }) => {
    const p = await actorOf(deps, req);
    return presentRequestDetail(await getRequest(deps, p, params.id), p.kind === 'user');
  });

  route(app, registry, {
    method: 'PUT', path: '/api/v1/requests/{id}/vote', operationId: 'voteForRequest', tag, access: 'signed-in',
    summary: 'Vote for a request',
    description: 'One vote per account: voting again changes nothing (`changed: false`).',
    params: requestIdParams,
    responses: { 200: { description: 'The vote and the count after it.', schema: requestVoteSchema }, 404: notFound, 409: { description: 'The request is hidden.' } },
  }, async ({ req, params }) => presentRequestVote(await voteForRequest(deps, await actorOf(deps, req), params.id), true));

  route(app, registry, {
    method: 'DELETE', path: '/api/v1/requests/{id}/vote', operationId: 'withdrawRequestVote', tag, access: 'signed-in',
    summary: 'Take a vote back',
    params: requestIdParams,
    responses: { 200: { description: 'The count after it.', schema: requestVoteSchema }, 404: notFound },
  }, async ({ req, params }) => presentRequestVote(await withdrawRequestVote(deps, await actorOf(deps, req), params.id), false));

  route(app, registry, {
    method: 'POST', path: '/api/v1/requests/{id}/comments', operationId: 'commentOnRequest', tag, access: 'signed-in',
    summary: 'Comment on a request',
    description: '`{ "body" }`, 1 to 2,000 characters, shown as text.',
    params: requestIdParams,
    body: requestCommentFields,
    bodyCheckedBy: 'action',
    responses: { 201: { description: 'The comment.', schema: requestCommentSchema }, 404: notFound, 409: { description: 'The request is hidden.' } },
  }, async ({ req, reply, params }) => {
    const comment = await commentOnRequest(deps, await actorOf(deps, req), params.id, req.body);
    reply.status(201);
    return presentRequestComment(comment);
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/requests/{id}/answer', operationId: 'answerRequest', tag, access: 'signed-in',
    summary: "The city's answer",
    description: '`status`: `under_review`, `planned` (with `target_date`, YYYY-MM-DD) or `declined` (with `decline_reason`: privacy, not_held, cost or other; `other` needs a `note`). Moderators, and editors of the organization the request names. A fulfilled request is closed (409).',
    params: requestIdParams,
    body: answerFields,
    bodyCheckedBy: 'action',
    responses: { 200: { description: 'The request, with its history.', schema: requestDetailSchema }, 400: { description: 'validation_failed' }, 403: { description: 'The caller may not answer this request.' }, 404: notFound, 409: { description: 'The request is already fulfilled.' } },
  }, ({ req, params }) => afterChange(req, (p) => answerRequest(deps, p, params.id, req.body)));

  route(app, registry, {
    method: 'POST', path: '/api/v1/requests/{id}/fulfil', operationId: 'fulfilRequest', tag, access: 'signed-in',
    summary: 'Mark a dataset as fulfilling a request',
    description: '`{ "dataset", "note" }`: a published dataset the caller edits (its slug or id). The request closes as `published`, linking the dataset, and its followers and voters are told by email with the link.',
    params: requestIdParams,
    body: fulfilFields,
    bodyCheckedBy: 'action',
    responses: { 200: { description: 'The request, with its history.', schema: requestDetailSchema }, 400: { description: 'validation_failed' }, 403: { description: "The caller does not edit the dataset's organization." }, 404: { description: 'No such request or dataset the caller may see.' }, 409: { description: 'Already fulfilled, hidden, or the dataset is not published.' } },
  }, ({ req, params }) => afterChange(req, (p) => fulfilRequest(deps, p, params.id, req.body)));
}
