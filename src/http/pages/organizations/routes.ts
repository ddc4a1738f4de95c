import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { getOrganization } from '../../../actions/accounts/organizations.ts';
import { organizationCounts } from '../../../actions/catalog/organization-counts.ts';
import { searchDatasets } from '../../../actions/catalog/read-datasets.ts';
import { AppError } from '../../../domain/errors.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import type { SafeHtml } from '../html.ts';
import type { PageArea } from '../area.ts';
import { organizationsPage } from './list.tsx';
import { organizationPage } from './organization.tsx';
import { errorPage } from '../components/ErrorPage.tsx';
import { pageContext } from '../components/page-context.ts';

/** The organizations: their index at `/organizations`, and each one's page. */
function organizationRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const send = (reply: FastifyReply, body: SafeHtml, status = 200) => reply.status(status).header('Content-Type', 'text/html; charset=utf-8').send(body.value);

  app.get('/organizations', async (req, reply) => {
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    return send(reply, organizationsPage(pc, await organizationCounts(deps, p)));
  });

  app.get('/organizations/:slug', async (req, reply) => {
    const { slug } = z.object({ slug: z.string().min(1).max(200) }).parse(req.params);
    const p = await actorOf(deps, req);
    const pc = await pageContext(ctx, req, p);
    let org;
    try {
      org = await getOrganization(deps, slug);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return send(reply, errorPage(pc, pc.t.t('error.organizationNotFound'), pc.t.t('error.organizationNotFoundText', { slug })), 404);
      throw e;
    }
    const list = await searchDatasets(deps, p, { filters: { organization: [org.slug] }, limit: 100, facets: [] });
    return send(reply, organizationPage(pc, org, list));
  });
}

export const organizationsArea: PageArea = { name: 'organizations', routes: organizationRoutes };
