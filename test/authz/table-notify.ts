import type { Table } from './table.ts';

/**
 * The activity stream and subscriptions (docs/notifications.md). Activity is
 * public, filtered by what the caller may see, and a hidden dataset's stream
 * is not found. Subscriptions belong to one account: anyone else's is not
 * found; changing them needs the write scope.
 */
export const notifyTable: Table = {
  'GET /api/v1/activity': [
    {
      name: 'the site',
      request: () => ({ url: '/api/v1/activity' }),
      expect: { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'GET /api/v1/datasets/{id}/activity': [
    {
      name: 'a draft of A',
      request: (w) => ({ url: `/api/v1/datasets/${w.shared.draft}/activity` }),
      expect: { anonymous: 404, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 404, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'GET /api/v1/organizations/{id}/activity': [
    {
      name: 'organization A',
      request: (w) => ({ url: `/api/v1/organizations/${w.orgA.slug}/activity` }),
      expect: { anonymous: 200, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'GET /api/v1/subscriptions': [
    {
      name: 'your subscriptions',
      request: () => ({ url: '/api/v1/subscriptions' }),
      expect: { anonymous: 401, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
  ],

  'POST /api/v1/subscriptions': [
    {
      name: 'follow a draft of A',
      request: async (w) => ({ url: '/api/v1/subscriptions', json: { dataset: await w.draft(), email: true } }),
      expect: { anonymous: 401, viewer: 201, editor: 201, orgAdmin: 201, otherEditor: 404, siteAdmin: 201, tokenRead: 403, tokenWrite: 201, tokenAdmin: 201 },
    },
  ],

  'DELETE /api/v1/subscriptions/{id}': [
    {
      // Anonymous callers aim at the A editor's subscription.
      name: 'one of your own',
      request: async (w, actor) => ({ url: `/api/v1/subscriptions/${await w.subscription(w.userOf[actor])}` }),
      expect: { anonymous: 401, viewer: 204, editor: 204, orgAdmin: 204, otherEditor: 204, siteAdmin: 204, tokenRead: 403, tokenWrite: 204, tokenAdmin: 204 },
    },
    {
      name: "someone else's",
      request: async (w) => ({ url: `/api/v1/subscriptions/${await w.subscription(await w.user())}` }),
      expect: { anonymous: 401, viewer: 404, editor: 404, orgAdmin: 404, otherEditor: 404, siteAdmin: 404, tokenRead: 403, tokenWrite: 404, tokenAdmin: 404 },
    },
  ],

  'GET /api/v1/subscriptions/{id}/deliveries': [
    {
      name: 'the log of one of your own',
      request: (w, actor) => ({ url: `/api/v1/subscriptions/${w.shared.subscriptionOf.get(w.userOf[actor].id)}/deliveries` }),
      expect: { anonymous: 401, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 200, tokenWrite: 200, tokenAdmin: 200 },
    },
    {
      name: "the log of the A viewer's",
      request: (w) => ({ url: `/api/v1/subscriptions/${w.shared.viewersSubscription}/deliveries` }),
      expect: { anonymous: 401, viewer: 200, editor: 404, orgAdmin: 404, otherEditor: 404, siteAdmin: 404, tokenRead: 404, tokenWrite: 404, tokenAdmin: 404 },
    },
  ],

  'POST /api/v1/subscriptions/{id}/deliveries/{deliveryId}/retry': [
    {
      name: 'a failed delivery of one of your own',
      request: async (w, actor) => {
        const subscription = await w.subscription(w.userOf[actor], true);
        return { url: `/api/v1/subscriptions/${subscription}/deliveries/${await w.delivery(subscription, 'failed')}/retry` };
      },
      expect: { anonymous: 401, viewer: 200, editor: 200, orgAdmin: 200, otherEditor: 200, siteAdmin: 200, tokenRead: 403, tokenWrite: 200, tokenAdmin: 200 },
    },
    {
      name: 'a delivery that succeeded (409)',
      request: async (w, actor) => {
        const subscription = await w.subscription(w.userOf[actor], true);
        return { url: `/api/v1/subscriptions/${subscription}/deliveries/${await w.delivery(subscription, 'succeeded')}/retry` };
      },
      expect: { anonymous: 401, viewer: 409, editor: 409, orgAdmin: 409, otherEditor: 409, siteAdmin: 409, tokenRead: 403, tokenWrite: 409, tokenAdmin: 409 },
    },
    {
      name: "a failed delivery of someone else's",
      request: async (w) => {
        const subscription = await w.subscription(await w.user(), true);
        return { url: `/api/v1/subscriptions/${subscription}/deliveries/${await w.delivery(subscription, 'failed')}/retry` };
      },
      expect: { anonymous: 401, viewer: 404, editor: 404, orgAdmin: 404, otherEditor: 404, siteAdmin: 404, tokenRead: 403, tokenWrite: 404, tokenAdmin: 404 },
    },
  ],
};
