import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { signWebhook, verifyWebhookSignature } from '../../src/actions/notify/signature.ts';
import { MAX_WEBHOOK_ATTEMPTS } from '../../src/domain/notify/backoff.ts';
import { BASE_URL, startFlow, startReceiver, type Flow, type Receiver } from './support.ts';

let f: Flow;
let hooks: Receiver;

beforeEach(async () => {
  f = await startFlow();
  hooks = await startReceiver(() => f.nowSec());
});
afterEach(async () => {
  await hooks.close();
  await f.close();
});

/** Follows a dataset with a webhook at `path`; the receiver learns the secret. */
async function follow(auth: { authorization: string }, dataset: string, path: string) {
  const res = await f.app.inject({ method: 'POST', url: '/api/v1/subscriptions', headers: auth, payload: { dataset, email: false, webhook_url: hooks.url(path) } });
  expect(res.statusCode, res.body).toBe(201);
  const sub = res.json();
  expect(sub.webhook_secret).toMatch(/^whsec_/);
  hooks.secrets.set(path, sub.webhook_secret);
  return sub as { id: string; webhook_secret: string };
}

const deliveries = async (auth: { authorization: string }, id: string) => {
  const res = await f.app.inject({ method: 'GET', url: `/api/v1/subscriptions/${id}/deliveries`, headers: auth });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().results as Array<Record<string, unknown> & { id: string; status: string; attempts: number }>;
};

