import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import type { OutboxMail } from '../../src/domain/activity/types.ts';
import type { Dataset } from '../../src/domain/catalog/types.ts';
import { startFlow, startReceiver, type Flow, type Person, type Receiver } from './support.ts';

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

const DAY_MS = 24 * 60 * 60 * 1000;

async function subscribe(who: Person, body: Record<string, unknown>, path: string): Promise<string> {
  const res = await f.app.inject({ method: 'POST', url: '/api/v1/subscriptions', headers: who.auth, payload: { ...body, email: true, webhook_url: hooks.url(path) } });
  expect(res.statusCode, res.body).toBe(201);
  hooks.secrets.set(path, res.json().webhook_secret);
  return res.json().id;
}

/** The datasets the webhooks received at `path` were about. */
const hookedDatasets = (path: string): string[] => hooks.received.filter((r) => r.path === path).map((r) => JSON.parse(r.body).dataset?.id ?? null);

/** Mail waiting in the outbox (no mail server is configured, so it stays). */
const outbox = (): Promise<OutboxMail[]> => f.deps.catalog.activity.dueMail(new Date(Date.now() + 400 * DAY_MS).toISOString(), 100);

describe('nobody hears of what they may not see', () => {
  let outsider: Person;
  let member: Person;
  let draft: Dataset;
  let secret: Dataset;
  let open: Dataset;

  beforeEach(async () => {
    outsider = await f.person('Olga Outsider');
    member = await f.person('Mina Member', 'viewer');
    await subscribe(outsider, { organization: 'test-department' }, '/outsider/org');
    await subscribe(outsider, { search: 'q=budget' }, '/outsider/search');
    await subscribe(member, { organization: 'test-department' }, '/member/org');
    draft = await f.dataset('Draft budget lines', { publish: false });
    secret = await f.dataset('Private budget memos', { access: 'private' });
    open = await f.dataset('Open budget', { themes: ['Budget and finance'] });
    await updateDataset(f.deps, f.t.admin, draft.id, { description: 'Not ready yet.' });
    await updateDataset(f.deps, f.t.admin, secret.id, { description: 'Internal only.' });
    await updateDataset(f.deps, f.t.admin, open.id, { description: 'The adopted budget, line by line.' });
    await f.flush();
  });

  it('sends webhooks about drafts and private datasets to members only', async () => {
    const outsiderOrg = hookedDatasets('/outsider/org');
    const outsiderSearch = hookedDatasets('/outsider/search');
    const memberOrg = hookedDatasets('/member/org');
    expect(hooks.received.every((r) => r.verified)).toBe(true);
    for (const seen of [outsiderOrg, outsiderSearch]) {
      expect(seen).toContain(open.id);
      expect(seen).not.toContain(draft.id);
      expect(seen).not.toContain(secret.id);
    }
    // The search subscription hears only of datasets its search finds, and of no organization-wide change.
    expect(new Set(outsiderSearch)).toEqual(new Set([open.id]));
    expect(memberOrg).toEqual(expect.arrayContaining([draft.id, secret.id, open.id]));
  });

  it('puts only what each subscriber may see in their digest', async () => {
    expect(await outbox()).toHaveLength(0);
    f.advance(DAY_MS + 60_000);
    await f.flush();
    const mails = await outbox();
    const toOutsider = mails.filter((m) => m.to === outsider.principal.email);
    const toMember = mails.filter((m) => m.to === member.principal.email);
    expect(toOutsider).toHaveLength(1);
    expect(toMember).toHaveLength(1);
    const o = toOutsider[0]!;
    expect(o.text).toContain('Hello Olga Outsider');
    expect(o.text).toContain('Open budget');
    expect(o.text).toContain('https://data.example.gov/datasets/open-budget');
    expect(o.text).toContain('updated description');
    expect(o.html).toContain('Open budget');
    for (const body of [o.text, o.html ?? '', o.subject]) {
      expect(body).not.toContain('Draft budget lines');
      expect(body).not.toContain('Private budget memos');
    }
    const m = toMember[0]!;
    expect(m.text).toContain('Draft budget lines');
    expect(m.text).toContain('Private budget memos');
    expect(m.text).toContain('Open budget');
    expect(m.subject).toBe(`${f.deps.site.name}: 11 updates today`);
  });

  it('stops delivering about a dataset once it turns private, even a delivery already queued', async () => {
    const follow = await f.app.inject({ method: 'POST', url: '/api/v1/subscriptions', headers: outsider.auth, payload: { dataset: open.slug, email: false, webhook_url: hooks.url('/outsider/open') } });
    expect(follow.statusCode).toBe(201);
    hooks.secrets.set('/outsider/open', follow.json().webhook_secret);
    hooks.failures.set('/outsider/open', [500]);
    await updateDataset(f.deps, f.t.admin, open.id, { keywords: ['budget'] });
    await f.flush();
    expect(hookedDatasets('/outsider/open')).toEqual([open.id]);

    await updateDataset(f.deps, f.t.admin, open.id, { access_level: 'private' });
    await updateDataset(f.deps, f.t.admin, open.id, { keywords: ['budget', 'secret'] });
    f.advance(60_000);
    await f.flush();
    expect(hookedDatasets('/outsider/open')).toEqual([open.id]);
    const log = await f.app.inject({ method: 'GET', url: `/api/v1/subscriptions/${follow.json().id}/deliveries`, headers: outsider.auth });
    expect(log.json().results).toHaveLength(1);
    expect(log.json().results[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(log.json().results[0].last_error).toContain('no longer visible');
  });

  it('does not let an outsider follow or read the activity of a draft', async () => {
    const follow = await f.app.inject({ method: 'POST', url: '/api/v1/subscriptions', headers: outsider.auth, payload: { dataset: draft.slug } });
    expect(follow.statusCode).toBe(404);
    for (const headers of [outsider.auth, {}]) {
      expect((await f.app.inject({ method: 'GET', url: `/api/v1/datasets/${draft.slug}/activity`, headers })).statusCode).toBe(404);
      expect((await f.app.inject({ method: 'GET', url: `/api/v1/datasets/${secret.slug}/activity`, headers })).statusCode).toBe(404);
    }
    const mine = await f.app.inject({ method: 'GET', url: `/api/v1/datasets/${draft.slug}/activity`, headers: member.auth });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().results.map((e: { verb: string }) => e.verb)).toEqual(['dataset.updated', 'resource.added', 'dataset.created']);

    for (const url of ['/api/v1/activity', '/api/v1/organizations/test-department/activity']) {
      const anon = await f.app.inject({ method: 'GET', url });
      expect(anon.statusCode).toBe(200);
      const slugs = anon.json().results.map((e: { dataset: { slug: string } | null }) => e.dataset?.slug);
      expect(slugs).toContain(open.slug);
      expect(slugs).not.toContain(draft.slug);
      expect(slugs).not.toContain(secret.slug);
    }
  });

  it('keeps drafts and private datasets out of the feeds and the sitemap', async () => {
    for (const url of ['/feeds/activity.atom', '/feeds/organizations/test-department.atom', '/feeds/search.atom', '/feeds/search.atom?q=budget', '/sitemap.xml']) {
      const res = await f.app.inject({ method: 'GET', url, headers: member.auth });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain(open.slug);
      expect(res.body, url).not.toContain(draft.slug);
      expect(res.body, url).not.toContain(secret.slug);
      expect(res.body, url).not.toContain('Draft budget lines');
      expect(res.body, url).not.toContain('Private budget memos');
    }
    for (const d of [draft, secret]) {
      const res = await f.app.inject({ method: 'GET', url: `/feeds/datasets/${d.slug}.atom`, headers: member.auth });
      expect(res.statusCode).toBe(404);
    }
  });
});
