import type { FastifyInstance } from 'fastify';
import type { HttpContext } from '../../context.ts';
import type { PageArea } from '../area.ts';
import { showcaseImageRoute } from './image-route.ts';

/** The showcases' pages: the gallery, one showcase, the form to submit one, the moderators' review, and the images. */
function showcaseRoutes(app: FastifyInstance, ctx: HttpContext): void {
  showcaseImageRoute(app, ctx);
}

export const showcasesArea: PageArea = { name: 'showcases', routes: showcaseRoutes };
