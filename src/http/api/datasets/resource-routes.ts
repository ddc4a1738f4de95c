import type { MultipartValue } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { addLink } from '../../../actions/catalog/resources.ts';
import { addResource, type ResourceInput } from '../../../actions/ingest/add-resource.ts';
import type { Principal } from '../../../actions/deps.ts';
import { requireUser } from '../../../actions/auth/authorize.ts';
import { AppError } from '../../../domain/errors.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { parseTypes } from './params.ts';
import { presentJob } from '../jobs/present.ts';
import { presentResource } from './present.ts';

const optionsFrom = (src: Record<string, unknown>) => ({
  ...(src.types !== undefined ? { types: parseTypes(src.types) } : {}),
  ...(src.policy !== undefined ? { policy: src.policy } : {}),
  ...(src.sheet !== undefined ? { sheet: src.sheet } : {}),
});

type Upload = { file: ResourceInput; options: Record<string, unknown> } | { link: Record<string, unknown> };

/** The three ways to add a resource: a multipart upload, JSON `{ url }` to fetch, or JSON `{ kind: link|api, … }`. */
async function readUpload(req: FastifyRequest, p: Promise<Principal>): Promise<Upload> {
  const query = req.query as Record<string, unknown>;
  if (req.isMultipart()) {
    // Refuse strangers before reading a byte of the upload.
    requireUser(await p, 'Adding a file');
    const file = await req.file();
    if (!file) throw new AppError('validation_failed', 'The form has no file. Send it in a field named "file".', { field: 'file' });
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(file.fields)) {
      const field = v as MultipartValue | undefined;
      if (field && !Array.isArray(v) && field.type === 'field') fields[k] = field.value;
    }
    return { file: { file: file.file, filename: file.filename || 'upload' }, options: optionsFrom({ ...query, ...fields }) };
  }
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (body.kind === 'link' || body.kind === 'api') return { link: body };
  const parsed = z.object({ url: z.string().min(1) }).passthrough().safeParse(body);
  if (!parsed.success) throw new AppError('validation_failed', 'Send a file as multipart/form-data, JSON { "url": "https://…" } to load a file from the web, or JSON { "kind": "link" | "api", "name", "url" }.', { field: 'url' });
  return { file: { url: parsed.data.url }, options: optionsFrom({ ...query, ...parsed.data }) };
}

export function resourceRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;
  route(app, registry, {
    method: 'POST', path: '/api/v1/datasets/{id}/resources', operationId: 'addResource', tag: 'Data', access: 'editor',
    summary: 'Add a file (upload or URL, loaded as a new version) or a link or API',
    params: z.object({ id: z.string().min(1).max(200) }),
    multipart: {
      description: 'A `file` field (multipart/form-data), or JSON `{ "url" }` to fetch a file, or JSON `{ "kind": "link"|"api", "name", "url", "description"?, "format"? }`.',
      fields: { file: 'The data file', types: 'Column overrides: `col:type,col2:format` (a type such as `text`, or a format id such as `date-dmy`; see docs/ingest.md) or a JSON object', policy: '`lenient` (default) or `strict`', sheet: 'XLSX sheet name' },
    },
    responses: { 202: { description: 'A file: the resource and its ingest job' }, 201: { description: 'A link or API: the resource' } },
  }, async ({ req, reply, params }) => {
    const principal = actorOf(deps, req);
    const upload = await readUpload(req, principal);
    if ('link' in upload) {
      reply.status(201);
      return { resource: presentResource(await addLink(deps, await principal, params.id, upload.link)) };
    }
    const r = await addResource(deps, await principal, params.id, upload.file, upload.options);
    reply.status(202).header('Location', `/api/v1/jobs/${r.job.id}`);
    return { resource: presentResource(r.resource), job: presentJob(r.job) };
  });
}
