import { expect, it } from 'vitest';
import type { ProblemLink } from '../../src/domain/community/links.ts';
import { at, problem } from './factories.ts';
import { describeStores } from './harness.ts';

const link = (problemId: string, targetId: string, l: Partial<ProblemLink> = {}): ProblemLink => ({ problemId, kind: 'dataset', targetId, linkedBy: 'triager', linkedAt: at(1), ...l });

describeStores('problem links', (store) => {
  it('keeps one link per problem, kind and target, oldest first, and removes it once', async () => {
    const p = problem();
    await store().problems.createProblem(p);
    expect(await store().problemLinks.addProblemLink(link(p.id, 'ds-1', { linkedAt: at(1) }))).toBe(true);
    expect(await store().problemLinks.addProblemLink(link(p.id, 'ds-1', { linkedBy: 'someone else', linkedAt: at(9) }))).toBe(false);
    expect(await store().problemLinks.addProblemLink(link(p.id, 'ds-2', { linkedAt: at(2) }))).toBe(true);
    expect(await store().problemLinks.addProblemLink(link(p.id, 'ds-1', { kind: 'request' }))).toBe(true);
    expect(await store().problemLinks.listProblemLinks(p.id)).toEqual([
      link(p.id, 'ds-1', { linkedAt: at(1) }),
      link(p.id, 'ds-2', { linkedAt: at(2) }),
      link(p.id, 'ds-1', { kind: 'request' }),
    ]);
    expect(await store().problemLinks.removeProblemLink(p.id, 'dataset', 'ds-1')).toBe(true);
    expect(await store().problemLinks.removeProblemLink(p.id, 'dataset', 'ds-1')).toBe(false);
    expect((await store().problemLinks.listProblemLinks(p.id)).map((l) => `${l.kind}:${l.targetId}`)).toEqual(['dataset:ds-2', 'request:ds-1']);
  });

  it('counts a link made twice at once once', async () => {
    const p = problem();
    await store().problems.createProblem(p);
    const added = await Promise.all(Array.from({ length: 8 }, () => store().problemLinks.addProblemLink(link(p.id, 'ds-1'))));
    expect(added.filter(Boolean)).toHaveLength(1);
    expect(await store().problemLinks.listProblemLinks(p.id)).toHaveLength(1);
  });

  it('lists the problems linked to a target, newest link first, leaving out merged ones', async () => {
    const a = problem();
    const b = problem();
    const merged = problem({ mergedInto: a.id });
    for (const p of [a, b, merged]) await store().problems.createProblem(p);
    await store().problemLinks.addProblemLink(link(a.id, 'ds-1'));
    await store().problemLinks.addProblemLink(link(merged.id, 'ds-1'));
    await store().problemLinks.addProblemLink(link(b.id, 'ds-1'));
    await store().problemLinks.addProblemLink(link(a.id, 'ds-2'));
    expect(await store().problemLinks.problemsLinkedTo('dataset', 'ds-1')).toEqual([b.id, a.id]);
    expect(await store().problemLinks.problemsLinkedTo('request', 'ds-1')).toEqual([]);
  });

  it('moves a duplicate\'s links to the problem it is merged into, a target both link once', async () => {
    const dup = problem();
    const keep = problem();
    for (const p of [dup, keep]) await store().problems.createProblem(p);
    await store().problemLinks.addProblemLink(link(dup.id, 'ds-1'));
    await store().problemLinks.addProblemLink(link(dup.id, 'ds-2', { linkedBy: 'first' }));
    await store().problemLinks.addProblemLink(link(keep.id, 'ds-2', { linkedBy: 'kept' }));
    expect(await store().problemLinks.moveProblemLinks(dup.id, keep.id)).toBe(1);
    expect(await store().problemLinks.listProblemLinks(dup.id)).toEqual([]);
    expect((await store().problemLinks.listProblemLinks(keep.id)).map((l) => `${l.targetId} ${l.linkedBy}`)).toEqual(['ds-2 kept', 'ds-1 triager']);
  });
});
