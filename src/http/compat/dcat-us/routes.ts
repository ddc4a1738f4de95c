import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { catalogEntries } from '../../../actions/catalog/catalog-pages.ts';
import { anonymous, type Deps } from '../../../actions/deps.ts';
import { podCatalogHead, podDataset, POD_CATALOG_TAIL, type PodSite } from '../../../domain/compat/dcat-us/dataset.ts';
import type { HttpContext } from '../../context.ts';

/** Datasets read from the store at a time: memory holds one page, however large the catalog. */
export const DATA_JSON_PAGE = 500;

/** The catalog as JSON text, one page of datasets at a time. */
async function* podCatalog(deps: Deps, site: PodSite): AsyncGenerator<string> {
  yield podCatalogHead(site);
  let first = true;
  // Always as an anonymous reader sees it, whoever asks, so that it can be cached and shared.
  for await (const page of catalogEntries(deps, anonymous, DATA_JSON_PAGE)) {
    const parts = page.map((entry) => JSON.stringify(podDataset(entry, site)));
    yield `${first ? '' : ','}\n${parts.join(',\n')}`;
    first = false;
  }
  yield POD_CATALOG_TAIL;
}

/**
 * `GET /data.json`: the catalog in DCAT-US 1.1 (Project Open Data), the file
 * data.gov-style harvesters read (docs/standards.md). Streamed; POD has no paging.
 */
export function dcatUsRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const site: PodSite = { baseUrl: ctx.baseUrl, name: ctx.siteName };
  app.get('/data.json', (req, reply) => {
    const body = Readable.from(podCatalog(ctx.deps, site));
    body.once('error', (err) => req.log.error({ err }, 'data.json failed after it started'));
    return reply
      .header('Content-Type', 'application/json; charset=utf-8')
      .header('Cache-Control', 'public, max-age=300')
      .header('Access-Control-Allow-Origin', '*')
      .send(body);
  });
}
