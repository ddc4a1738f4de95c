import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { browsePeer } from '../../../actions/peers/browse-peer.ts';
import { copyPeerBlueprint } from '../../../actions/peers/copy-blueprint.ts';
import { copyPeerDataset, mayBringPeerDatasets } from '../../../actions/peers/copy-dataset.ts';
import { copyPeerShowcase } from '../../../actions/peers/copy-showcase.ts';
import { listPeers } from '../../../actions/peers/federated-search.ts';
import { canSubmitShowcase } from '../../../domain/community/showcase-policy.ts';
import { AppError } from '../../../domain/errors.ts';
import { canRunProgram } from '../../../domain/program/policy.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import type { PageArea } from '../area.ts';
import { errorPage } from '../components/ErrorPage.tsx';
import { pageContext } from '../components/page-context.ts';
import type { SafeHtml } from '../html.ts';
import { peerPage, peersPage } from './peer.tsx';

const peerParams = z.object({ id: z.string().min(1).max(200) });
const itemParams = peerParams.extend({ item: z.string().min(1).max(200) });

const fixable = (e: unknown): e is AppError => e instanceof AppError && e.code !== 'not_found' && e.code !== 'unauthorized' && (e.status < 500 || e.code === 'fetch_failed');

/** The peer network's pages: the peers, a peer's showcases and blueprints, and copying them (and a peer's dataset) here. */
function peersRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;
  const send = (reply: FastifyReply, body: SafeHtml, status = 200) => reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(body.value);

  app.get('/peers', async (req, reply) => {
    const p = await actorOf(deps, req);
    return send(reply, peersPage(await pageContext(ctx, req, p), await listPeers(deps)));
  });

  async function show(req: FastifyRequest, reply: FastifyReply, id: string, error?: string, status = 200) {
    const { principal, session } = await identityOf(deps, req);
    const pc = await pageContext(ctx, req, principal);
    let d;
    try {
      d = await browsePeer(deps, principal, id);
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return send(reply, errorPage(pc, pc.t.t('peers.notFound'), pc.t.t('peers.notFoundText')), 404);
      throw e;
    }
    const csrf = principal.kind === 'user' ? session?.csrfToken : undefined;
    return send(reply, peerPage(pc, d, { csrf, mayCopyShowcase: canSubmitShowcase(principal), mayCopyBlueprint: canRunProgram(principal), mayBring: mayBringPeerDatasets(principal), error }), status);
  }

  app.get('/peers/:id', async (req, reply) => show(req, reply, peerParams.parse(req.params).id));

  /** A copy: signed-out readers are sent to sign in; a refusal or a peer that fails shows the peer's page again with the reason. */
  const copyRoute = (path: string, copy: (req: FastifyRequest, id: string, item: string) => Promise<string>) => {
    app.post(path, async (req, reply) => {
      const { id, item } = path.includes(':item') ? itemParams.parse(req.params) : { ...peerParams.parse(req.params), item: String(((req.body ?? {}) as Record<string, unknown>).slug ?? '') };
      const { principal } = await identityOf(deps, req);
      if (principal.kind !== 'user') return reply.redirect(`/sign-in?next=${encodeURIComponent(`/peers/${id}`)}`, 303);
      try {
        return reply.redirect(await copy(req, id, item), 303);
      } catch (e) {
        if (!fixable(e)) throw e;
        return show(req, reply, id, e.message, e.status);
      }
    });
  };

  copyRoute('/peers/:id/showcases/:item/copy', async (req, id, item) => {
    const copy = await copyPeerShowcase(deps, await actorOf(deps, req), id, item);
    return `/showcases/${encodeURIComponent(copy.id)}?copied=1${copy.pictureCopied ? '' : '&picture=0'}`;
  });
  copyRoute('/peers/:id/projects/:item/copy', async (req, id, item) => `/projects/${encodeURIComponent((await copyPeerBlueprint(deps, await actorOf(deps, req), id, item)).slug)}`);
  copyRoute('/peers/:id/datasets', async (req, id, item) => `/datasets/${encodeURIComponent((await copyPeerDataset(deps, await actorOf(deps, req), id, item)).dataset.slug)}`);
}

export const peersArea: PageArea = { name: 'peers', routes: peersRoutes };