describe('webhook deliveries', () => {
  it('signs each delivery, retries after a failure, and logs both attempts', async () => {
    const reader = await f.person('Rita Reader');
    const trees = await f.dataset('Street trees');
    const sub = await follow(reader.auth, trees.slug, '/hooks/rita');
    hooks.failures.set('/hooks/rita', [500]);

    await updateDataset(f.deps, f.t.admin, trees.slug, { description: 'Every street tree, with species and size.' });
    await f.flush();

    expect(hooks.received).toHaveLength(1);
    const first = hooks.received[0]!;
    expect(first.verified).toBe(true);
    expect(first.status).toBe(500);
    expect(first.headers['content-type']).toBe('application/json');
    expect(first.headers['user-agent']).toBe('Plaza-Webhooks/1');
    expect(first.headers['x-plaza-event']).toBe('dataset.updated');
    const body = JSON.parse(first.body);
    expect(body).toMatchObject({
      event: 'dataset.updated',
      actor: { name: 'Site administrator' },
      summary: 'updated description',
      dataset: { id: trees.id, slug: trees.slug, title: 'Street trees', url: `${BASE_URL}/datasets/${trees.slug}` },
      organization: { slug: 'test-department', name: 'Test Department' },
      subscription_id: sub.id,
    });
    expect(typeof body.id).toBe('string');
    expect(Date.parse(body.at)).not.toBeNaN();

    let log = await deliveries(reader.auth, sub.id);
    expect(log).toHaveLength(1);
    expect(first.headers['x-plaza-delivery']).toBe(log[0]!.id);
    expect(log[0]).toMatchObject({ status: 'pending', attempts: 1, last_status: 500, event: 'dataset.updated', delivered_at: null });
    expect(log[0]!.last_error).toContain('500');
    const wait = Date.parse(log[0]!.next_attempt_at as string) - f.nowSec() * 1000;
    expect(wait).toBeGreaterThan(20_000);
    expect(wait).toBeLessThan(40_000);

    // Not due yet: nothing is sent.
    await f.flush();
    expect(hooks.received).toHaveLength(1);

    f.advance(40_000);
    await f.flush();
    expect(hooks.received).toHaveLength(2);
    const second = hooks.received[1]!;
    expect(second).toMatchObject({ verified: true, status: 200, body: first.body });
    expect(second.headers['x-plaza-delivery']).toBe(first.headers['x-plaza-delivery']);
    // A retry is signed afresh, at its own time.
    expect(second.headers['x-plaza-signature']).not.toBe(first.headers['x-plaza-signature']);

    log = await deliveries(reader.auth, sub.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ status: 'succeeded', attempts: 2, last_status: 200, last_error: null, next_attempt_at: null });
    expect(Date.parse(log[0]!.delivered_at as string)).not.toBeNaN();
    expect(log[0]!.payload).toEqual(body);
  });

  it('a body signed with another secret, or changed on the way, does not verify and is refused', async () => {
    const reader = await f.person('Rita Reader');
    const trees = await f.dataset('Street trees');
    const sub = await follow(reader.auth, trees.slug, '/hooks/rita');
    const body = JSON.stringify({ event: 'dataset.updated', subscription_id: sub.id });
    const now = f.nowSec();
    const good = signWebhook(sub.webhook_secret, now, body);
    expect(verifyWebhookSignature(sub.webhook_secret, good, body, now)).toBe(true);
    expect(verifyWebhookSignature('whsec_not-the-secret', good, body, now)).toBe(false);
    expect(verifyWebhookSignature(sub.webhook_secret, good, body.replace('updated', 'deleted'), now)).toBe(false);
    expect(verifyWebhookSignature(sub.webhook_secret, good, body, now + 3600)).toBe(false);

    const forged = signWebhook('whsec_not-the-secret', now, body);
    const res = await fetch(hooks.url('/hooks/rita'), { method: 'POST', headers: { 'content-type': 'application/json', 'x-plaza-signature': forged }, body });
    expect(res.status).toBe(400);
    const genuine = await fetch(hooks.url('/hooks/rita'), { method: 'POST', headers: { 'content-type': 'application/json', 'x-plaza-signature': good }, body });
    expect(genuine.status).toBe(200);
  });

  it('gives up after the last attempt; the owner may send a failed delivery again', async () => {
    const reader = await f.person('Rita Reader');
    const other = await f.person('Otto Other');
    const trees = await f.dataset('Street trees');
    const sub = await follow(reader.auth, trees.slug, '/hooks/rita');
    hooks.failures.set('/hooks/rita', Array.from({ length: MAX_WEBHOOK_ATTEMPTS }, () => 503));

    await updateDataset(f.deps, f.t.admin, trees.slug, { keywords: ['trees'] });
    for (let i = 0; i < MAX_WEBHOOK_ATTEMPTS; i++) {
      await f.flush();
      f.advance(8 * 60 * 60 * 1000);
    }
    await f.flush();
    expect(hooks.received.map((r) => r.status)).toEqual(Array.from({ length: MAX_WEBHOOK_ATTEMPTS }, () => 503));
    let [d] = await deliveries(reader.auth, sub.id);
    expect(d).toMatchObject({ status: 'failed', attempts: MAX_WEBHOOK_ATTEMPTS, last_status: 503, next_attempt_at: null });

    const retryUrl = `/api/v1/subscriptions/${sub.id}/deliveries/${d!.id}/retry`;
    expect((await f.app.inject({ method: 'POST', url: retryUrl, headers: other.auth })).statusCode).toBe(404);
    expect((await f.app.inject({ method: 'POST', url: retryUrl })).statusCode).toBe(401);
    const retried = await f.app.inject({ method: 'POST', url: retryUrl, headers: reader.auth });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ id: d!.id, status: 'pending' });
    await f.flush();
    [d] = await deliveries(reader.auth, sub.id);
    expect(d).toMatchObject({ status: 'succeeded', attempts: MAX_WEBHOOK_ATTEMPTS + 1, last_status: 200 });
    expect(hooks.received.at(-1)).toMatchObject({ verified: true, status: 200 });

    const again = await f.app.inject({ method: 'POST', url: retryUrl, headers: reader.auth });
    expect(again.statusCode).toBe(409);
    expect((await f.app.inject({ method: 'POST', url: `/api/v1/subscriptions/${sub.id}/deliveries/nope/retry`, headers: reader.auth })).statusCode).toBe(404);
  });

  it('a deleted subscription takes its pending deliveries with it', async () => {
    const reader = await f.person('Rita Reader');
    const trees = await f.dataset('Street trees');
    const sub = await follow(reader.auth, trees.slug, '/hooks/rita');
    hooks.failures.set('/hooks/rita', [500]);
    await updateDataset(f.deps, f.t.admin, trees.slug, { keywords: ['trees'] });
    await f.flush();
    expect(hooks.received).toHaveLength(1);
    const del = await f.app.inject({ method: 'DELETE', url: `/api/v1/subscriptions/${sub.id}`, headers: reader.auth });
    expect(del.statusCode).toBe(204);
    f.advance(60_000);
    await f.flush();
    expect(hooks.received).toHaveLength(1);
    expect((await f.app.inject({ method: 'GET', url: `/api/v1/subscriptions/${sub.id}/deliveries`, headers: reader.auth })).statusCode).toBe(404);
  });
});
