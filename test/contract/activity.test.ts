import { expect, it } from 'vitest';
import type { ActivityEntry } from '../../src/domain/activity/types.ts';
import type { CatalogStore } from '../../src/ports/catalog-store.ts';
import { activity, at, bareDataset, delivery, mail, organization, subscription, user } from './factories.ts';
import { describeStores } from './harness.ts';

/**
 * Two organizations and one entry per kind of visibility, in this order:
 * published, archived, draft, private (parks), parks itself, a parks member
 * change, a water draft.
 */
async function visibilityFixture(store: CatalogStore) {
  const [parks, water] = [organization({ id: 'parks' }), organization({ id: 'water' })];
  await store.datasets.createOrganization(parks);
  await store.datasets.createOrganization(water);
  const datasets = {
    published: bareDataset(parks.id, { status: 'published' }),
    archived: bareDataset(parks.id, { status: 'archived', accessLevel: 'restricted' }),
    draft: bareDataset(parks.id, { status: 'draft' }),
    private: bareDataset(parks.id, { status: 'published', accessLevel: 'private' }),
    waterDraft: bareDataset(water.id, { status: 'submitted' }),
  };
  for (const d of Object.values(datasets)) await store.datasets.createDataset(d);
  const about = (d: { id: string; organizationId: string }, n: number) => activity({ id: `e${n}`, at: at(n), datasetId: d.id, organizationId: d.organizationId });
  const entries: Record<string, ActivityEntry> = {};
  const add = async (name: string, a: Parameters<CatalogStore['activity']['addActivity']>[0]) => (entries[name] = await store.activity.addActivity(a));
  await add('published', about(datasets.published, 1));
  await add('archived', about(datasets.archived, 2));
  await add('draft', about(datasets.draft, 3));
  await add('private', about(datasets.private, 4));
  await add('orgUpdated', activity({ id: 'e5', at: at(5), verb: 'organization.updated', organizationId: parks.id, summary: 'renamed the organization' }));
  await add('memberAdded', activity({ id: 'e6', at: at(6), verb: 'member.added', organizationId: parks.id, details: { role: 'editor' } }));
  await add('waterDraft', about(datasets.waterDraft, 7));
  return { parks, water, datasets, entries };
}

const ids = (list: ActivityEntry[]) => list.map((e) => e.id);

describeStores('activity', (store) => {
  it('gives each entry an increasing seq and returns it whole', async () => {
    const a = activity({ details: { fields: ['title', 'keywords'], nested: { before: 'Trees', after: null } } });
    const first = await store().activity.addActivity(a);
    const second = await store().activity.addActivity(activity());
    expect(first).toEqual({ ...a, seq: first.seq });
    expect(typeof first.seq).toBe('number');
    expect(second.seq).toBeGreaterThan(first.seq);
  });

  it('shows anonymous readers open datasets and organization news only', async () => {
    await visibilityFixture(store());
    const seen = await store().activity.listActivity({ visibility: { all: false, organizationIds: [] }, limit: 50 });
    expect(ids(seen)).toEqual(['e5', 'e2', 'e1']);
  });

  it('shows members their organization’s drafts and private datasets', async () => {
    const { parks, water } = await visibilityFixture(store());
    expect(ids(await store().activity.listActivity({ visibility: { all: false, organizationIds: [parks.id] }, limit: 50 }))).toEqual(['e6', 'e5', 'e4', 'e3', 'e2', 'e1']);
    expect(ids(await store().activity.listActivity({ visibility: { all: false, organizationIds: [water.id] }, limit: 50 }))).toEqual(['e7', 'e5', 'e2', 'e1']);
  });

  it('shows everything to { all: true }, newest first, with filters and paging', async () => {
    const { parks, datasets, entries } = await visibilityFixture(store());
    const all = { all: true } as const;
    expect(ids(await store().activity.listActivity({ visibility: all, limit: 50 }))).toEqual(['e7', 'e6', 'e5', 'e4', 'e3', 'e2', 'e1']);
    expect(await store().activity.listActivity({ visibility: all, limit: 50, datasetId: datasets.draft.id })).toEqual([entries.draft]);
    expect(ids(await store().activity.listActivity({ visibility: all, limit: 50, organizationId: parks.id }))).toEqual(['e6', 'e5', 'e4', 'e3', 'e2', 'e1']);
    expect(ids(await store().activity.listActivity({ visibility: all, limit: 2, beforeSeq: entries.private!.seq }))).toEqual(['e3', 'e2']);
    expect(ids(await store().activity.listActivity({ visibility: { all: false, organizationIds: [] }, limit: 50, datasetId: datasets.draft.id }))).toEqual([]);
  });

  it('activitySince returns later entries oldest first, whatever their visibility', async () => {
    const { entries } = await visibilityFixture(store());
    expect(await store().activity.activitySince(entries.archived!.seq, 3)).toEqual([entries.draft, entries.private, entries.orgUpdated]);
    expect(await store().activity.activitySince(entries.waterDraft!.seq, 10)).toEqual([]);
  });
});

