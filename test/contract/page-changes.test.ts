import { expect, it } from 'vitest';
import { AREAS } from '../../src/adapters/sql/areas.ts';
import type { Effects } from '../../src/adapters/sql/area.ts';
import type { JobStore } from '../../src/ports/store/jobs.ts';
import { activity, at, bareDataset, claimAt, completion, job, mail, membership, organization, resource, session, subscription, token, user } from './factories.ts';
import { describeStores } from './harness.ts';

/** Every method's effect, by area: the writes that change what pages show are the ones kept pages must hear about. */
it('declares what each store method does to pages, the writes of content as changing them', () => {
  const changing = Object.entries(AREAS).flatMap(([area, cls]) =>
    Object.entries(cls.effects as Record<string, string>)
      .filter(([, effect]) => effect === 'changes pages')
      .map(([method]) => `${area}.${method}`),
  );
  expect(changing.sort()).toEqual(
    [
      'datasets.addPopularity', 'datasets.completeVersion', 'datasets.createDataset', 'datasets.createOrganization', 'datasets.createResource',
      'datasets.createVersion', 'datasets.deleteDataset', 'datasets.deleteResource', 'datasets.failVersion', 'datasets.putDictionary',
      'datasets.setLiveVersion', 'datasets.updateDataset', 'datasets.updateOrganization', 'site.putSiteSettings',
      'problems.addComment', 'problems.addVote', 'problems.changeProblemStatus', 'problems.mergeProblem', 'problems.createProblem', 'problems.removeVote', 'problems.updateProblem',
      'showcases.createShowcase', 'showcases.setShowcaseImage', 'showcases.setShowcaseState',
      'problems.setCommentHidden',
      'problemLinks.addProblemLink', 'problemLinks.removeProblemLink', 'problemLinks.moveProblemLinks',
      'requests.addRequestComment', 'requests.addRequestVote', 'requests.changeRequestStatus', 'requests.createRequest', 'requests.removeRequestVote',
      'requests.setRequestCommentHidden', 'requests.updateRequest',
      'champions.createChampion', 'champions.updateChampion',
      'ecosystem.createActor', 'ecosystem.updateActor', 'ecosystem.deleteActor', 'ecosystem.createRelation', 'ecosystem.updateRelation', 'ecosystem.deleteRelation',
      'events.createEvent', 'events.updateEvent', 'events.addRegistration', 'events.setRegistrationState', 'events.setAttendance', 'events.createStatement',
      'projects.createProject', 'projects.setPhase', 'projects.saveChecklist', 'projects.setLaunch', 'projects.addMilestone', 'projects.updateMilestone',
      'projects.addUpdate', 'projects.createTemplate', 'projects.updateTemplate', 'projects.deleteProject',
      'harvest.createSource', 'harvest.updateSource', 'harvest.deleteSource', 'harvest.putOrigin', 'harvest.markRemoved', 'harvest.putNotes',
      'datasets.createResources',
    ].sort(),
  );
  // A method of a port left out of its area's effects does not compile:
  // @ts-expect-error claimJob, settleJob and the rest are missing
  const missing: Effects<JobStore> = { createJob: 'writes', getJob: 'reads', updateJob: 'writes' };
  expect(Object.keys(missing)).toHaveLength(3);
});

