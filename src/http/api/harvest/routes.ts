import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requestHarvestedData } from '../../../actions/harvest/harvested.ts';
import { listSourceViews, sourceView } from '../../../actions/harvest/source-views.ts';
import { addSource, getRun, listRuns, removeSource, requestHarvest, updateSource } from '../../../actions/harvest/sources.ts';
import { getJob } from '../../../actions/jobs/get-job.ts';
import { sourceFields, sourcePatchFields } from '../../../domain/harvest/source-input.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { presentJob } from '../jobs/present.ts';
import { harvestedDatasetRoutes } from './dataset-routes.ts';
import { presentRun, presentSource, presentSourceRef, runSchema, sourceRefSchema, sourceSchema, sourceUrl } from './present.ts';

const idParams = z.object({ id: z.string().min(1).max(100) });
const noSource = { description: 'No such source (or, for a caller who is not a site administrator, no such peer).' };
const adminsOnly = { 401: { description: 'Not signed in.' }, 403: { description: 'Site administrators only.' } };
const jobSchema = z.object({ id: z.string(), type: z.string(), status: z.string(), phase: z.string() }).passthrough();

/**
 * Harvest sources and peers, their runs and reports. Site administrators
 * manage them; everyone may list and read the peers (the peer network is
 * public), never the rest.
 */
