import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { federatedSearch, listPeers } from '../../../actions/peers/federated-search.ts';
import { mayBringPeerDatasets } from '../../../actions/peers/copy-dataset.ts';
import { identityOf, type HttpContext } from '../../context.ts';
import type { PageArea } from '../area.ts';
import { pageContext } from '../components/page-context.ts';
import { searchPage } from './search.tsx';

const params = z.object({
  q: z.string().max(500).catch('').default(''),
  peers: z.unknown().optional().transform((v) => v === '1' || v === 'true' || v === 'on'),
});

/** `/search`: this city's catalog, and its peers' with peers=1 (a GET form; works without JavaScript). Not kept: peers' answers have their own cache. */
function searchRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  app.get('/search', async (req, reply) => {
    const s = params.parse(req.query ?? {});
    const { principal, session } = await identityOf(deps, req);
    const pc = await pageContext(ctx, req, principal);
    const peers = await listPeers(deps);
    const r = await federatedSearch(deps, principal, { q: s.q.trim(), peers: s.peers && peers.length > 0 });
    const body = searchPage(pc, { q: s.q, peers: s.peers, peerCount: peers.length, csrf: principal.kind === 'user' ? session?.csrfToken : undefined, mayBring: mayBringPeerDatasets(principal) }, r);
    return reply.header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body.value);
  });
}

export const searchArea: PageArea = { name: 'search', routes: searchRoutes };
