import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { facetCounts, queryRecords } from '../../../actions/records/query-records.ts';
import { rejectsFile } from '../../../actions/records/rejects-file.ts';
import type { HttpContext } from '../../context.ts';
import { parseRecordsQuery } from './params.ts';

const idParams = z.object({ id: z.string().min(1).max(200) });

export function recordsRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;

  app.get('/api/v1/datasets/:id/records', async (req) => {
    const { id } = idParams.parse(req.params);
    const { req: query, version } = parseRecordsQuery(req.query);
    return queryRecords(deps, id, query, version);
  });

  app.get('/api/v1/datasets/:id/facets', async (req) => {
    const { id } = idParams.parse(req.params);
    const raw = req.query as Record<string, unknown>;
    const facet = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).parse(raw.facet);
    const facetLimit = z.coerce.number().int().min(1).max(10_000).optional().parse(raw.facet_limit);
    const { facet: _f, facet_limit: _l, ...rest } = raw;
    const { req: query, version } = parseRecordsQuery(rest);
    const facets = await Promise.all((Array.isArray(facet) ? facet : [facet]).map((f) => facetCounts(deps, id, f, query, facetLimit, version)));
    return { facets: facets.map((f) => ({ name: f.field.name, label: f.field.label, type: f.field.type, values: f.values })) };
  });

  app.get('/api/v1/datasets/:id/versions/:number/rejects.csv', async (req, reply) => {
    const { id, number } = z.object({ id: z.string().min(1), number: z.coerce.number().int().min(1) }).parse(req.params);
    const file = await rejectsFile(deps, id, number);
    return reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${file.filename}"`)
      .send(file.stream);
  });
}