export function harvestRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;
  const tag = 'Harvesting';

  route(app, registry, {
    method: 'GET', path: '/api/v1/harvest/sources', operationId: 'listHarvestSources', tag, access: 'public',
    summary: 'Harvest sources and peers, by name',
    description: 'Site administrators see every source, with its last run; everyone else sees the peers only.',
    responses: { 200: { description: 'The sources.', schema: z.object({ results: z.array(sourceSchema) }) } },
  }, async ({ req }) => ({ results: (await listSourceViews(deps, await actorOf(deps, req))).map(presentSource) }));

  route(app, registry, {
    method: 'POST', path: '/api/v1/harvest/sources', operationId: 'addHarvestSource', tag, access: 'site-admin',
    summary: 'Add a source to harvest, a peer, or both',
    description: '`kind` is one of ckan, dcat-us, dcat-ap, socrata, plaza; `url` the catalog\'s address. `organization` (id, slug or name) is where its datasets are listed, made when missing (default: one named after the source). `harvest` (default true), `peer` (default false), `schedule_hours` (default 24; null: on demand only). An address inside a private network is refused unless PLAZA_ALLOW_PRIVATE_URLS is set.',
    body: sourceFields,
    bodyCheckedBy: 'action',
    responses: { 201: { description: 'The source.', schema: sourceSchema }, 400: { description: 'validation_failed: one entry per field in `details.fields` (a refused address under `url`).' }, ...adminsOnly },
  }, async ({ req, reply }) => {
    const p = await actorOf(deps, req);
    const source = await addSource(deps, p, req.body);
    reply.status(201).header('Location', sourceUrl(source.id));
    return presentSource(await sourceView(deps, p, source.id));
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/harvest/sources/{id}', operationId: 'getHarvestSource', tag, access: 'public',
    summary: 'One source or peer',
    params: idParams,
    responses: { 200: { description: 'The source.', schema: sourceSchema }, 404: noSource },
  }, async ({ req, params }) => presentSource(await sourceView(deps, await actorOf(deps, req), params.id)));

  route(app, registry, {
    method: 'PATCH', path: '/api/v1/harvest/sources/{id}', operationId: 'updateHarvestSource', tag, access: 'site-admin',
    summary: 'Change a source\'s name, address, roles or schedule',
    description: 'Any of `name`, `url`, `harvest`, `peer`, `schedule_hours` (null: on demand only). Turning `harvest` off drops the schedule.',
    params: idParams,
    body: sourcePatchFields,
    bodyCheckedBy: 'action',
    responses: { 200: { description: 'The source.', schema: sourceSchema }, 400: { description: 'validation_failed.' }, 404: noSource, ...adminsOnly },
  }, async ({ req, params }) => {
    const p = await actorOf(deps, req);
    const source = await updateSource(deps, p, params.id, req.body);
    return presentSource(await sourceView(deps, p, source.id));
  });

  route(app, registry, {
    method: 'DELETE', path: '/api/v1/harvest/sources/{id}', operationId: 'removeHarvestSource', tag, access: 'site-admin',
    summary: 'Remove a source and its reports',
    description: 'The datasets it brought stay, no longer marked as harvested.',
    params: idParams,
    responses: { 204: { description: 'Removed.' }, 404: noSource, ...adminsOnly },
  }, async ({ req, reply, params }) => {
    await removeSource(deps, await actorOf(deps, req), params.id);
    return reply.status(204).send();
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/harvest/sources/{id}/runs', operationId: 'runHarvest', tag, access: 'site-admin',
    summary: 'Harvest a source now, in the background',
    description: 'Answers 202 with the run and its job (follow either). A run already queued or running is returned instead of a second one. A source listed as a peer only answers 409.',
    params: idParams,
    responses: { 202: { description: 'The run, queued, and its job.', schema: z.object({ run: runSchema, job: jobSchema.nullable() }) }, 404: noSource, 409: { description: 'The source is a peer only: harvesting is off.' }, ...adminsOnly },
  }, async ({ req, reply, params }) => {
    const run = await requestHarvest(deps, await actorOf(deps, req), params.id);
    const job = run.jobId ? await getJob(deps, run.jobId).catch(() => undefined) : undefined;
    reply.status(202).header('Location', presentRun(run).links.self);
    return { run: presentRun(run), job: job ? presentJob(job) : null };
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/harvest/sources/{id}/runs', operationId: 'listHarvestRuns', tag, access: 'site-admin',
    summary: 'A source\'s run reports, newest first',
    params: idParams,
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
    responses: { 200: { description: 'The source and its runs.', schema: z.object({ source: sourceRefSchema, results: z.array(runSchema) }) }, 404: noSource, ...adminsOnly },
  }, async ({ req, params, query }) => {
    const { source, runs } = await listRuns(deps, await actorOf(deps, req), params.id, query.limit);
    return { source: presentSourceRef(source), results: runs.map(presentRun) };
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/harvest/runs/{id}', operationId: 'getHarvestRun', tag, access: 'site-admin',
    summary: 'One run\'s report',
    description: 'Status (queued, running, succeeded, partial, failed), counts (created, updated, archived, unchanged, errors), each record that could not be taken with its identifier, title and reason, the message of a failed run, what was asked for (`since`), bytes read, start and finish.',
    params: idParams,
    responses: { 200: { description: 'The report.', schema: runSchema.extend({ source: sourceRefSchema }) }, 404: { description: 'No such run.' }, ...adminsOnly },
  }, async ({ req, params }) => {
    const { source, run } = await getRun(deps, await actorOf(deps, req), params.id);
    return { ...presentRun(run), source: presentSourceRef(source) };
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/harvest/sources/{id}/fetch', operationId: 'fetchHarvestedSource', tag, access: 'site-admin',
    summary: 'Load the data of every dataset a source brought',
    description: 'Each dataset\'s CSV, GeoJSON or spreadsheet distribution is downloaded and loaded as a version, through the ingest pipeline and its limits, by a background job; answers 202 with the job. Datasets that cannot be loaded are named in the job\'s errors.',
    params: idParams,
    responses: { 202: { description: 'The job.', schema: z.object({ job: jobSchema }) }, 404: noSource, ...adminsOnly },
  }, async ({ req, reply, params }) => {
    const job = await requestHarvestedData(deps, await actorOf(deps, req), { source: params.id });
    reply.status(202).header('Location', `/api/v1/jobs/${job.id}`);
    return { job: presentJob(job) };
  });

  harvestedDatasetRoutes(app, ctx);
}
