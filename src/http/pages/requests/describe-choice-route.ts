import type { FastifyInstance } from 'fastify';
import { fulfilRequest } from '../../../actions/community/fulfil-request.ts';
import { fulfilChoice } from '../../../actions/community/read-requests.ts';
import type { Principal } from '../../../domain/accounts/principal.ts';
import type { Dataset } from '../../../domain/catalog/types.ts';
import type { HttpContext } from '../../context.ts';
import { asPage, editorOf, type Form } from '../publish/request.ts';
import type { FulfilChoiceState } from './describe-choice.tsx';

/** What the describe page's "fulfils a request" choice shows for this dataset and person. */
export async function fulfilChoiceOf(ctx: HttpContext, p: Principal, dataset: Dataset): Promise<FulfilChoiceState> {
  const { published, open, fulfilled } = await fulfilChoice(ctx.deps, p, dataset);
  const pick = (r: { id: string; title: string }) => ({ id: r.id, title: r.title });
  return { published, open: open.map(pick), fulfilled: fulfilled.map(pick) };
}

/** `POST /publish/:slug/fulfils`: the describe page's choice, which runs the same fulfil action as the request page. */
export function describeFulfilRoute(app: FastifyInstance, ctx: HttpContext): void {
  app.post('/publish/:slug/fulfils', (req, reply) =>
    asPage(ctx, req, reply, async () => {
      const who = await editorOf(ctx, req, reply);
      if (!who) return reply;
      const { slug } = req.params as { slug: string };
      const f = (req.body ?? {}) as Form;
      await fulfilRequest(ctx.deps, who.p, f.request ?? '', { dataset: slug });
      return reply.redirect(`/publish/${encodeURIComponent(slug)}/describe?fulfils=1`, 303);
    }),
  );
}
