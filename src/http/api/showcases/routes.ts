import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { approveShowcase } from '../../../actions/showcases/approve-showcase.ts';
import { getShowcase, listPendingShowcases, listShowcases } from '../../../actions/showcases/read-showcases.ts';
import { rejectShowcase } from '../../../actions/showcases/reject-showcase.ts';
import { submitShowcase } from '../../../actions/showcases/submit-showcase.ts';
import { requireUser } from '../../../actions/auth/authorize.ts';
import { SHOWCASE_KINDS, showcaseReviewFields } from '../../../domain/community/showcases.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { listParam } from '../datasets/params.ts';
import { presentShowcase, presentShowcaseDetail, presentShowcaseList, showcaseDetailSchema, showcaseListSchema, showcaseSchema, showcaseUrl } from './present.ts';
import { readShowcaseForm } from './read-form.ts';

const idParams = z.object({ id: z.string().min(1).max(200) });
const notFound = { description: 'No such showcase, or one not approved that the caller may not see.' };

const listQuery = z.object({
  kind: listParam.pipe(z.array(z.enum(SHOWCASE_KINDS, { message: `is not a kind; use ${SHOWCASE_KINDS.join(', ')}` })).optional()),
  dataset: z.string().trim().min(1).max(200).optional().describe('Only showcases using this dataset (slug or id)'),
  limit: z.coerce.number().int().min(1).max(100).default(24),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  q: z.string().trim().max(500).optional().describe('Text to search for: words in English or Spanish, any form of them, accents or not, with a typo or two; showcases matching more of the words come first'),
});

/** Showcases: what people built with the data, shown once a moderator approves. */
export function showcaseRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;
  const tag = 'Showcases';
  const widths = deps.images.widths;

  route(app, registry, {
    method: 'GET', path: '/api/v1/showcases', operationId: 'listShowcases', tag, access: 'public',
    summary: 'The gallery of approved showcases',
    description: 'Newest first, by kind and by the dataset used, or searched with `q` (best match first), with counts by kind.',
    query: listQuery,
    responses: { 200: { description: 'A page of showcases and the total.', schema: showcaseListSchema } },
  }, async ({ query }) => presentShowcaseList(await listShowcases(deps, { ...(query.kind ? { kinds: query.kind } : {}), ...(query.dataset ? { dataset: query.dataset } : {}), limit: query.limit, offset: query.offset, ...(query.q ? { q: query.q } : {}), facets: true }), widths));

  route(app, registry, {
    method: 'POST', path: '/api/v1/showcases', operationId: 'submitShowcase', tag, access: 'signed-in',
    summary: 'Submit a showcase',
    description: 'JSON, or multipart/form-data with the same fields and an `image` file (JPEG, PNG, WebP or GIF, at most 10 MB; kept as WebP at 320, 640 and 1280 pixels wide, without its metadata). `datasets` lists the slugs of the published datasets it uses. It waits for a moderator (`pending`).',
    multipart: {
      description: 'The showcase as form fields, with an optional `image` file.',
      fields: { title: 'Its title', kind: SHOWCASE_KINDS.join(', '), description: 'What it is', link: 'An http(s) address where it can be seen', made_by: 'Who made it', image_alt: 'What the image shows', datasets: 'The slug of a dataset it uses (repeat the field for each)', image: 'A picture of it' },
    },
    responses: { 201: { description: 'The showcase, pending.', schema: showcaseSchema }, 400: { description: 'validation_failed: one entry per field in `details.fields`.' }, 413: { description: 'The image is over the size limit.' } },
  }, async ({ req, reply }) => {
    const p = await actorOf(deps, req);
    // Strangers are refused before a byte of an upload is read.
    requireUser(p, 'Submitting a showcase');
    const form = await readShowcaseForm(req, deps.images.maxBytes);
    const f = form.fields;
    const input = { ...f, madeBy: f.made_by ?? f.madeBy, imageAlt: f.image_alt ?? f.imageAlt };
    const showcase = await submitShowcase(deps, p, input, form.image);
    reply.status(201).header('Location', showcaseUrl(showcase.id));
    return presentShowcase(showcase, widths);
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/showcases/pending', operationId: 'listPendingShowcases', tag, access: 'signed-in',
    summary: 'Showcases waiting for a moderator',
    description: 'Oldest first. Moderators only.',
    responses: { 200: { description: 'The showcases.', schema: z.object({ results: z.array(showcaseSchema) }) } },
  }, async ({ req }) => ({ results: (await listPendingShowcases(deps, await actorOf(deps, req))).map((s) => presentShowcase(s, widths)) }));

  route(app, registry, {
    method: 'GET', path: '/api/v1/showcases/{id}', operationId: 'getShowcase', tag, access: 'public',
    summary: 'One showcase, with the datasets it uses',
    params: idParams,
    responses: { 200: { description: 'The showcase.', schema: showcaseDetailSchema }, 404: notFound },
  }, async ({ req, params }) => presentShowcaseDetail(await getShowcase(deps, await actorOf(deps, req), params.id), widths));

  route(app, registry, {
    method: 'POST', path: '/api/v1/showcases/{id}/approve', operationId: 'approveShowcase', tag, access: 'signed-in',
    summary: 'Approve a showcase (moderators)',
    description: 'It is public from then on: in the gallery and on the page of every dataset it uses.',
    params: idParams,
    responses: { 200: { description: 'The showcase.', schema: showcaseSchema }, 404: notFound, 409: { description: 'It is approved already.' } },
  }, async ({ req, params }) => presentShowcase(await approveShowcase(deps, await actorOf(deps, req), params.id), widths));

  route(app, registry, {
    method: 'POST', path: '/api/v1/showcases/{id}/reject', operationId: 'rejectShowcase', tag, access: 'signed-in',
    summary: 'Reject a showcase with a reason (moderators)',
    description: 'The reason is required; the author is told by email.',
    params: idParams,
    body: showcaseReviewFields,
    bodyCheckedBy: 'action',
    responses: { 200: { description: 'The showcase.', schema: showcaseSchema }, 400: { description: 'No reason given.' }, 404: notFound, 409: { description: 'It is rejected already.' } },
  }, async ({ req, params }) => presentShowcase(await rejectShowcase(deps, await actorOf(deps, req), params.id, req.body), widths));
}
