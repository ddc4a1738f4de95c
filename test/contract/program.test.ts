import { expect, it } from 'vitest';
import { activity, at, bareDataset, datasetRequest, organization, problem, uid } from './factories.ts';
import { describeStores } from './harness.ts';

describeStores('program', (store) => {
  const twoDatasets = async () => {
    const org = organization({ name: 'Parks Department' });
    await store().datasets.createOrganization(org);
    const a = bareDataset(org.id, { title: 'Trees', themes: ['environment', 'health'], frequency: 'monthly', dataUpdatedAt: at(), nextDueAt: at(60) });
    const b = bareDataset(org.id, { title: 'Benches', status: 'draft', accessLevel: 'private' });
    await store().datasets.createDataset(a);
    await store().datasets.createDataset(b);
    return { org, a, b };
  };

  it('adds uses to a dataset\'s day, skips a dataset that is gone, and lists the days asked for', async () => {
    const { a, b } = await twoDatasets();
    await store().program.addUseDay({ datasetId: a.id, day: '2026-01-02', views: 2, downloads: 1, apiCalls: 0 });
    await store().program.addUseDay({ datasetId: a.id, day: '2026-01-02', views: 1, downloads: 0, apiCalls: 4 });
    await store().program.addUseDay({ datasetId: b.id, day: '2026-01-03', views: 1, downloads: 0, apiCalls: 0 });
    await store().program.addUseDay({ datasetId: a.id, day: '2026-01-05', views: 9, downloads: 0, apiCalls: 0 });
    await store().program.addUseDay({ datasetId: 'gone', day: '2026-01-02', views: 1, downloads: 1, apiCalls: 1 });
    expect(await store().program.listUseDays('2026-01-01', '2026-01-04')).toEqual([
      { datasetId: a.id, day: '2026-01-02', views: 3, downloads: 1, apiCalls: 4 },
      { datasetId: b.id, day: '2026-01-03', views: 1, downloads: 0, apiCalls: 0 },
    ]);
    // The counts are written in the same transaction as the popularity.
    await store().transaction(async (tx) => {
      await tx.datasets.addPopularity(a.id, 2);
      await tx.program.addUseDay({ datasetId: a.id, day: '2026-01-04', views: 2, downloads: 0, apiCalls: 0 });
    });
    expect((await store().program.listUseDays('2026-01-04', '2026-01-04')).map((u) => u.views)).toEqual([2]);
    await store().datasets.deleteDataset(b.id);
    expect(await store().program.listUseDays('2026-01-03', '2026-01-03')).toEqual([]);
  });

  it('lists every dataset with its organization, themes, visibility and freshness dates', async () => {
    const { org, a, b } = await twoDatasets();
    const facts = await store().program.listDatasetFacts();
    expect(facts).toEqual([
      { id: b.id, slug: b.slug, title: 'Benches', organizationId: org.id, organizationName: 'Parks Department', organizationSlug: org.slug, themes: [], status: 'draft', accessLevel: 'private', frequency: null, dataUpdatedAt: null, nextDueAt: null },
      { id: a.id, slug: a.slug, title: 'Trees', organizationId: org.id, organizationName: 'Parks Department', organizationSlug: org.slug, themes: ['environment', 'health'], status: 'published', accessLevel: 'public', frequency: 'monthly', dataUpdatedAt: at(), nextDueAt: at(60) },
    ]);
  });

  it('gives each problem and request the time of its first answer: its first change of status', async () => {
    const p1 = problem({ title: 'Answered', createdAt: at(0) });
    const p2 = problem({ title: 'Waiting', createdAt: at(5), hidden: true });
    await store().problems.createProblem(p1);
    await store().problems.createProblem(p2);
    await store().problems.changeProblemStatus({ problemId: p1.id, from: 'new', to: 'under_review', reason: null, actorId: 'u', at: at(30) });
    await store().problems.changeProblemStatus({ problemId: p1.id, from: 'under_review', to: 'scoped', reason: null, actorId: 'u', at: at(90) });
    expect(await store().program.listProblemFacts()).toEqual([
      { id: p1.id, title: 'Answered', status: 'scoped', hidden: false, mergedInto: null, createdAt: at(0), firstAnsweredAt: at(30) },
      { id: p2.id, title: 'Waiting', status: 'new', hidden: true, mergedInto: null, createdAt: at(5), firstAnsweredAt: null },
    ]);
    const r1 = datasetRequest({ title: 'Trees please', createdAt: at(1) });
    await store().requests.createRequest(r1);
    await store().requests.changeRequestStatus({ requestId: r1.id, from: 'new', to: 'planned', note: 'Next spring', declineReason: null, targetDate: null, datasetId: null, actorId: 'u', at: at(120) });
    await store().requests.changeRequestStatus({ requestId: r1.id, from: 'planned', to: 'declined', note: null, declineReason: 'not_held', targetDate: null, datasetId: null, actorId: 'u', at: at(200) });
    expect(await store().program.listRequestFacts()).toEqual([{ id: r1.id, title: 'Trees please', status: 'declined', hidden: false, mergedInto: null, createdAt: at(1), firstAnsweredAt: at(120) }]);
  });

  it('lists the approvals in a period of showcases approved now, once each, at their last approval', async () => {
    const shown = uid('showcase');
    const later = uid('showcase');
    const base = { id: '', title: 'T', kind: 'app' as const, description: 'D', link: 'https://example.org', madeBy: 'M', image: null, imageAlt: '', stateReason: null, authorId: 'u', datasetIds: [], createdAt: at(), updatedAt: at() };
    await store().showcases.createShowcase({ ...base, id: shown, state: 'approved' });
    await store().showcases.createShowcase({ ...base, id: later, state: 'rejected' });
    for (const [id, minutes] of [[shown, 10], [shown, 11], [later, 20]] as const) {
      await store().activity.addActivity(activity({ verb: 'showcase.approved', at: at(minutes), details: { showcase_id: id } }));
    }
    await store().activity.addActivity(activity({ verb: 'showcase.rejected', at: at(12), details: { showcase_id: shown } }));
    expect(await store().program.listShowcaseApprovals(at(0), at(60))).toEqual([{ showcaseId: shown, at: at(11) }]);
    expect(await store().program.listShowcaseApprovals(at(30), at(60))).toEqual([]);
  });

  it('counts no event where there is none', async () => {
    expect(await store().program.listEventStarts(at(0), at(60))).toEqual([]);
  });
});

it('names the figures\' store methods in one place', async () => {
  const { SqlProgram } = await import('../../src/adapters/sql/program.ts');
  expect(Object.keys(SqlProgram.effects).sort()).toEqual(['addUseDay', 'listDatasetFacts', 'listEventStarts', 'listProblemFacts', 'listRequestFacts', 'listShowcaseApprovals', 'listUseDays']);
});
