import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { noteUse } from '../../../actions/catalog/read-datasets.ts';
import { facetCounts, queryVersionRecords } from '../../../actions/records/query-records.ts';
import { readableVersion } from '../../../actions/records/resolve-version.ts';
import { matchesEtag } from '../../pages/page-cache.ts';
import { RecordsCache } from './answer-cache.ts';
import { normalizedQuery, recordsEtag } from './etag.ts';
import { rejectsFile } from '../../../actions/records/rejects-file.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { facetsQuerySchema, recordsQuerySchema } from './params.ts';
import { presentFacets, presentRecords } from './present.ts';

const idParams = z.object({ id: z.string().min(1).max(200) });

export function recordsRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;
  const kept = ctx.records ?? new RecordsCache();

  route(app, registry, {
    method: 'GET', path: '/api/v1/datasets/{id}/records', operationId: 'queryRecords', tag: 'Data', access: 'public',
    summary: 'Query the rows of the live version (or `version=N`) with the records query language',
    params: idParams,
    query: recordsQuerySchema,
    responses: { 200: { description: '`{ total_count, fields, results, next_cursor }`, with an `ETag` of the version and query (`If-None-Match` gets 304 while the version is the same)' } },
  }, async ({ req, reply, params, query }) => {
    // Who may read it is checked first: the tag, the 304 and the kept answers come after.
    const readable = await readableVersion(deps, await actorOf(deps, req), params.id, query.version);
    const normalized = normalizedQuery(query.req);
    const etag = recordsEtag(readable, 'records', normalized);
    void reply.header('ETag', etag);
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      noteUse(deps, readable.dataset, 'api');
      return reply.code(304).send();
    }
    // The version's id is in the key: an answer kept is never of another version.
    const key = `${readable.version.id} ${normalized}`;
    let body = kept.get(key);
    if (body === undefined) {
      body = JSON.stringify(presentRecords(await queryVersionRecords(deps, readable, query.req, 'api')));
      kept.set(key, body);
    } else noteUse(deps, readable.dataset, 'api');
    return reply.header('Content-Type', 'application/json; charset=utf-8').send(body);
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/datasets/{id}/facets', operationId: 'facetRecords', tag: 'Data', access: 'public',
    summary: 'Value counts of `facet=column` (repeatable) under the same filters as the records query',
    params: idParams,
    query: facetsQuerySchema,
    responses: { 200: { description: '`{ facets: [{ name, label, type, values: [{ value, count }] }] }`' } },
  }, async ({ req, params, query }) => {
    const p = await actorOf(deps, req);
    return presentFacets(await Promise.all(query.facets.map((f) => facetCounts(deps, p, params.id, f, query.req, query.facetLimit, query.version))));
  });

  route(app, registry, {
    method: 'GET', path: '/api/v1/datasets/{id}/versions/{number}/rejects.csv', operationId: 'getRejects', tag: 'Data', access: 'public',
    summary: 'The rows version `number` could not load, as CSV',
    params: z.object({ id: z.string().min(1), number: z.coerce.number().int().min(1) }),
    responses: { 200: { description: 'CSV: row, line, column, problem, record', contentType: 'text/csv' } },
  }, async ({ req, reply, params }) => {
    const file = await rejectsFile(deps, await actorOf(deps, req), params.id, params.number);
    return reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${file.filename}"`)
      .send(file.stream);
  });
}
