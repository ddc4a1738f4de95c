import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  createSubscription,
  deleteSubscription,
  listDeliveries,
  listSubscriptions,
  newSubscriptionFields,
  retryDelivery,
} from '../../../actions/notify/subscriptions.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';
import { createdSchema, deliverySchema, presentDelivery, presentNewSubscription, presentSubscription, subscriptionSchema, subscriptionUrl } from './present.ts';

const idParams = z.object({ id: z.string().min(1).max(200) });
const deliveryParams = idParams.extend({ deliveryId: z.string().min(1).max(200) });
const deliveriesQuery = z.object({
  status: z.enum(['pending', 'succeeded', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const notYours = { description: 'No such subscription among the caller’s own.' };

/** The signed-in person's subscriptions to datasets, organizations and searches, and their webhook delivery logs. */
export function subscriptionRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps, registry } = ctx;
  const tag = 'Subscriptions';

  route(
    app,
    registry,
    { method: 'GET', path: '/api/v1/subscriptions', operationId: 'listSubscriptions', tag, summary: 'Your subscriptions', access: 'signed-in', responses: { 200: { description: 'Oldest first.', schema: z.object({ results: z.array(subscriptionSchema) }) } } },
    async ({ req }) => ({ results: (await listSubscriptions(deps, await actorOf(deps, req))).map(presentSubscription) }),
  );

  route(
    app,
    registry,
    {
      method: 'POST',
      path: '/api/v1/subscriptions',
      operationId: 'createSubscription',
      tag,
      summary: 'Follow a dataset, an organization or a search',
      description:
        'Give one of `dataset`, `organization` or `search` (a catalog query string such as `q=trees&theme=Environment`); `email` (default true) adds it to your digest; `webhook_url` (http or https, no credentials, on the public internet) receives each change, signed with the `webhook_secret` returned once here. A webhook URL whose host is or resolves to a loopback or private-network address is refused with `422 url_refused` (unless the portal allows them: PLAZA_ALLOW_PRIVATE_URLS).',
      access: 'signed-in',
      body: newSubscriptionFields,
      bodyCheckedBy: 'action',
      responses: { 201: { description: 'The subscription, with its webhook secret.', schema: createdSchema }, 404: { description: 'No such dataset or organization, or a dataset the caller may not see.' }, 409: { description: 'The same subscription exists, or the account holds too many.' }, 422: { description: 'The webhook URL points inside a private network.' } },
    },
    async ({ req, reply }) => {
      const view = await createSubscription(deps, await actorOf(deps, req), req.body);
      reply.status(201).header('Location', subscriptionUrl(view.subscription.id));
      return presentNewSubscription(view);
    },
  );

  route(
    app,
    registry,
    { method: 'DELETE', path: '/api/v1/subscriptions/{id}', operationId: 'deleteSubscription', tag, summary: 'Stop a subscription', description: 'Its delivery log goes with it.', access: 'signed-in', params: idParams, responses: { 204: { description: 'Deleted.' }, 404: notYours } },
    async ({ params, req, reply }) => {
      await deleteSubscription(deps, await actorOf(deps, req), params.id);
      return reply.status(204).send();
    },
  );

  route(
    app,
    registry,
    {
      method: 'GET',
      path: '/api/v1/subscriptions/{id}/deliveries',
      operationId: 'listDeliveries',
      tag,
      summary: "A subscription's webhook delivery log",
      description: 'Newest first: each delivery with its status (pending, succeeded, failed), attempts, the last answer and the next attempt.',
      access: 'signed-in',
      params: idParams,
      query: deliveriesQuery,
      responses: { 200: { description: 'Deliveries.', schema: z.object({ results: z.array(deliverySchema) }) }, 404: notYours },
    },
    async ({ params, query, req }) => ({ results: (await listDeliveries(deps, await actorOf(deps, req), params.id, query)).map(presentDelivery) }),
  );

  route(
    app,
    registry,
    {
      method: 'POST',
      path: '/api/v1/subscriptions/{id}/deliveries/{deliveryId}/retry',
      operationId: 'retryDelivery',
      tag,
      summary: 'Send a failed delivery again now',
      access: 'signed-in',
      params: deliveryParams,
      responses: { 200: { description: 'The delivery, pending again.', schema: deliverySchema }, 404: notYours, 409: { description: 'The delivery has not failed.' } },
    },
    async ({ params, req }) => presentDelivery(await retryDelivery(deps, await actorOf(deps, req), params.id, params.deliveryId)),
  );
}
