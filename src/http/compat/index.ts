import type { FastifyInstance } from 'fastify';
import type { HttpContext } from '../context.ts';
import { ckanRoutes } from './ckan/routes.ts';
import { socrataRoutes } from './socrata/routes.ts';
import { ogcRoutes } from './ogc/routes.ts';
import { dcatUsRoutes } from './dcat-us/routes.ts';
import { frictionlessRoutes } from './frictionless/routes.ts';
import { dcatApRoutes } from './dcat-ap/routes.ts';

/**
 * An API dialect other tools already speak (CKAN, Socrata, OGC, DCAT, ...):
 * its routes translate requests onto the same actions as Plaza's own API and
 * present the results in the dialect's shapes (docs/ARCHITECTURE.md).
 */
export interface CompatDialect {
  name: string;
  routes(app: FastifyInstance, ctx: HttpContext): void;
}

/** Every dialect, registered by `http/app.ts` in this order; a new one is one line here. */
export const COMPAT_DIALECTS: readonly CompatDialect[] = [
  { name: 'ckan', routes: ckanRoutes },
  { name: 'socrata', routes: socrataRoutes },
  { name: 'ogc', routes: ogcRoutes },
  { name: 'dcat-us', routes: dcatUsRoutes },
  { name: 'frictionless', routes: frictionlessRoutes },
  { name: 'dcat-ap', routes: dcatApRoutes },
];