describeStores('subscriptions', (store) => {
  it('creates, lists, matches and deletes subscriptions', async () => {
    const u = user();
    await store().accounts.createUser(u);
    const onDataset = subscription(u.id, { target: 'dataset', targetId: 'ds-1', email: false, webhookUrl: 'https://hooks.city.example/x', webhookSecret: 's3cret', createdAt: at(1) });
    const onOtherDataset = subscription(u.id, { target: 'dataset', targetId: 'ds-2', createdAt: at(2) });
    const onOrg = subscription(u.id, { target: 'organization', targetId: 'parks', createdAt: at(3) });
    const onSearch = subscription(u.id, { target: 'search', targetId: 'q=trees&theme=Environment', createdAt: at(4) });
    for (const s of [onDataset, onOtherDataset, onOrg, onSearch]) await store().activity.createSubscription(s);
    expect(await store().activity.getSubscription(onDataset.id)).toEqual(onDataset);
    expect(await store().activity.listSubscriptions(u.id)).toEqual([onDataset, onOtherDataset, onOrg, onSearch]);
    expect(await store().activity.subscriptionsFor('ds-1', 'parks')).toEqual([onDataset, onOrg, onSearch]);
    expect(await store().activity.subscriptionsFor('ds-2', null)).toEqual([onOtherDataset, onSearch]);
    expect(await store().activity.subscriptionsFor(null, null)).toEqual([onSearch]);
    await store().activity.deleteSubscription(onSearch.id);
    expect(await store().activity.getSubscription(onSearch.id)).toBeUndefined();
    expect(await store().activity.subscriptionsFor(null, 'parks')).toEqual([onOrg]);
  });

  it('finds the followers of a community item by the entry’s subject, and moves them when it is merged', async () => {
    const [ana, ben] = [user(), user()];
    for (const u of [ana, ben]) await store().accounts.createUser(u);
    const anaOnDup = subscription(ana.id, { target: 'problem', targetId: 'dup', createdAt: at(1) });
    const benOnDup = subscription(ben.id, { target: 'problem', targetId: 'dup', createdAt: at(2) });
    const benOnMain = subscription(ben.id, { target: 'problem', targetId: 'main', createdAt: at(3) });
    const anaOnRequest = subscription(ana.id, { target: 'request', targetId: 'dup', createdAt: at(4) });
    for (const s of [anaOnDup, benOnDup, benOnMain, anaOnRequest]) await store().activity.createSubscription(s);
    expect(await store().activity.subscriptionsFor(null, null, 'problem:dup')).toEqual([anaOnDup, benOnDup]);
    expect(await store().activity.subscriptionsFor(null, null, 'request:dup')).toEqual([anaOnRequest]);
    expect(await store().activity.subscriptionsFor(null, null, 'nonsense')).toEqual([]);
    expect(await store().activity.subscriptionsOn('problem', 'main')).toEqual([benOnMain]);

    await store().activity.moveSubscriptions('problem', 'dup', 'main');
    expect(await store().activity.subscriptionsOn('problem', 'dup')).toEqual([]);
    // Ben followed both: he keeps one subscription; Ana's moves.
    expect(await store().activity.subscriptionsOn('problem', 'main')).toEqual([{ ...anaOnDup, targetId: 'main' }, benOnMain]);
    expect(await store().activity.subscriptionsOn('request', 'dup')).toEqual([anaOnRequest]);
  });

  it('lists every entry about one subject, whatever the reader’s visibility (the caller checked the item)', async () => {
    await store().activity.addActivity(activity({ id: 's1', at: at(1), verb: 'problem.posted', subject: 'problem:p1' }));
    await store().activity.addActivity(activity({ id: 's2', at: at(2), verb: 'problem.posted', subject: 'problem:p2' }));
    await store().activity.addActivity(activity({ id: 's3', at: at(3), verb: 'problem.commented', organizationId: null, subject: 'problem:p1' }));
    const about = await store().activity.listActivity({ subject: 'problem:p1', visibility: { all: false, organizationIds: [] }, limit: 10 });
    expect(about.map((e) => [e.id, e.subject])).toEqual([
      ['s3', 'problem:p1'],
      ['s1', 'problem:p1'],
    ]);
    // Without a subject, the reader’s visibility applies: entries about no dataset and no organization news stay with members.
    expect(await store().activity.listActivity({ visibility: { all: false, organizationIds: [] }, limit: 10 })).toEqual([]);
  });
});

