import { Transform, type TransformCallback } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { noteUse } from '../../../actions/catalog/read-datasets.ts';
import { ExportAborted, exportRecords } from '../../../actions/records/export-records.ts';
import { readableVersion } from '../../../actions/records/resolve-version.ts';
import { matchesEtag } from '../../pages/page-cache.ts';
import { normalizedQuery, recordsEtag } from './etag.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { exportQuerySchema } from './params.ts';

const exportParams = z.object({ id: z.string().min(1).max(200), format: z.string().min(1).max(50) });

/** The response body: passes bytes through and tells when the first ones arrive. */
class Body extends Transform {
  private markStarted: (() => void) | undefined;
  readonly started = new Promise<void>((resolve) => {
    this.markStarted = resolve;
  });

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.markStarted?.();
    this.markStarted = undefined;
    done(null, chunk);
  }
}

export function exportRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;

  route(app, registry, {
    method: 'GET', path: '/api/v1/datasets/{id}/export/{format}', operationId: 'exportRecords', tag: 'Data', access: 'public',
    summary: 'Download the dataset, or a query\'s result, as csv, json, ndjson, geojson, parquet or xlsx',
    params: exportParams,
    query: exportQuerySchema,
    responses: { 200: { description: 'The file, streamed, with an `ETag` of the version, format and query (`If-None-Match` gets 304 while the version is the same)', contentType: 'application/octet-stream' } },
  }, async ({ req, reply, params, query }) => {
    const { id, format } = params;
    const p = await actorOf(deps, req);
    // The version is chosen once: the tag and the file are of the same one.
    const readable = await readableVersion(deps, p, id, query.version);
    const etag = recordsEtag(readable, `export ${format}`, normalizedQuery(query.req, { derived: query.derived }));
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      noteUse(deps, readable.dataset, 'download');
      return reply.header('ETag', etag).code(304).send();
    }
    const exp = await exportRecords(deps, p, id, format, query.req, query.version, { derived: query.derived, readable });
    const headers = { 'Content-Type': exp.contentType, 'Content-Disposition': `attachment; filename="${exp.filename}"`, ETag: etag };
    // HEAD: the checks have passed; do not run the export only to throw it away.
    if (req.method === 'HEAD') return reply.headers(headers).send();

    // A client that goes away stops the query.
    const abort = new AbortController();
    reply.raw.once('close', () => abort.abort());

    const body = new Body();
    let sent = false;
    const finished = exp.write(body, abort.signal).catch((e: unknown) => {
      // Once Fastify has the body, an error on it cuts the response short; before, nobody listens.
      if (sent) body.destroy(e instanceof Error ? e : new Error(String(e)));
      else body.destroy();
      throw e;
    });
    // Until the first byte, a failure is an ordinary error response; after it, the transfer is cut short.
    try {
      await Promise.race([body.started, finished]);
    } catch (e) {
      abort.abort();
      // The client left before the first byte: there is no one to answer.
      if (e instanceof ExportAborted) return reply.hijack();
      throw e;
    }
    finished.catch((e: unknown) => {
      if (e instanceof ExportAborted) req.log.debug({ export: exp.filename }, 'export cancelled by the client');
      else req.log.error({ err: e, export: exp.filename }, 'export failed after it started');
    });
    sent = true;
    return reply.headers(headers).send(body);
  });
}
