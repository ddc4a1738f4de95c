import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Principal } from '../../../actions/deps.ts';
import type { Problem } from '../../../domain/community/problems.ts';
import { assignProblem } from '../../../actions/community/assign-problem.ts';
import { commentOnProblem } from '../../../actions/community/comment-problem.ts';
import { setProblemHidden } from '../../../actions/community/hide-problem.ts';
import { mergeProblem } from '../../../actions/community/merge-problem.ts';
import { postProblem } from '../../../actions/community/post-problem.ts';
import { getProblem, listProblems } from '../../../actions/community/read-problems.ts';
import { changeProblemStatus } from '../../../actions/community/triage-problem.ts';
import { voteForProblem, withdrawVote } from '../../../actions/community/vote-problem.ts';
import { assignFields, commentFields, mergeFields, newProblemFields, problemStatusFields, visibilityFields } from '../../../domain/community/problem-input.ts';
import { DEFAULT_PROBLEM_CATEGORIES } from '../../../domain/community/problems.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { problemIdParams, problemQuerySchema } from './params.ts';
import { commentSchema, presentComment, presentProblem, presentProblemDetail, presentProblemList, presentVote, problemDetailSchema, problemListSchema, problemSchema, problemUrl, voteSchema } from './present.ts';

const notFound = { description: 'No such problem, or a hidden one the caller may not see.' };

