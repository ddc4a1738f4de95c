import { expect, it } from 'vitest';
import { at, bareDataset, datasetRequest, organization, user } from './factories.ts';
import { describeStores } from './harness.ts';

describeStores('requests', (store) => {
  it('keeps a request as asked, and updates what is patched', async () => {
    const org = organization();
    await store().datasets.createOrganization(org);
    const r = datasetRequest({ organizationId: org.id });
    await store().requests.createRequest(r);
    expect(await store().requests.getRequest(r.id)).toEqual(r);
    await store().requests.updateRequest(r.id, { hidden: true, updatedAt: at(3) });
    expect(await store().requests.getRequest(r.id)).toEqual({ ...r, hidden: true, updatedAt: at(3) });
    expect(await store().requests.getRequest('nope')).toBeUndefined();
  });

  it('counts one vote per account, takes it back once, and lists the voters', async () => {
    const r = datasetRequest();
    await store().requests.createRequest(r);
    expect(await store().requests.addRequestVote(r.id, 'u1', at(1))).toEqual({ changed: true, votes: 1 });
    expect(await store().requests.addRequestVote(r.id, 'u1', at(2))).toEqual({ changed: false, votes: 1 });
    expect(await store().requests.addRequestVote(r.id, 'u2', at(3))).toEqual({ changed: true, votes: 2 });
    expect(await store().requests.requestVoters(r.id)).toEqual(['u1', 'u2']);
    expect(await store().requests.removeRequestVote(r.id, 'u1')).toEqual({ changed: true, votes: 1 });
    expect(await store().requests.removeRequestVote(r.id, 'u1')).toEqual({ changed: false, votes: 1 });
    expect([...(await store().requests.requestsVotedOn('u2', [r.id, 'other']))]).toEqual([r.id]);
    expect((await store().requests.getRequest(r.id))?.votes).toBe(1);
  });

  it('counts votes cast at once right: two at once from one account count once, and the count never drifts', async () => {
    const r = datasetRequest();
    await store().requests.createRequest(r);
    const pair = await Promise.all([store().requests.addRequestVote(r.id, 'same', at(1)), store().requests.addRequestVote(r.id, 'same', at(1))]);
    expect(pair.filter((o) => o.changed)).toHaveLength(1);
    expect((await store().requests.getRequest(r.id))?.votes).toBe(1);
    await Promise.all(Array.from({ length: 16 }, (_, i) => store().requests.addRequestVote(r.id, `u${i}`, at(i))));
    await Promise.all([...Array.from({ length: 8 }, (_, i) => store().requests.removeRequestVote(r.id, `u${i}`)), store().requests.removeRequestVote(r.id, 'same'), store().requests.removeRequestVote(r.id, 'same')]);
    const voters = await store().requests.requestVoters(r.id);
    expect(voters).toHaveLength(8);
    expect((await store().requests.getRequest(r.id))?.votes).toBe(8);
  });

  it('lists requests by votes or newest, filtered by status and organization, leaving hidden ones out', async () => {
    const org = organization();
    await store().datasets.createOrganization(org);
    const old = datasetRequest({ title: 'old', createdAt: at(0) });
    const popular = datasetRequest({ title: 'popular', createdAt: at(1), organizationId: org.id });
    const fresh = datasetRequest({ title: 'fresh', createdAt: at(2), status: 'planned', targetDate: '2025-06-01' });
    const hidden = datasetRequest({ title: 'hidden', createdAt: at(3), hidden: true });
    for (const r of [old, popular, fresh, hidden]) await store().requests.createRequest(r);
    for (const u of ['a', 'b']) await store().requests.addRequestVote(popular.id, u, at(5));
    await store().requests.addRequestVote(old.id, 'a', at(5));
    const titles = async (q: Partial<Parameters<ReturnType<typeof store>['requests']['listRequests']>[0]>) =>
      (await store().requests.listRequests({ sort: 'votes', limit: 10, offset: 0, ...q })).results.map((r) => r.title);
    expect(await titles({})).toEqual(['popular', 'old', 'fresh']);
    expect(await titles({ sort: 'newest' })).toEqual(['fresh', 'popular', 'old']);
    expect(await titles({ sort: 'newest', includeHidden: true })).toEqual(['hidden', 'fresh', 'popular', 'old']);
    expect(await titles({ statuses: ['planned'] })).toEqual(['fresh']);
    expect(await titles({ organizationId: org.id })).toEqual(['popular']);
    const page = await store().requests.listRequests({ sort: 'votes', limit: 1, offset: 1 });
    expect(page).toMatchObject({ total: 3, results: [{ title: 'old' }] });
  });

  it('keeps every answer in the history, and a fulfilled request is listed on its dataset', async () => {
    const org = organization();
    await store().datasets.createOrganization(org);
    const ds = bareDataset(org.id);
    await store().datasets.createDataset(ds);
    const r = datasetRequest({ organizationId: org.id });
    const other = datasetRequest({ title: 'other' });
    await store().requests.createRequest(r);
    await store().requests.createRequest(other);
    await store().requests.changeRequestStatus({ requestId: r.id, from: 'new', to: 'planned', note: null, declineReason: null, targetDate: '2025-03-01', datasetId: null, actorId: 'city', at: at(5) });
    expect(await store().requests.getRequest(r.id)).toMatchObject({ status: 'planned', targetDate: '2025-03-01', updatedAt: at(5) });
    await store().requests.changeRequestStatus({ requestId: r.id, from: 'planned', to: 'published', note: 'Here it is.', declineReason: null, targetDate: null, datasetId: ds.id, actorId: 'city', at: at(6) });
    await store().requests.changeRequestStatus({ requestId: other.id, from: 'new', to: 'declined', note: null, declineReason: 'privacy', targetDate: null, datasetId: null, actorId: 'city', at: at(7) });
    expect(await store().requests.getRequest(r.id)).toMatchObject({ status: 'published', statusNote: 'Here it is.', targetDate: null, datasetId: ds.id });
    expect(await store().requests.getRequest(other.id)).toMatchObject({ status: 'declined', declineReason: 'privacy', datasetId: null });
    const history = await store().requests.requestHistory(r.id);
    expect(history.map((c) => `${c.from}>${c.to}`)).toEqual(['new>planned', 'planned>published']);
    expect(history[0]).toEqual({ requestId: r.id, from: 'new', to: 'planned', note: null, declineReason: null, targetDate: '2025-03-01', datasetId: null, actorId: 'city', at: at(5) });
    expect((await store().requests.requestsFulfilledBy(ds.id)).map((x) => x.id)).toEqual([r.id]);
    expect(await store().requests.requestsFulfilledBy('nope')).toEqual([]);
  });

  it('keeps comments with their author\'s name, hidden ones only when asked', async () => {
    const author = user({ name: 'Rosa Martínez' });
    await store().accounts.createUser(author);
    const r = datasetRequest();
    await store().requests.createRequest(r);
    await store().requests.addRequestComment({ id: 'c1', requestId: r.id, authorId: author.id, body: '<b>Yes</b> please', hidden: false, createdAt: at(1) });
    await store().requests.addRequestComment({ id: 'c2', requestId: r.id, authorId: 'gone', body: 'hidden', hidden: true, createdAt: at(2) });
    expect(await store().requests.listRequestComments(r.id, false)).toEqual([{ id: 'c1', requestId: r.id, authorId: author.id, authorName: 'Rosa Martínez', body: '<b>Yes</b> please', hidden: false, createdAt: at(1) }]);
    expect((await store().requests.listRequestComments(r.id, true)).map((c) => [c.id, c.authorName])).toEqual([['c1', 'Rosa Martínez'], ['c2', '']]);
  });

  it('keeps a fulfilled request when its dataset is deleted, without the link', async () => {
    const org = organization();
    await store().datasets.createOrganization(org);
    const ds = bareDataset(org.id);
    await store().datasets.createDataset(ds);
    const r = datasetRequest();
    await store().requests.createRequest(r);
    await store().requests.changeRequestStatus({ requestId: r.id, from: 'new', to: 'published', note: null, declineReason: null, targetDate: null, datasetId: ds.id, actorId: 'city', at: at(1) });
    await store().datasets.deleteDataset(ds.id);
    expect(await store().requests.getRequest(r.id)).toMatchObject({ status: 'published', datasetId: null });
    expect(await store().requests.requestsFulfilledBy(ds.id)).toEqual([]);
  });

  it('finds one comment, hidden or not, and hides it or shows it again', async () => {
    const author = user({ name: 'Tomás Ruiz' });
    await store().accounts.createUser(author);
    const r = datasetRequest();
    await store().requests.createRequest(r);
    await store().requests.addRequestComment({ id: 'rc-one', requestId: r.id, authorId: author.id, body: 'Call me at 555-0100', hidden: false, createdAt: at(1) });
    await store().requests.addRequestComment({ id: 'rc-two', requestId: r.id, authorId: author.id, body: 'Still needed', hidden: false, createdAt: at(2) });
    expect(await store().requests.getRequestComment('rc-one')).toEqual({ id: 'rc-one', requestId: r.id, authorId: author.id, authorName: 'Tomás Ruiz', body: 'Call me at 555-0100', hidden: false, createdAt: at(1) });
    await store().requests.setRequestCommentHidden('rc-one', true);
    expect((await store().requests.getRequestComment('rc-one'))?.hidden).toBe(true);
    expect((await store().requests.listRequestComments(r.id, false)).map((c) => c.id)).toEqual(['rc-two']);
    await store().requests.setRequestCommentHidden('rc-one', false);
    expect((await store().requests.listRequestComments(r.id, false)).map((c) => c.id)).toEqual(['rc-one', 'rc-two']);
    expect(await store().requests.getRequestComment('nope')).toBeUndefined();
  });
});
