import type { MultipartValue } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { createDataset } from '../../../actions/catalog/create-dataset.ts';
import { getDataset, listDatasets, listOrganizations } from '../../../actions/catalog/read-datasets.ts';
import { addResource, retypeColumns, type ResourceInput } from '../../../actions/ingest/add-resource.ts';
import { AppError } from '../../../domain/errors.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { invalidInput } from '../../../domain/catalog/schemas.ts';
import { presentDetail, presentJob, presentResource, presentSummary } from './present.ts';

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  organization: z.string().optional(),
});

const idParams = z.object({ id: z.string().min(1).max(200) });

/** `types=a:integer,b:text` or a JSON object, from a query string or a form field. */
function parseTypes(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw.trim() === '') return raw ?? {};
  if (raw.trim().startsWith('{')) {
    try {
      return JSON.parse(raw);
    } catch {
      throw new AppError('validation_failed', 'The "types" field is not valid JSON.', { field: 'types' });
    }
  }
  return Object.fromEntries(
    raw.split(',').map((pair) => {
      const at = pair.lastIndexOf(':') >= 0 ? pair.lastIndexOf(':') : pair.lastIndexOf('=');
      if (at < 0) throw new AppError('validation_failed', `"${pair}" is not column:type.`, { field: 'types' });
      return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    }),
  );
}

const optionsFrom = (src: Record<string, unknown>) => ({
  ...(src.types !== undefined ? { types: parseTypes(src.types) } : {}),
  ...(src.policy !== undefined ? { policy: src.policy } : {}),
  ...(src.sheet !== undefined ? { sheet: src.sheet } : {}),
});

async function resourceInput(req: FastifyRequest): Promise<{ input: ResourceInput; options: Record<string, unknown> }> {
  const query = req.query as Record<string, unknown>;
  if (req.isMultipart()) {
    const file = await req.file();
    if (!file) throw new AppError('validation_failed', 'The form has no file. Send it in a field named "file".', { field: 'file' });
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(file.fields)) {
      const field = v as MultipartValue | undefined;
      if (field && !Array.isArray(v) && field.type === 'field') fields[k] = field.value;
    }
    return { input: { file: file.file, filename: file.filename || 'upload' }, options: optionsFrom({ ...query, ...fields }) };
  }
  const body = z.object({ url: z.string().min(1) }).passthrough().safeParse(req.body);
  if (!body.success) throw new AppError('validation_failed', 'Send a file as multipart/form-data, or JSON { "url": "https://..." }.', { field: 'url' });
  return { input: { url: body.data.url }, options: optionsFrom({ ...query, ...body.data }) };
}

export function datasetRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;

  app.get('/api/v1/datasets', async (req) => {
    const q = listQuery.safeParse(req.query);
    if (!q.success) throw invalidInput('The query is', q.error);
    const page = await listDatasets(deps, q.data);
    return { total: page.total, results: page.results.map(presentSummary) };
  });

  app.get('/api/v1/organizations', async () => ({ results: (await listOrganizations(deps)).map((o) => ({ id: o.id, slug: o.slug, name: o.name })) }));

  app.post('/api/v1/datasets', async (req, reply) => {
    const actor = await actorOf(deps, req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const dataset = await createDataset(deps, actor, body as never);
    reply.status(201);
    return presentDetail(await getDataset(deps, dataset.id));
  });

  app.get('/api/v1/datasets/:id', async (req) => {
    const { id } = idParams.parse(req.params);
    return presentDetail(await getDataset(deps, id));
  });

  app.post('/api/v1/datasets/:id/resources', async (req, reply) => {
    const actor = await actorOf(deps, req);
    const { id } = idParams.parse(req.params);
    const { input, options } = await resourceInput(req);
    const r = await addResource(deps, actor, id, input, options);
    reply.status(202).header('Location', `/api/v1/jobs/${r.job.id}`);
    return { resource: presentResource(r.resource), job: presentJob(r.job) };
  });

  app.post('/api/v1/datasets/:id/types', async (req, reply) => {
    const actor = await actorOf(deps, req);
    const { id } = idParams.parse(req.params);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const r = await retypeColumns(deps, actor, id, optionsFrom(body));
    reply.status(202).header('Location', `/api/v1/jobs/${r.job.id}`);
    return { job: presentJob(r.job) };
  });
}
