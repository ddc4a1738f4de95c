import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { changeStatus, statusChangeFields } from '../../../actions/catalog/change-status.ts';
import { createDataset } from '../../../actions/catalog/create-dataset.ts';
import { deleteDataset } from '../../../actions/catalog/delete-dataset.ts';
import { dictionaryFields, updateDictionary } from '../../../actions/catalog/dictionary.ts';
import { getDataset, noteUse, searchDatasets, type DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import { harvestMarks } from '../../../actions/harvest/marks.ts';
import { removeResource } from '../../../actions/catalog/resources.ts';
import { updateDataset } from '../../../actions/catalog/update-dataset.ts';
import { siteThemes } from '../../../actions/site/settings.ts';
import { retypeColumns } from '../../../actions/ingest/add-resource.ts';
import { metadataFields, newDatasetFields } from '../../../domain/catalog/metadata.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { presentJob } from '../jobs/present.ts';
import { presentDetail, presentDictionary, presentSearch, presentVocabularies } from './present.ts';
import { parseTypes, searchQuerySchema } from './params.ts';
import { resourceRoutes } from './resource-routes.ts';

export const idParams = z.object({ id: z.string().min(1).max(200).describe('Dataset id or slug') });
const ok = (description: string) => ({ 200: { description } });

export function datasetRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;
  /** A dataset as the API writes it, with where it was harvested from. */
  const detailOf = async (d: DatasetDetail) => presentDetail(d, (await harvestMarks(deps, [d.dataset.id])).get(d.dataset.id));

  route(app, registry, {
    method: 'GET', path: '/api/v1/datasets', operationId: 'searchDatasets', tag: 'Datasets', access: 'public',
    summary: 'Search the catalog',
    description: 'Relevance-ranked, typo-tolerant search with filters and facet counts. Anonymous callers see published, non-private datasets; members also see their organizations\' drafts when they ask for them with `status`.',
    query: searchQuerySchema,
    responses: ok('`{ total, results, facets: { <facet>: [{ value, count }] } }`; organization values (slugs) also carry the organization\'s name as `label`'),
  }, async ({ req, query }) => {
    const page = await searchDatasets(deps, await actorOf(deps, req), query);
    return presentSearch(page, await harvestMarks(deps, page.results.map((r) => r.dataset.id)));
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/vocabularies', operationId: 'getVocabularies', tag: 'Datasets', access: 'public',
    summary: 'Themes, licenses, update frequencies, access levels and statuses publishers choose from',
    responses: ok('The lists'),
  }, async () => presentVocabularies(await siteThemes(deps)));

  route(app, registry, {
    method: 'POST', path: '/api/v1/datasets', operationId: 'createDataset', tag: 'Datasets', access: 'editor',
    summary: 'Create a dataset (as a draft)',
    description: '`organization` names an existing organization by slug or name; organizations are created with `POST /api/v1/organizations`, never on the way.',
    body: newDatasetFields(null),
    bodyCheckedBy: 'action',
    responses: {
      201: { description: 'The new dataset' },
      400: { description: 'validation_failed: one entry per field in `details.fields`; an unknown organization names the known ones, also listed in `details.organizations`.' },
    },
  }, async ({ req, reply }) => {
    const dataset = await createDataset(deps, await actorOf(deps, req), req.body);
    reply.status(201);
    return detailOf(await getDataset(deps, await actorOf(deps, req), dataset.id));
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/datasets/{id}', operationId: 'getDataset', tag: 'Datasets', access: 'public',
    summary: 'One dataset: metadata, freshness, columns with their dictionary and profile, resources and versions',
    params: idParams,
    responses: ok('The dataset'),
  }, async ({ req, params }) => {
    const detail = await getDataset(deps, await actorOf(deps, req), params.id);
    noteUse(deps, detail.dataset, 'api');
    return detailOf(detail);
  });

  route(app, registry, {
    method: 'PATCH', path: '/api/v1/datasets/{id}', operationId: 'updateDataset', tag: 'Datasets', access: 'editor',
    summary: 'Change a dataset\'s metadata',
    params: idParams,
    body: metadataFields(null),
    bodyCheckedBy: 'action',
    responses: ok('The dataset'),
  }, async ({ req, params }) => {
    const p = await actorOf(deps, req);
    await updateDataset(deps, p, params.id, req.body);
    return detailOf(await getDataset(deps, p, params.id));
  });

  route(app, registry, {
    method: 'DELETE', path: '/api/v1/datasets/{id}', operationId: 'deleteDataset', tag: 'Datasets', access: 'org-admin',
    summary: 'Delete a dataset and its versions',
    params: idParams,
    responses: { 204: { description: 'Deleted' } },
  }, async ({ req, reply, params }) => {
    await deleteDataset(deps, await actorOf(deps, req), params.id);
    return reply.status(204).send();
  });

  route(app, registry, {
    method: 'POST', path: '/api/v1/datasets/{id}/status', operationId: 'changeDatasetStatus', tag: 'Publishing', access: 'editor',
    summary: 'Move a dataset through the workflow: submit (editors), publish, send back, archive (organization admins)',
    params: idParams,
    body: statusChangeFields,
    bodyCheckedBy: 'action',
    responses: ok('The dataset'),
  }, async ({ req, params }) => {
    const p = await actorOf(deps, req);
    await changeStatus(deps, p, params.id, req.body);
    return detailOf(await getDataset(deps, p, params.id));
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/datasets/{id}/dictionary', operationId: 'getDictionary', tag: 'Datasets', access: 'public',
    summary: 'The data dictionary: label, description and unit of each column',
    params: idParams,
    responses: ok('`{ columns: [{ name, label, description, unit }] }`'),
  }, async ({ req, params }) => ({ columns: presentDictionary((await getDataset(deps, await actorOf(deps, req), params.id)).dictionary) }));

  route(app, registry, {
    method: 'PATCH', path: '/api/v1/datasets/{id}/dictionary', operationId: 'updateDictionary', tag: 'Datasets', access: 'editor',
    summary: 'Describe columns',
    params: idParams,
    body: dictionaryFields,
    bodyCheckedBy: 'action',
    responses: ok('The whole dictionary'),
  }, async ({ req, params }) => ({ columns: presentDictionary(await updateDictionary(deps, await actorOf(deps, req), params.id, req.body)) }));

  route(app, registry, {
    method: 'POST', path: '/api/v1/datasets/{id}/types', operationId: 'retypeColumns', tag: 'Data', access: 'editor',
    summary: 'Re-run the ingest of the live version\'s file with column type or format overrides',
    params: idParams,
    body: z.object({ types: z.union([z.record(z.string(), z.string()), z.string()]), policy: z.enum(['lenient', 'strict']).optional() }),
    responses: { 202: { description: 'The ingest job' } },
  }, async ({ req, reply, params, body }) => {
    const r = await retypeColumns(deps, await actorOf(deps, req), params.id, { types: parseTypes(body.types), ...(body.policy ? { policy: body.policy } : {}) });
    reply.status(202).header('Location', `/api/v1/jobs/${r.job.id}`);
    return { job: presentJob(r.job) };
  });

  route(app, registry, {
    method: 'DELETE', path: '/api/v1/datasets/{id}/resources/{resourceId}', operationId: 'removeResource', tag: 'Data', access: 'editor',
    summary: 'Remove a resource; data already loaded from it stays',
    params: idParams.extend({ resourceId: z.string().min(1).max(100) }),
    responses: { 204: { description: 'Removed' } },
  }, async ({ req, reply, params }) => {
    await removeResource(deps, await actorOf(deps, req), params.id, params.resourceId);
    return reply.status(204).send();
  });

  resourceRoutes(app, ctx);
}
