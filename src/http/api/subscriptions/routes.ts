import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  createSubscription,
  deleteSubscription,
  listDeliveries,
  listSubscriptions,
  newSubscriptionFields,
  retryDelivery,
  type SubscriptionView,
} from '../../../actions/notify/subscriptions.ts';
import type { WebhookDelivery } from '../../../domain/activity/types.ts';
import { maskUrlsIn } from '../../../domain/net/mask-url.ts';
import { actorOf, type HttpContext } from '../../context.ts';
import { route } from '../../route.ts';

const idParams = z.object({ id: z.string().min(1).max(200) });
const deliveryParams = idParams.extend({ deliveryId: z.string().min(1).max(200) });
const deliveriesQuery = z.object({
  status: z.enum(['pending', 'succeeded', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const subscriptionSchema = z.object({
  id: z.string(),
  target: z.enum(['dataset', 'organization', 'search']),
  dataset: z.object({ id: z.string(), slug: z.string(), title: z.string() }).nullable(),
  organization: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  search: z.string().nullable().describe('The saved catalog search, as a query string.'),
  email: z.boolean(),
  webhook_url: z.string().nullable(),
  created_at: z.string(),
  links: z.object({ self: z.string(), deliveries: z.string() }),
});
const createdSchema = subscriptionSchema.extend({
  webhook_secret: z.string().nullable().describe('Signs every webhook (see X-Plaza-Signature). Shown only in this answer: keep it.'),
});

const deliverySchema = z.object({
  id: z.string(),
  event: z.string(),
  activity_seq: z.number().int(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number().int(),
  next_attempt_at: z.string().nullable(),
  last_status: z.number().int().nullable(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  delivered_at: z.string().nullable(),
  payload: z.unknown(),
});

const self = (id: string) => `/api/v1/subscriptions/${encodeURIComponent(id)}`;

function presentSubscription({ subscription: s, dataset, organization }: SubscriptionView): z.infer<typeof subscriptionSchema> {
  return {
    id: s.id,
    target: s.target,
    dataset: dataset ? { id: dataset.id, slug: dataset.slug, title: dataset.title } : null,
    organization: organization ? { id: organization.id, slug: organization.slug, name: organization.name } : null,
    search: s.target === 'search' ? s.targetId : null,
    email: s.email,
    webhook_url: s.webhookUrl,
    created_at: s.createdAt,
    links: { self: self(s.id), deliveries: `${self(s.id)}/deliveries` },
  };
}

function presentDelivery(d: WebhookDelivery): z.infer<typeof deliverySchema> {
  let payload: unknown = d.payload;
  try {
    payload = JSON.parse(d.payload);
  } catch {
    // Shown as stored.
  }
  return {
    id: d.id,
    event: d.event,
    activity_seq: d.activitySeq,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: d.nextAttemptAt,
    last_status: d.lastStatus,
    last_error: d.lastError === null ? null : maskUrlsIn(d.lastError),
    created_at: d.createdAt,
    delivered_at: d.deliveredAt,
    payload,
  };
}

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
      responses: { 201: { description: 'The subscription, with its webhook secret.', schema: createdSchema }, 404: { description: 'No such dataset or organization, or a dataset the caller may not see.' }, 409: { description: 'The same subscription exists, or the account holds too many.' }, 422: { description: 'The webhook URL points inside a private network.' } },
    },
    async ({ req, reply }) => {
      const view = await createSubscription(deps, await actorOf(deps, req), req.body);
      reply.status(201).header('Location', self(view.subscription.id));
      return { ...presentSubscription(view), webhook_secret: view.subscription.webhookSecret };
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
