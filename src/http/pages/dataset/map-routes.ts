import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { getDataset, type DatasetDetail } from '../../../actions/catalog/read-datasets.ts';
import { queryRecords } from '../../../actions/records/query-records.ts';
import type { Deps, Principal } from '../../../actions/deps.ts';
import { emptyBounds, union, type Bounds } from '../../../domain/map/bounds.ts';
import { quantileClasses } from '../../../domain/map/classes.ts';
import { parseGeometry } from '../../../domain/map/geometry.ts';
import { buildScene, type MapFeature } from '../../../domain/map/scene.ts';
import { fitBounds, parseView } from '../../../domain/map/view.ts';
import { buildContext, labelColumn, type ContextArea } from '../../../domain/map/context.ts';
import { readAreas } from '../../../actions/site/city-areas.ts';
import { getSite } from '../../../actions/site/settings.ts';
import { AppError } from '../../../domain/errors.ts';
import type { Translator } from '../../../domain/i18n/translator.ts';
import type { ColumnInfo } from '../../../domain/table/types.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { pageContext } from '../components/page-context.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { MAP_SIZE, mapPage, type MapContext, type MapResult, type MapState, type MapTiles } from './map.tsx';
import { KeptMaps } from './map-cache.ts';

/** The most rows one map reads; a larger result says so and asks for a filter. */
export const MAX_FEATURES = 50_000;
const PAGE = 10_000;
/** How many sets of features read are kept (a 23,000-point dataset's are a few megabytes), and how many maps drawn from them. */
export const KEPT_FEATURES = 8;
export const KEPT_MAPS = 32;

type Features = Awaited<ReturnType<typeof readFeatures>>;

/**
 * What the map view keeps made: the features read for a version and its
 * filter, search, colour and geometry columns, and the maps drawn from them
 * for each view and chosen feature. A version's rows never change, so
 * neither can go stale.
 */
interface Kept {
  features: KeptMaps<Features>;
  maps: KeptMaps<MapResult>;
  /** The areas of the context layer, per version of its dataset. */
  context: KeptMaps<ContextArea[]>;
}

/** The context layer's dataset as the map uses it: its areas (read once per version), and what the credit line says. */
interface ContextLayer extends MapContext {
  versionId: string;
  areas: ContextArea[];
}

const text = (max: number) => z.string().max(max).optional().catch(undefined);
const params = z.object({
  view: text(200),
  where: text(4000),
  q: text(500),
  color: text(200),
  geometry: text(200),
  feature: z.coerce.number().int().min(1).max(100_000_000).optional().catch(undefined),
});

const quote = (name: string): string => '`' + name.replaceAll('`', '``') + '`';
const isNumber = (c: ColumnInfo): boolean => c.type === 'integer' || c.type === 'decimal';

