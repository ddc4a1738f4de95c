import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { getShowcase } from '../../../actions/showcases/read-showcases.ts';
import { AppError } from '../../../domain/errors.ts';
import { actorOf, type HttpContext } from '../../context.ts';

const imageParams = z.object({ id: z.string().min(1).max(200), width: z.coerce.number().int() });

/**
 * A showcase's image at one of its widths, as WebP. An approved showcase's
 * image is kept by browsers and caches for a day; one still pending is for
 * its author and moderators only, and kept by no shared cache.
 */
export function showcaseImageRoute(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  app.get('/showcases/:id/image-:width.webp', async (req, reply) => {
    const parsed = imageParams.safeParse(req.params);
    if (!parsed.success || !deps.images.widths.includes(parsed.data.width)) throw new AppError('not_found', 'There is no such image.');
    const { showcase } = await getShowcase(deps, await actorOf(deps, req), parsed.data.id);
    const key = showcase.image ? deps.images.key(showcase.image, parsed.data.width) : undefined;
    if (!key || !(await deps.blobs.has(key))) throw new AppError('not_found', 'The showcase has no image.');
    const size = await deps.blobs.size(key);
    return reply
      .header('Content-Type', 'image/webp')
      .header('Content-Length', String(size))
      .header('Cache-Control', showcase.state === 'approved' ? 'public, max-age=86400' : 'private, no-store')
      .header('X-Content-Type-Options', 'nosniff')
      .send(await deps.blobs.read(key));
  });
}
