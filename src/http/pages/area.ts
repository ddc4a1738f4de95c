import type { FastifyInstance } from 'fastify';
import type { HttpContext } from '../context.ts';

/**
 * A part of the site's pages (the home page, the catalog, a dataset's tabs,
 * the publisher area…): its folder under `pages/` exports one of these, and
 * `areas.ts` lists it.
 */
export interface PageArea {
  /** What the area is called (its folder's name). */
  name: string;
  /** Registers the area's routes. */
  routes(app: FastifyInstance, ctx: HttpContext): void;
}