/** The problem inventory: problems residents post, their "me too" votes, and triage. */
export function problemRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;
  const tag = 'Problems';
  /** Makes a change as the caller, then answers with the problem it left (the one merged into, for a merge) as the caller sees it. */
  const afterChange = async (req: FastifyRequest, change: (p: Principal) => Promise<Problem>) => {
    const p = await actorOf(deps, req);
    const problem = await change(p);
    return presentProblemDetail(await getProblem(deps, p, problem.id), true);
  };

  route(app, registry, {
    method: 'GET', path: '/api/v1/problems', operationId: 'listProblems', tag, access: 'public',
    summary: 'The problem inventory',
    description: 'Problems residents posted, most voted first; merged duplicates are left out, and hidden problems are listed (and found) for moderators only. `q` searches their titles and text as the catalog search does (any form of a word in English or Spanish, accents or not, a typo or two), best match first unless `sort` says otherwise; `facets` counts the problems found by category, status and area.',
    query: problemQuerySchema,
    responses: { 200: { description: 'A page of problems, the total and the facet counts.', schema: problemListSchema } },
  }, async ({ req, query }) => {
    const p = await actorOf(deps, req);
    return presentProblemList(await listProblems(deps, p, query), p.kind === 'user');
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/problems', operationId: 'postProblem', tag, access: 'public',
    summary: 'Post a problem',
    description: '`place` is `{ "kind": "point", "lat", "lon" }` (no address is asked for), `{ "kind": "area", "area" }` or `{ "kind": "citywide" }`. `category` is one of the site’s `problem_categories` (`GET /api/v1/site`; the eight listed here by default). The problem starts as `new`. Signed in; without an account only when the site setting `anonymous_problems` is on, and then the problem is held (`hidden`) until a moderator approves it.',
    body: newProblemFields(DEFAULT_PROBLEM_CATEGORIES),
    bodyCheckedBy: 'action',
    responses: { 201: { description: 'The problem.', schema: problemSchema }, 400: { description: 'validation_failed: one entry per field in `details.fields`.' }, 401: { description: 'Not signed in, and the site takes no problems without an account.' }, 403: { description: 'A token without the write scope.' } },
  }, async ({ req, reply }) => {
    const problem = await postProblem(deps, await actorOf(deps, req), req.body);
    reply.status(201).header('Location', problemUrl(problem.id));
    return presentProblem(problem, false);
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/problems/{id}', operationId: 'getProblem', tag, access: 'public',
    summary: 'One problem, with its status history',
    params: problemIdParams,
    responses: { 200: { description: 'The problem.', schema: problemDetailSchema }, 404: notFound },
  }, async ({ req, params }) => {
    const p = await actorOf(deps, req);
    return presentProblemDetail(await getProblem(deps, p, params.id), p.kind === 'user');
  });

  route(app, registry, {
    method: 'PUT', path: '/api/v1/problems/{id}/vote', operationId: 'voteForProblem', tag, access: 'signed-in',
    summary: 'Vote "me too"',
    description: 'One vote per account: voting again changes nothing (`changed: false`).',
    params: problemIdParams,
    responses: { 200: { description: 'The vote and the count after it.', schema: voteSchema }, 404: notFound, 409: { description: 'The problem was merged into another, or is hidden.' } },
  }, async ({ req, params }) => presentVote(await voteForProblem(deps, await actorOf(deps, req), params.id), true));

  route(app, registry, {
    method: 'DELETE', path: '/api/v1/problems/{id}/vote', operationId: 'withdrawVote', tag, access: 'signed-in',
    summary: 'Take a vote back',
    params: problemIdParams,
    responses: { 200: { description: 'The count after it.', schema: voteSchema }, 404: notFound },
  }, async ({ req, params }) => presentVote(await withdrawVote(deps, await actorOf(deps, req), params.id), false));

  route(app, registry, {
    method: 'POST', path: '/api/v1/problems/{id}/status', operationId: 'changeProblemStatus', tag, access: 'signed-in',
    summary: 'Move a problem through triage',
    description: 'new → under_review → scoped → in_project → addressed, or declined with a `reason`; moderators, and editors of the organization the problem is assigned to.',
    params: problemIdParams,
    body: problemStatusFields,
    bodyCheckedBy: 'action',
    responses: { 200: { description: 'The problem, with its status history.', schema: problemDetailSchema }, 403: { description: 'The caller may not triage this problem.' }, 404: notFound, 409: { description: 'The workflow has no such move from the problem\'s status.' } },
  }, ({ req, params }) => afterChange(req, (p) => changeProblemStatus(deps, p, params.id, req.body)));

  route(app, registry, {
    method: 'POST', path: '/api/v1/problems/{id}/comments', operationId: 'commentOnProblem', tag, access: 'signed-in',
    summary: 'Comment on a problem',
    description: '`{ "body" }`, 1 to 2,000 characters, shown as text. `409` for a merged or hidden problem.',
    params: problemIdParams,
    body: commentFields,
    bodyCheckedBy: 'action',
    responses: { 201: { description: 'The comment.', schema: commentSchema }, 404: notFound, 409: { description: 'The problem was merged into another, or is hidden.' } },
  }, async ({ req, reply, params }) => {
    const comment = await commentOnProblem(deps, await actorOf(deps, req), params.id, req.body);
    reply.status(201);
    return presentComment(comment);
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/problems/{id}/merge', operationId: 'mergeProblem', tag, access: 'signed-in',
    summary: 'Merge a duplicate into another problem',
    description: '`{ "into" }`: the other problem\'s id or page address. Votes (one per account) and comments move there, and the duplicate\'s page and API answer send readers there. A problem cannot be merged into itself, nor into one that is merged. Moderators.',
    params: problemIdParams,
    body: mergeFields,
    bodyCheckedBy: 'action',
    responses: { 200: { description: 'The problem merged into, with its status history.', schema: problemDetailSchema }, 400: { description: 'No such problem to merge into, itself, or one that is merged.' }, 403: { description: 'Only moderators merge.' }, 404: notFound, 409: { description: 'The problem is already merged.' } },
  }, ({ req, params }) => afterChange(req, (p) => mergeProblem(deps, p, params.id, req.body)));

  route(app, registry, {
    method: 'POST', path: '/api/v1/problems/{id}/assign', operationId: 'assignProblem', tag, access: 'signed-in',
    summary: 'Assign a problem to an organization',
    description: '`{ "organization" }`: its slug or id, or `null` for none. Editors of that organization may then triage the problem. Moderators.',
    params: problemIdParams,
    body: assignFields,
    bodyCheckedBy: 'action',
    responses: { 200: { description: 'The problem, with its status history.', schema: problemDetailSchema }, 400: { description: 'No such organization.' }, 403: { description: 'Only moderators assign.' }, 404: notFound },
  }, ({ req, params }) => afterChange(req, (p) => assignProblem(deps, p, params.id, req.body)));

  route(app, registry, {
    method: 'POST', path: '/api/v1/problems/{id}/visibility', operationId: 'setProblemHidden', tag, access: 'signed-in',
    summary: 'Hide a problem from the public, or show it again',
    description: '`{ "hidden": true, "reason" }` hides it (the reason is required) and `{ "hidden": false }` shows it again; its author is told by email, and the change is in the activity stream. Moderators.',
    params: problemIdParams,
    body: visibilityFields,
    bodyCheckedBy: 'action',
    responses: { 200: { description: 'The problem, with its status history.', schema: problemDetailSchema }, 400: { description: 'Hiding without a reason.' }, 403: { description: 'Only moderators hide and show problems.' }, 404: notFound },
  }, ({ req, params }) => afterChange(req, (p) => setProblemHidden(deps, p, params.id, req.body)));
}
