import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { catalogDates } from '../../../actions/catalog/catalog-dates.ts';
import { catalogPage } from '../../../actions/catalog/catalog-pages.ts';
import { getDataset } from '../../../actions/catalog/read-datasets.ts';
import { anonymous } from '../../../actions/deps.ts';
import { getSite } from '../../../actions/site/settings.ts';
import { datasetMembership, datasetTriples } from '../../../domain/compat/dcat-ap/dataset.ts';
import { pageUrl, parsePaging } from '../../../domain/compat/dcat-ap/paging.ts';
import { catalogTriples, type DcatSite } from '../../../domain/compat/dcat-ap/site.ts';
import { AppError } from '../../../domain/errors.ts';
import type { HttpContext } from '../../context.ts';
import { formatByExt, type RdfFormat } from './formats.ts';
import { negotiate, NOT_ACCEPTABLE } from './negotiate.ts';

/** Datasets read per query while a page is written: a page of 1,000 is written ten slices at a time. */
const SLICE = 100;

const refuse = (reply: FastifyReply, status: number, message: string) => reply.code(status).header('Cache-Control', 'no-store').type('text/plain; charset=utf-8').send(`${message}\n`);

/**
 * DCAT-AP 3.0.1 descriptions of the catalog and of each dataset
 * (docs/standards.md, ADR 45), as Turtle, JSON-LD and RDF/XML, for what
 * anyone may see: published datasets that are not private. The catalog is
 * paged with Hydra and written as it is read, a slice of datasets at a time.
 */
export function dcatApRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, baseUrl } = ctx;
  const site = async (): Promise<DcatSite> => {
    const s = await getSite(deps);
    return { baseUrl, name: s.name, languages: s.languages, themes: s.themes };
  };

  const start = (reply: FastifyReply, format: RdfFormat) => {
    const out = new PassThrough();
    void reply.header('Content-Type', format.type).header('Access-Control-Allow-Origin', '*').header('Cache-Control', 'public, max-age=300').header('Vary', 'Accept');
    return { out, sink: format.open(out) };
  };

  const catalog = async (req: FastifyRequest, reply: FastifyReply, format: RdfFormat) => {
    const paging = parsePaging((req.query ?? {}) as Record<string, unknown>);
    if (!paging.ok) return refuse(reply, 400, paging.message);
    const [s, dates] = await Promise.all([site(), catalogDates(deps, anonymous)]);
    const last = Math.max(1, Math.ceil(dates.total / paging.perPage));
    if (paging.page > last) return refuse(reply, 404, `There is no page ${paging.page}: the catalog has ${last} page${last === 1 ? '' : 's'} of ${paging.perPage} datasets.`);
    const path = `/catalog${req.url.split('?')[0]?.endsWith(`.${format.ext}`) ? `.${format.ext}` : ''}`;
    const { out, sink } = start(reply, format);
    const write = async () => {
      await sink.write(catalogTriples(s, dates, { page: paging.page, perPage: paging.perPage, total: dates.total, pageUrl: (n) => pageUrl(baseUrl, path, paging.perPage, n) }).quads);
      const from = (paging.page - 1) * paging.perPage;
      const to = Math.min(from + paging.perPage, dates.total);
      for (let offset = from; offset < to; offset += SLICE) {
        const { entries } = await catalogPage(deps, anonymous, { offset, limit: Math.min(SLICE, to - offset) });
        for (const e of entries) await sink.write([...datasetMembership(s, e).quads, ...datasetTriples(s, e).quads]);
        if (entries.length === 0 || out.destroyed) break;
      }
      await sink.end();
    };
    write().catch((err: unknown) => {
      req.log.error({ err }, 'DCAT-AP catalog failed while streaming');
      out.destroy(err instanceof Error ? err : new Error(String(err)));
    });
    return reply.send(out);
  };

  for (const ext of ['ttl', 'jsonld', 'rdf'] as const) {
    const format = formatByExt(ext);
    if (format) app.get(`/catalog.${ext}`, (req, reply) => catalog(req, reply, format));
  }
  app.get('/catalog', (req, reply) => {
    const format = negotiate(req.headers.accept);
    if (!format) return refuse(reply.header('Vary', 'Accept'), 406, NOT_ACCEPTABLE);
    return catalog(req, reply, format);
  });

  const dataset = async (req: FastifyRequest<{ Params: { slug: string } }>, reply: FastifyReply, format: RdfFormat) => {
    const slug = req.params.slug;
    let detail;
    try {
      detail = await getDataset(deps, anonymous, slug);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return refuse(reply, 404, `There is no dataset "${slug}" here (or it is not public).`);
      throw e;
    }
    const s = await site();
    const { out, sink } = start(reply, format);
    const quads = datasetTriples(s, detail).quads;
    // The reader is attached first: a document larger than the stream's buffer waits for it.
    void sink.write(quads).then(() => sink.end()).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
    return reply.send(out);
  };
  for (const ext of ['ttl', 'jsonld', 'rdf'] as const) {
    const format = formatByExt(ext);
    if (format) app.get<{ Params: { slug: string } }>(`/datasets/:slug.${ext}`, (req, reply) => dataset(req, reply, format));
  }
}
