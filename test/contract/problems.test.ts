import { expect, it } from 'vitest';
import { at, organization, problem, user } from './factories.ts';
import { describeStores } from './harness.ts';

describeStores('problems', (store) => {
  it('keeps a problem as posted, its place included', async () => {
    const p = problem({ place: { kind: 'area', area: '10025' }, area: '10025', authorId: null, hidden: true });
    await store().problems.createProblem(p);
    expect(await store().problems.getProblem(p.id)).toEqual(p);
    const city = problem({ place: { kind: 'citywide' }, area: null });
    await store().problems.createProblem(city);
    expect((await store().problems.getProblem(city.id))?.place).toEqual({ kind: 'citywide' });
    expect(await store().problems.getProblem('nope')).toBeUndefined();
  });

  it('counts one vote per account, takes it back once, and never lets the count drift from the votes', async () => {
    const p = problem();
    await store().problems.createProblem(p);
    expect(await store().problems.addVote(p.id, 'u1', at(1))).toEqual({ changed: true, votes: 1 });
    expect(await store().problems.addVote(p.id, 'u1', at(2))).toEqual({ changed: false, votes: 1 });
    expect(await store().problems.addVote(p.id, 'u2', at(3))).toEqual({ changed: true, votes: 2 });
    expect(await store().problems.removeVote(p.id, 'u1')).toEqual({ changed: true, votes: 1 });
    expect(await store().problems.removeVote(p.id, 'u1')).toEqual({ changed: false, votes: 1 });
    expect([...(await store().problems.votedOn('u2', [p.id, 'other']))]).toEqual([p.id]);
    expect((await store().problems.votedOn('u1', [p.id])).size).toBe(0);
    expect((await store().problems.getProblem(p.id))?.votes).toBe(1);
  });

  it('counts votes cast at once right: one account\'s many votes once, many accounts\' each once', async () => {
    const p = problem();
    await store().problems.createProblem(p);
    const same = await Promise.all(Array.from({ length: 12 }, (_, i) => store().problems.addVote(p.id, 'same', at(i))));
    expect(same.filter((o) => o.changed)).toHaveLength(1);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store().problems.addVote(p.id, `u${i}`, at(i))));
    await Promise.all(Array.from({ length: 10 }, (_, i) => store().problems.removeVote(p.id, `u${i}`)));
    await Promise.all([store().problems.removeVote(p.id, 'same'), store().problems.removeVote(p.id, 'same')]);
    const kept = await store().problems.votedOn('whoever', [p.id]);
    expect(kept.size).toBe(0);
    const voters = await Promise.all(Array.from({ length: 20 }, (_, i) => store().problems.votedOn(`u${i}`, [p.id])));
    expect(voters.filter((s) => s.size === 1)).toHaveLength(10);
    expect((await store().problems.getProblem(p.id))?.votes).toBe(10);
  });

  it('lists open problems by votes, newest or trending, filtered, leaving out merged and hidden ones', async () => {
    const org = organization();
    await store().datasets.createOrganization(org);
    const old = problem({ title: 'old', createdAt: at(0), category: 'housing', area: '10001' });
    const popular = problem({ title: 'popular', createdAt: at(1), organizationId: org.id });
    const fresh = problem({ title: 'fresh', createdAt: at(2), status: 'scoped' });
    const hidden = problem({ title: 'hidden', createdAt: at(3), hidden: true });
    const merged = problem({ title: 'merged', createdAt: at(4), mergedInto: popular.id });
    for (const p of [old, popular, fresh, hidden, merged]) await store().problems.createProblem(p);
    // popular: 3 votes long ago; old: 2 recent votes; fresh: 1 recent vote.
    for (const u of ['a', 'b', 'c']) await store().problems.addVote(popular.id, u, at(10));
    for (const u of ['a', 'b']) await store().problems.addVote(old.id, u, at(100));
    await store().problems.addVote(fresh.id, 'a', at(100));
    const titles = async (q: Partial<Parameters<ReturnType<typeof store>['problems']['listProblems']>[0]>) =>
      (await store().problems.listProblems({ sort: 'votes', limit: 10, offset: 0, ...q })).results.map((p) => p.title);

    expect(await titles({})).toEqual(['popular', 'old', 'fresh']);
    expect(await titles({ sort: 'newest' })).toEqual(['fresh', 'popular', 'old']);
    expect(await titles({ sort: 'trending', trendingSince: at(50) })).toEqual(['old', 'fresh', 'popular']);
    expect(await titles({ includeHidden: true, sort: 'newest' })).toEqual(['hidden', 'fresh', 'popular', 'old']);
    expect(await titles({ statuses: ['scoped'] })).toEqual(['fresh']);
    expect(await titles({ categories: ['housing'] })).toEqual(['old']);
    expect(await titles({ areas: ['10001'] })).toEqual(['old']);
    expect(await titles({ organizationId: org.id })).toEqual(['popular']);
    const page = await store().problems.listProblems({ sort: 'votes', limit: 1, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.results.map((p) => p.title)).toEqual(['old']);
  });

  it('moves a problem\'s status and keeps each change in its history, oldest first', async () => {
    const p = problem();
    await store().problems.createProblem(p);
    await store().problems.changeProblemStatus({ problemId: p.id, from: 'new', to: 'under_review', reason: null, actorId: 'triager', at: at(5) });
    await store().problems.changeProblemStatus({ problemId: p.id, from: 'under_review', to: 'declined', reason: 'Private land; not the city\'s.', actorId: 'triager', at: at(6) });
    const now = await store().problems.getProblem(p.id);
    expect(now).toMatchObject({ status: 'declined', statusReason: 'Private land; not the city\'s.', updatedAt: at(6) });
    expect((await store().problems.problemHistory(p.id)).map((c) => `${c.from}>${c.to}`)).toEqual(['new>under_review', 'under_review>declined']);
  });

  it('updates what is given and leaves the rest', async () => {
    const org = organization();
    await store().datasets.createOrganization(org);
    const p = problem();
    await store().problems.createProblem(p);
    await store().problems.updateProblem(p.id, { organizationId: org.id, hidden: true, updatedAt: at(9) });
    expect(await store().problems.getProblem(p.id)).toEqual({ ...p, organizationId: org.id, hidden: true, updatedAt: at(9) });
  });

  it('keeps comments oldest first with their author\'s name, and hidden ones only when asked', async () => {
    const p = problem();
    await store().problems.createProblem(p);
    const ana = user({ name: 'Ana' });
    await store().accounts.createUser(ana);
    await store().problems.addComment({ id: 'c1', problemId: p.id, authorId: ana.id, body: 'Same on my street.', hidden: false, createdAt: at(1) });
    await store().problems.addComment({ id: 'c2', problemId: p.id, authorId: 'gone', body: 'Spam', hidden: true, createdAt: at(2) });
    await store().problems.addComment({ id: 'c3', problemId: p.id, authorId: ana.id, body: 'Still dark tonight.', hidden: false, createdAt: at(3) });
    expect(await store().problems.listComments(p.id, false)).toEqual([
      { id: 'c1', problemId: p.id, authorId: ana.id, authorName: 'Ana', body: 'Same on my street.', hidden: false, createdAt: at(1) },
      { id: 'c3', problemId: p.id, authorId: ana.id, authorName: 'Ana', body: 'Still dark tonight.', hidden: false, createdAt: at(3) },
    ]);
    expect((await store().problems.listComments(p.id, true)).map((c) => [c.id, c.authorName, c.hidden])).toEqual([['c1', 'Ana', false], ['c2', '', true], ['c3', 'Ana', false]]);
    expect(await store().problems.listComments('other', true)).toEqual([]);
  });

  it('merges a duplicate: votes move once per account, comments move, earlier duplicates follow, counts stay true', async () => {
    const keep = problem({ title: 'keep' });
    const dup = problem({ title: 'dup' });
    const older = problem({ title: 'older duplicate', mergedInto: dup.id });
    for (const p of [keep, dup, older]) await store().problems.createProblem(p);
    for (const u of ['a', 'b']) await store().problems.addVote(keep.id, u, at(1));
    for (const u of ['b', 'c', 'd']) await store().problems.addVote(dup.id, u, at(2));
    await store().problems.addComment({ id: 'c-dup', problemId: dup.id, authorId: 'c', body: 'Me too', hidden: false, createdAt: at(3) });
    expect(await store().problems.mergeProblem(dup.id, keep.id, at(9))).toBe(2);
    expect(await store().problems.getProblem(keep.id)).toMatchObject({ votes: 4, updatedAt: at(9) });
    expect(await store().problems.getProblem(dup.id)).toMatchObject({ votes: 0, mergedInto: keep.id });
    expect((await store().problems.getProblem(older.id))?.mergedInto).toBe(keep.id);
    for (const u of ['a', 'b', 'c', 'd']) expect((await store().problems.votedOn(u, [keep.id, dup.id])).has(keep.id), u).toBe(true);
    expect((await store().problems.votedOn('c', [dup.id])).size).toBe(0);
    expect((await store().problems.listComments(keep.id, true)).map((c) => c.id)).toEqual(['c-dup']);
    expect((await store().problems.listProblems({ sort: 'votes', limit: 10, offset: 0 })).results.map((p) => p.title)).toEqual(['keep']);
  });
});
