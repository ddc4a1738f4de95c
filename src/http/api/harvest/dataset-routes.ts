import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { provenanceOf, requestHarvestedData, saveLocalNotes } from '../../../actions/harvest/harvested.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { presentJob } from '../jobs/present.ts';
import { notesSchema, originSchema, presentNotes, presentProvenance } from './present.ts';

const idParams = z.object({ id: z.string().min(1).max(200).describe('Dataset id or slug') });
const noDataset = { description: 'No such dataset, or not one the caller may see.' };

/** A harvested dataset: where it came from, its local notes, and loading its data. */
export function harvestedDatasetRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;
  const tag = 'Harvesting';

  route(app, registry, {
    method: 'GET', path: '/api/v1/datasets/{id}/origin', operationId: 'getDatasetOrigin', tag, access: 'public',
    summary: 'Where a dataset was harvested from, and its local notes',
    description: 'Each origin with its source, the original link, when the source last changed it, when it was first and last seen, and when the source dropped it. `harvested: false` for a dataset made here.',
    params: idParams,
    responses: { 200: { description: 'The provenance.', schema: originSchema }, 404: noDataset },
  }, async ({ req, params }) => presentProvenance(await provenanceOf(deps, await actorOf(deps, req), params.id)));

  route(app, registry, {
    method: 'PUT', path: '/api/v1/datasets/{id}/notes', operationId: 'saveDatasetNotes', tag, access: 'editor',
    summary: 'Write a harvested dataset\'s local notes',
    description: 'The one part of a harvested dataset edited here (its metadata comes from the source): `{ "notes" }`, at most 10,000 characters. A dataset made here answers 409. Editors of its organization.',
    params: idParams,
    body: z.object({ notes: z.string().max(10_000) }),
    bodyCheckedBy: 'action',
    responses: { 200: { description: 'The notes.', schema: notesSchema }, 400: { description: 'validation_failed.' }, 404: noDataset, 409: { description: 'The dataset was not harvested.' } },
  }, async ({ req, params }) => presentNotes(await saveLocalNotes(deps, await actorOf(deps, req), params.id, req.body)));

  route(app, registry, {
    method: 'POST', path: '/api/v1/datasets/{id}/fetch', operationId: 'fetchHarvestedDataset', tag, access: 'org-admin',
    summary: 'Load a harvested dataset\'s data as a version',
    description: 'Its CSV, GeoJSON or spreadsheet distribution is downloaded and loaded through the ingest pipeline and its limits, by a background job; answers 202 with the job. A dataset made here answers 409. Admins of its organization.',
    params: idParams,
    responses: { 202: { description: 'The job.', schema: z.object({ job: z.object({ id: z.string() }).passthrough() }) }, 404: noDataset, 409: { description: 'The dataset was not harvested.' } },
  }, async ({ req, reply, params }) => {
    const job = await requestHarvestedData(deps, await actorOf(deps, req), { dataset: params.id });
    reply.status(202).header('Location', `/api/v1/jobs/${job.id}`);
    return { job: presentJob(job) };
  });
}
