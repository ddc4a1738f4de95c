import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { catalogEntries } from '../../../actions/catalog/catalog-pages.ts';
import { getDataset } from '../../../actions/catalog/read-datasets.ts';
import { queryParsedRecords } from '../../../actions/records/query-records.ts';
import { resolveVersion } from '../../../actions/records/resolve-version.ts';
import { AppError } from '../../../domain/errors.ts';
import type { Principal } from '../../../actions/deps.ts';
import { collectionShape, type CollectionShape } from '../../../domain/compat/ogc/collection.ts';
import { OgcError } from '../../../domain/compat/ogc/errors.ts';
import { featureQuery, itemsQuery } from '../../../domain/compat/ogc/items-query.ts';
import { MAX_LIMIT, parseItemsRequest } from '../../../domain/compat/ogc/items-request.ts';
import type { Dataset } from '../../../domain/catalog/types.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { collection, collections, conformance, GEOJSON_TYPE, JSON_TYPE, landingPage, OPENAPI_TYPE } from './documents.ts';
import { feature, featureCollection } from './features.ts';
import { openApi } from './openapi.ts';
import { toOgcError } from './errors.ts';

type Params = { slug?: string; id?: string };
type Handler = (req: FastifyRequest<{ Params: Params }>, principal: Principal) => Promise<{ type: string; body: unknown }>;

/** Only `f=json` (or nothing) is a format; HTML and others are answered in JSON too, as docs/ogc.md says. */
const ROOT_PARAMETERS = new Set(['f']);

/** Refuses parameters a document does not take (400), as the standard asks. */
function onlyFormat(req: FastifyRequest): void {
  for (const name of Object.keys((req.query ?? {}) as object)) {
    if (!ROOT_PARAMETERS.has(name)) throw new OgcError(400, 'InvalidParameterValue', `"${name}" is not a parameter of this resource. Use f=json or nothing.`);
  }
}

/**
 * A dataset whose rows the caller may read, with its live version's shape:
 * one look-up of the dataset and its version, as the records API does.
 */
async function readableCollection(ctx: HttpContext, principal: Principal, slug: string): Promise<{ dataset: Dataset; shape: CollectionShape }> {
  const { dataset, version } = await resolveVersion(ctx.deps, principal, slug).catch((e: unknown) => {
    // A dataset that is visible but has no data yet is no collection either.
    throw e instanceof AppError && e.code === 'conflict' ? notCollection(slug) : e;
  });
  const shape = collectionShape(version.columns);
  if (!shape) throw notCollection(slug);
  return { dataset, shape };
}

const notCollection = (slug: string): OgcError => new OgcError(404, 'NotFound', `There is no collection "${slug}": no dataset with places has this name.`);

/** A dataset the caller may see, with its live version's shape as a collection, or 404. */
async function collectionOf(ctx: HttpContext, principal: Principal, slug: string): Promise<{ dataset: Dataset; shape: CollectionShape }> {
  const detail = await getDataset(ctx.deps, principal, slug);
  const shape = detail.live ? collectionShape(detail.live.columns) : undefined;
  if (!shape) throw notCollection(slug);
  return { dataset: detail.dataset, shape };
}

/**
 * OGC API – Features, Part 1 (Core, GeoJSON) at `/ogc` (docs/ogc.md):
 * every dataset with places is a collection, its rows GeoJSON features.
 */
export function ogcRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const root = `${ctx.baseUrl}/ogc`;
  const pageOf = (d: Dataset): string => `${ctx.baseUrl}/datasets/${encodeURIComponent(d.slug)}`;
  const route = (path: string, handler: Handler): void => {
    app.get(path, async (req: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
      void reply.header('Access-Control-Allow-Origin', '*');
      try {
        const principal = await actorOf(ctx.deps, req);
        const { type, body } = await handler(req, principal);
        return reply.type(type).send(JSON.stringify(body));
      } catch (e) {
        const err = toOgcError(e);
        if (err.status >= 500 && err.status !== 504) req.log.error({ err: e }, 'OGC API request failed');
        return reply.code(err.status).type(JSON_TYPE).send(JSON.stringify(err.body));
      }
    });
  };

  const landing: Handler = async (req) => {
    onlyFormat(req);
    return { type: JSON_TYPE, body: landingPage(root, ctx.siteName) };
  };
  route('/ogc', landing);
  route('/ogc/', landing);
  route('/ogc/conformance', async (req) => (onlyFormat(req), { type: JSON_TYPE, body: conformance(root) }));
  route('/ogc/api', async (req) => (onlyFormat(req), { type: OPENAPI_TYPE, body: openApi(root, ctx.siteName) }));

  route('/ogc/collections', async (req, principal) => {
    onlyFormat(req);
    const list: unknown[] = [];
    for await (const entries of catalogEntries(ctx.deps, principal, 500)) {
      for (const e of entries) if (e.live && collectionShape(e.live.columns)) list.push(collection(root, e.dataset, pageOf(e.dataset)));
    }
    return { type: JSON_TYPE, body: collections(root, list) };
  });

  route('/ogc/collections/:slug', async (req, principal) => {
    onlyFormat(req);
    const { dataset } = await collectionOf(ctx, principal, req.params.slug ?? '');
    return { type: JSON_TYPE, body: collection(root, dataset, pageOf(dataset)) };
  });

  route('/ogc/collections/:slug/items', async (req, principal) => {
    const { dataset, shape } = await readableCollection(ctx, principal, req.params.slug ?? '');
    const query = (req.query ?? {}) as Record<string, unknown>;
    const r = parseItemsRequest(query, shape);
    const page = await queryParsedRecords(ctx.deps, principal, dataset.id, itemsQuery(r, shape), { use: 'api', compile: { maxLimit: MAX_LIMIT } });
    const collectionUrl = `${root}/collections/${encodeURIComponent(dataset.slug)}`;
    return { type: GEOJSON_TYPE, body: featureCollection(`${collectionUrl}/items`, collectionUrl, query, r, shape, page, ctx.deps.clock.now()) };
  });

  route('/ogc/collections/:slug/items/:id', async (req, principal) => {
    onlyFormat(req);
    const { dataset, shape } = await readableCollection(ctx, principal, req.params.slug ?? '');
    const text = req.params.id ?? '';
    const id = /^[1-9]\d{0,15}$/.test(text) ? Number(text) : NaN;
    const missing = new OgcError(404, 'NotFound', `The collection "${dataset.slug}" has no feature "${text}".`);
    if (!Number.isSafeInteger(id)) throw missing;
    const page = await queryParsedRecords(ctx.deps, principal, dataset.id, featureQuery(id, shape), { use: 'api' });
    const row = page.results[0];
    if (!row || page.rowIds?.[0] !== id) throw missing;
    const collectionUrl = `${root}/collections/${encodeURIComponent(dataset.slug)}`;
    const links = [
      { href: `${collectionUrl}/items/${id}`, rel: 'self', type: GEOJSON_TYPE, title: 'This feature' },
      { href: collectionUrl, rel: 'collection', type: JSON_TYPE, title: 'The collection' },
    ];
    return { type: GEOJSON_TYPE, body: { ...feature(shape, row, id), links } };
  });
}