describeStores('telling of changes to pages', (store) => {
  const counting = () => {
    const seen = { n: 0 };
    store().onPagesChanged(() => void seen.n++);
    return seen;
  };

  it('tells of each content write once it is done, and of no read', async () => {
    const seen = counting();
    const org = organization();
    await store().datasets.createOrganization(org);
    expect(seen.n).toBe(1);
    const ds = bareDataset(org.id);
    await store().datasets.createDataset(ds);
    await store().datasets.updateDataset(ds.id, { title: 'Street trees' });
    await store().datasets.updateOrganization(org.id, { name: 'Parks' });
    const r = resource(ds.id);
    await store().datasets.createResource(r);
    const v = await store().datasets.createVersion({ id: 'v1', datasetId: ds.id, resourceId: r.id, typeOverrides: {} }, at(1));
    await store().datasets.completeVersion(v.id, completion(), at(2));
    await store().datasets.setLiveVersion(ds.id, v.id, at(2));
    await store().datasets.putDictionary(ds.id, [{ column: 'species', label: 'Species', description: '', unit: '' }]);
    await store().datasets.addPopularity(ds.id, 3);
    const failed = await store().datasets.createVersion({ id: 'v2', datasetId: ds.id, resourceId: null, typeOverrides: {} }, at(3));
    await store().datasets.failVersion(failed.id, 'not a table', at(4));
    await store().datasets.deleteResource(r.id);
    await store().site.putSiteSettings({ name: 'Open City' });
    expect(seen.n).toBe(14);

    await store().datasets.getDataset(ds.id);
    await store().datasets.listVersions(ds.id);
    await store().datasets.searchDatasets({ q: 'trees', filters: {}, visibility: { all: true }, sort: 'relevance', limit: 5, offset: 0, facets: [], facetLimit: 5 });
    await store().site.getSiteSettings();
    await store().site.publicRowCount();
    await store().datasets.deleteDataset(ds.id);
    expect(seen.n).toBe(15);
  });

  it('does not tell of writes no page shows: people, sign-ins, activity, mail, jobs', async () => {
    const seen = counting();
    const u = user();
    const org = organization();
    await store().accounts.createUser(u);
    await store().accounts.updateUser(u.id, { name: 'Ana' });
    await store().accounts.createSession(session(u.id));
    await store().accounts.createToken(token(u.id));
    expect(seen.n).toBe(0);
    await store().datasets.createOrganization(org);
    expect(seen.n).toBe(1);
    await store().accounts.putMembership(membership(org.id, u.id));
    await store().activity.addActivity(activity({ organizationId: org.id }));
    await store().activity.createSubscription(subscription(u.id));
    await store().activity.enqueueMail(mail());
    await store().activity.setCursor('fan-out', '7');
    await store().jobs.createJob(job());
    const claimed = await store().jobs.claimJob(claimAt('w1', 1));
    await store().jobs.renewJobLease(claimed?.id ?? '', 'w1', at(3));
    await store().jobs.settleJob(claimed?.id ?? '', 'w1', { status: 'queued', runAfter: null, uncount: true });
    await store().jobs.claimStep('mail', 'w1', at(1), at(2));
    await store().jobs.releaseStep('mail', 'w1');
    expect(seen.n).toBe(1);
  });

  it('tells of a transaction once, after it commits, and never of one rolled back', async () => {
    const seen = counting();
    const org = organization();
    await store().transaction(async (tx) => {
      await tx.datasets.createOrganization(org);
      await tx.datasets.createDataset(bareDataset(org.id));
      await tx.site.putSiteSettings({ name: 'Ciudad' });
      expect(seen.n, 'not before it commits').toBe(0);
    });
    expect(seen.n).toBe(1);
    await store().transaction(async (tx) => {
      await tx.datasets.getOrganization(org.id);
      await tx.jobs.createJob(job());
    });
    expect(seen.n, 'a transaction that changed no page').toBe(1);
    await expect(
      store().transaction(async (tx) => {
        await tx.datasets.updateOrganization(org.id, { name: 'Never' });
        throw new Error('changed our mind');
      }),
    ).rejects.toThrow('changed our mind');
    expect(seen.n, 'a rolled back transaction').toBe(1);
    expect((await store().datasets.getOrganization(org.id))?.name).toBe(org.name);
  });

  it('keeps telling the other listeners, and keeps the write, when a listener throws', async () => {
    store().onPagesChanged(() => {
      throw new Error('listener broke');
    });
    const seen = counting();
    const org = organization();
    await store().datasets.createOrganization(org);
    expect(seen.n).toBe(1);
    expect(await store().datasets.getOrganization(org.id)).toBeDefined();
  });
});