/** Reads the mapped rows page by page (only the columns the map needs), up to MAX_FEATURES. */
async function readFeatures(deps: Deps, p: Principal, slug: string, state: MapState, geom: ColumnInfo, label: ColumnInfo | undefined, color: ColumnInfo | undefined) {
  const names = [...new Set([geom.name, label?.name, color?.name].filter((n): n is string => !!n))];
  const features: MapFeature[] = [];
  let cursor: string | undefined;
  let total = 0;
  let read = 0;
  do {
    const page = await queryRecords(deps, p, slug, { select: names.map(quote).join(', '), where: state.where || undefined, q: state.q || undefined, limit: Math.min(PAGE, MAX_FEATURES - read), ...(cursor ? { cursor } : {}) });
    total = page.total;
    for (const row of page.results) {
      read++;
      const shape = parseGeometry(row[geom.name]);
      if (!shape) continue;
      const v = color ? row[color.name] : null;
      features.push({ id: read, title: label ? String(row[label.name] ?? '') : '', value: typeof v === 'number' && Number.isFinite(v) ? v : null, shape });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && read < MAX_FEATURES);
  return { features, total, read };
}

/**
 * The context layer the site's settings name, for a map of another dataset:
 * undefined when none is set, when the map is of that dataset itself, or
 * when the reader may not read it or it has no areas (yet).
 */
async function contextFor(deps: Deps, p: Principal, slug: string | null, d: DatasetDetail, kept: Kept): Promise<ContextLayer | undefined> {
  if (!slug || slug === d.dataset.slug) return undefined;
  let c: DatasetDetail;
  try {
    c = await getDataset(deps, p, slug);
  } catch (e) {
    if (e instanceof AppError && e.expected) return undefined;
    throw e;
  }
  const live = c.live;
  const geom = live?.columns.find((col) => col.type === 'geometry' && !col.point);
  if (!live || !geom || !c.dataAccess) return undefined;
  const areas = await kept.context.get(KeptMaps.key(live.id, {}), () => readAreas(deps, p, slug, geom, labelColumn(live.columns)));
  return { versionId: live.id, areas, slug, title: c.dataset.title };
}

/**
 * The map of a dataset's live version, for the state in the URL: its
 * features read once per version and filter, each view drawn once. Only
 * readers who may read the rows get here, and they all read the same rows.
 * A problem with the state is thrown as an AppError.
 */
function mapOf(deps: Deps, p: Principal, d: DatasetDetail, state: MapState, geom: ColumnInfo, t: Translator, kept: Kept, context: ContextLayer | undefined): Promise<MapResult> {
  const version = d.live?.id ?? '';
  const { view, where, q, color, geometry, feature } = state;
  return kept.maps.get(KeptMaps.key(version, { view, where, q, color, geometry, feature, context: context?.versionId }), () => drawMap(deps, p, d, state, geom, t, kept, context));
}

async function drawMap(deps: Deps, p: Principal, d: DatasetDetail, state: MapState, geom: ColumnInfo, t: Translator, kept: Kept, context: ContextLayer | undefined): Promise<MapResult> {
  const columns = d.live?.columns ?? [];
  const slug = d.dataset.slug;
  const color = state.color ? columns.find((c) => c.name === state.color && isNumber(c)) : undefined;
  if (state.color && !color) throw new AppError('bad_request', t.t('map.noColourColumn', { column: state.color }));
  const label = labelColumn(columns);
  const { where, q, geometry } = state;
  const readKey = KeptMaps.key(d.live?.id ?? '', { where, q, color: color?.name, geometry });
  const { features, total, read } = await kept.features.get(readKey, () => readFeatures(deps, p, slug, state, geom, label, color));
  const bounds: Bounds = features.reduce((b, f) => union(b, f.shape.bounds), emptyBounds());
  const fitted = fitBounds(bounds, MAP_SIZE);
  const view = (state.view ? parseView(state.view, MAP_SIZE) : undefined) ?? fitted;
  const classes = color ? quantileClasses(features.flatMap((f) => (f.value === null ? [] : [f.value]))) : undefined;
  const scene = buildScene(features, view, MAP_SIZE, classes, state.feature);
  let record;
  if (state.feature) {
    const one = await queryRecords(deps, p, slug, { where: state.where || undefined, q: state.q || undefined, limit: 1, offset: state.feature - 1 });
    const row = one.results[0];
    if (row) record = { fields: one.fields, row };
  }
  const byId = new Map(features.map((f) => [f.id, f]));
  const listed = scene.inView.slice(0, 100).map((id) => byId.get(id)!);
  const contextScene = context ? buildContext(context.areas, view, MAP_SIZE) : undefined;
  return { scene, context: contextScene, classes, view, fitted, bounds, total, read, mapped: features.length, listed, label, color, record, viewWasBad: !!state.view && !parseView(state.view, MAP_SIZE) };
}

export function mapTabRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const kept: Kept = { features: new KeptMaps(KEPT_FEATURES), maps: new KeptMaps(KEPT_MAPS), context: new KeptMaps(2) };
  const send = (reply: FastifyReply, body: { value: string }, status = 200) => reply.status(status).header('Content-Type', 'text/html; charset=utf-8').send(body.value);

  app.get('/datasets/:slug/map', async (req, reply) => {
    const { slug } = z.object({ slug: z.string().min(1).max(200) }).parse(req.params);
    const q = params.parse(req.query ?? {});
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    let d;
    try {
      d = await getDataset(deps, p, slug);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return send(reply, errorPage(pc, pc.t.t('error.datasetNotFound'), pc.t.t('error.datasetNotFoundText', { slug })), 404);
      throw e;
    }
    const geoms = (d.live?.columns ?? []).filter((c) => c.type === 'geometry');
    if (geoms.length === 0) return send(reply, errorPage(pc, pc.t.t('map.noMap'), pc.t.t('map.noMapText', { title: d.dataset.title })), 404);
    const geom = geoms.find((c) => c.name === q.geometry) ?? geoms[0]!;
    const state: MapState = { view: q.view, where: q.where ?? '', q: q.q ?? '', color: q.color ?? '', geometry: geom.name, feature: q.feature };
    const site = await getSite(deps);
    const tiles: MapTiles | undefined = site.tileUrl && site.tileAttribution ? { template: site.tileUrl, attribution: site.tileAttribution, attributionUrl: site.tileAttributionUrl } : undefined;
    const page = { pc, d, state, geometries: geoms, numbers: (d.live?.columns ?? []).filter(isNumber), scripts: [await ctx.assets.url('map')], tiles };
    if (!d.dataAccess) return send(reply, mapPage(page));
    try {
      const context = await contextFor(deps, p, site.mapContext, d, kept);
      return send(reply, mapPage({ ...page, context, result: await mapOf(deps, p, d, state, geom, pc.t, kept, context) }));
    } catch (e) {
      // A filter that cannot be read, or a map that takes too long to read: the form again, with the reason.
      if (e instanceof AppError && (e.status === 400 || e.code === 'query_timeout')) return send(reply, mapPage({ ...page, problem: e.message }), e.status);
      throw e;
    }
  });
}