describeStores('webhook deliveries', (store) => {
  it('hands out pending deliveries that are due, updates and lists them', async () => {
    const u = user();
    await store().accounts.createUser(u);
    const sub = subscription(u.id, { webhookUrl: 'https://hooks.city.example/x', webhookSecret: 'k' });
    await store().activity.createSubscription(sub);
    const dueLater = delivery(sub.id, { activitySeq: 1, nextAttemptAt: at(5), createdAt: at(1) });
    const dueFirst = delivery(sub.id, { activitySeq: 2, nextAttemptAt: at(3), createdAt: at(2) });
    const future = delivery(sub.id, { activitySeq: 3, nextAttemptAt: at(60), createdAt: at(3) });
    const done = delivery(sub.id, { activitySeq: 4, status: 'succeeded', nextAttemptAt: null, attempts: 1, lastStatus: 200, deliveredAt: at(2), createdAt: at(4) });
    const failed = delivery(sub.id, { activitySeq: 5, status: 'failed', nextAttemptAt: at(1), attempts: 8, lastStatus: 500, lastError: 'Internal error', createdAt: at(5) });
    for (const d of [dueLater, dueFirst, future, done, failed]) await store().activity.createDelivery(d);

    expect(await store().activity.dueDeliveries(at(10), 10)).toEqual([dueFirst, dueLater]);
    expect(await store().activity.dueDeliveries(at(10), 1)).toEqual([dueFirst]);
    expect(await store().activity.dueDeliveries(at(0), 10)).toEqual([]);

    await store().activity.updateDelivery(dueFirst.id, { status: 'succeeded', attempts: 1, lastStatus: 204, nextAttemptAt: null, deliveredAt: at(11) });
    await store().activity.updateDelivery(dueLater.id, { attempts: 1, lastStatus: 503, lastError: 'Unavailable', nextAttemptAt: at(20) });
    expect(await store().activity.dueDeliveries(at(10), 10)).toEqual([]);
    const updatedFirst = { ...dueFirst, status: 'succeeded', attempts: 1, lastStatus: 204, nextAttemptAt: null, deliveredAt: at(11) };
    expect(await store().activity.listDeliveries(sub.id, 10, 'succeeded')).toEqual([done, updatedFirst]);
    expect((await store().activity.listDeliveries(sub.id, 10)).map((d) => d.activitySeq)).toEqual([5, 4, 3, 2, 1]);
    expect(await store().activity.listDeliveries(sub.id, 10, 'failed')).toEqual([failed]);
    expect(await store().activity.listDeliveries(sub.id, 10, 'pending')).toEqual([future, { ...dueLater, attempts: 1, lastStatus: 503, lastError: 'Unavailable', nextAttemptAt: at(20) }]);
  });
});

describeStores('mail outbox', (store) => {
  it('hands out unsent mail that is due, oldest due first', async () => {
    const later = mail({ nextAttemptAt: at(5) });
    const first = mail({ nextAttemptAt: at(2), html: null });
    const future = mail({ nextAttemptAt: at(60) });
    const sent = mail({ nextAttemptAt: at(1), sentAt: at(1), attempts: 1 });
    for (const m of [later, first, future, sent]) await store().activity.enqueueMail(m);
    expect(await store().activity.dueMail(at(10), 10)).toEqual([first, later]);
    await store().activity.updateMail(first.id, { attempts: 1, sentAt: at(11) });
    await store().activity.updateMail(later.id, { attempts: 1, lastError: '421 try later', nextAttemptAt: at(30) });
    expect(await store().activity.dueMail(at(10), 10)).toEqual([]);
    expect(await store().activity.dueMail(at(30), 10)).toEqual([{ ...later, attempts: 1, lastError: '421 try later', nextAttemptAt: at(30) }]);
  });
});

describeStores('cursors', (store) => {
  it('reads nothing, then the latest value set', async () => {
    expect(await store().activity.getCursor('fanout')).toBeUndefined();
    await store().activity.setCursor('fanout', '12');
    await store().activity.setCursor('digest', at(1));
    await store().activity.setCursor('fanout', '40');
    expect(await store().activity.getCursor('fanout')).toBe('40');
    expect(await store().activity.getCursor('digest')).toBe(at(1));
  });
});
