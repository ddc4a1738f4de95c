import type { FastifyInstance } from 'fastify';
import type { HttpContext } from '../../context.ts';
import type { PageArea } from '../area.ts';
import { aboutTabRoutes } from './about-routes.ts';
import { chartTabRoutes } from './chart-routes.ts';
import { mapTabRoutes } from './map-routes.ts';
import { tableTabRoutes } from './table-routes.ts';

/** A dataset's pages: the about tab at `/datasets/{slug}` and its table, chart, map and API tabs, each its own address. */
function datasetRoutes(app: FastifyInstance, ctx: HttpContext): void {
  aboutTabRoutes(app, ctx);
  mapTabRoutes(app, ctx);
  chartTabRoutes(app, ctx);
  tableTabRoutes(app, ctx);
}

export const datasetArea: PageArea = { name: 'dataset', routes: datasetRoutes };
