import { expect, it } from 'vitest';
import type { Report } from '../../src/domain/community/reports.ts';
import { at, problem, uid } from './factories.ts';
import { describeStores } from './harness.ts';

const report = (r: Partial<Report> = {}): Omit<Report, 'resolvedAt' | 'resolution' | 'resolvedBy'> => ({
  id: uid('report'),
  kind: 'problem',
  itemId: 'item-1',
  reporterId: 'user-1',
  reason: 'spam',
  note: '',
  createdAt: at(),
  ...r,
});

describeStores('reports', (store) => {
  it('keeps one open report per person and item, whatever arrives at once', async () => {
    const first = report({ note: 'Selling shoes.' });
    expect(await store().reports.fileReport(first)).toBe(true);
    expect(await store().reports.fileReport(report({ reason: 'abuse' }))).toBe(false);
    const racing = await Promise.all(Array.from({ length: 8 }, (_, i) => store().reports.fileReport(report({ reporterId: 'user-2', createdAt: at(i) }))));
    expect(racing.filter(Boolean)).toHaveLength(1);
    // Another item, or another kind with the same id, is another report.
    expect(await store().reports.fileReport(report({ itemId: 'item-2' }))).toBe(true);
    expect(await store().reports.fileReport(report({ kind: 'problem-comment' }))).toBe(true);
    const kept = await store().reports.reportsOf('problem', 'item-1');
    expect(kept.map((r) => [r.reporterId, r.reason, r.note])).toEqual([
      ['user-1', 'spam', 'Selling shoes.'],
      ['user-2', 'spam', ''],
    ]);
    expect(kept[0]).toEqual({ ...first, resolvedAt: null, resolution: null, resolvedBy: null });
  });

  it('queues reported items, most reported first, with their reasons counted and their notes', async () => {
    await store().reports.fileReport(report({ itemId: 'a', reporterId: 'u1', createdAt: at(1) }));
    await store().reports.fileReport(report({ itemId: 'b', reporterId: 'u1', reason: 'abuse', note: 'Insults a neighbor.', createdAt: at(2) }));
    await store().reports.fileReport(report({ itemId: 'b', reporterId: 'u2', reason: 'abuse', createdAt: at(3) }));
    await store().reports.fileReport(report({ itemId: 'b', reporterId: 'u3', reason: 'other', note: 'Rude.', createdAt: at(4) }));
    await store().reports.fileReport(report({ kind: 'problem-comment', itemId: 'c', reporterId: 'u1', createdAt: at(0) }));
    const queue = await store().reports.reportQueue(10, 0);
    expect(queue.total).toBe(3);
    expect(queue.results[0]).toEqual({ kind: 'problem', itemId: 'b', count: 3, reasons: { abuse: 2, other: 1 }, notes: ['Insults a neighbor.', 'Rude.'], firstAt: at(2), lastAt: at(4) });
    // Equal counts: the oldest report first.
    expect(queue.results.slice(1).map((r) => `${r.kind}:${r.itemId}`)).toEqual(['problem-comment:c', 'problem:a']);
    const second = await store().reports.reportQueue(1, 1);
    expect(second.total).toBe(3);
    expect(second.results.map((r) => r.itemId)).toEqual(['c']);
  });

  it('resolves every open report of an item at once, takes it off the queue, and lets it be reported again', async () => {
    const p = problem();
    await store().problems.createProblem(p);
    await store().reports.fileReport(report({ itemId: p.id, reporterId: 'u1' }));
    await store().reports.fileReport(report({ itemId: p.id, reporterId: 'u2' }));
    await store().reports.fileReport(report({ itemId: 'other', reporterId: 'u1' }));
    expect(await store().reports.resolveReports({ kind: 'problem', itemId: p.id, resolution: 'hidden', by: 'mod', at: at(9) })).toBe(2);
    expect(await store().reports.resolveReports({ kind: 'problem', itemId: p.id, resolution: 'dismissed', by: 'mod', at: at(10) })).toBe(0);
    const resolved = await store().reports.reportsOf('problem', p.id);
    expect(resolved.map((r) => [r.resolution, r.resolvedBy, r.resolvedAt])).toEqual([
      ['hidden', 'mod', at(9)],
      ['hidden', 'mod', at(9)],
    ]);
    expect((await store().reports.reportQueue(10, 0)).results.map((r) => r.itemId)).toEqual(['other']);
    expect(await store().reports.fileReport(report({ itemId: p.id, reporterId: 'u1', createdAt: at(11) }))).toBe(true);
    await store().reports.resolveReports({ kind: 'problem', itemId: p.id, resolution: 'dismissed', by: 'mod', at: at(12) });
    expect((await store().reports.reportsOf('problem', p.id)).map((r) => r.resolution)).toEqual(['hidden', 'hidden', 'dismissed']);
  });

  it('reads a comment by id and hides it or shows it again', async () => {
    const p = problem();
    await store().problems.createProblem(p);
    await store().problems.addComment({ id: 'c1', problemId: p.id, authorId: 'nobody', body: 'Same here.', hidden: false, createdAt: at(1) });
    expect(await store().problems.getComment('c1')).toEqual({ id: 'c1', problemId: p.id, authorId: 'nobody', authorName: '', body: 'Same here.', hidden: false, createdAt: at(1) });
    await store().problems.setCommentHidden('c1', true);
    expect((await store().problems.getComment('c1'))?.hidden).toBe(true);
    expect(await store().problems.listComments(p.id, false)).toEqual([]);
    await store().problems.setCommentHidden('c1', false);
    expect((await store().problems.listComments(p.id, false)).map((c) => c.id)).toEqual(['c1']);
    expect(await store().problems.getComment('nope')).toBeUndefined();
  });

  it('lists the problems held for moderation: hidden, posted without an account, not declined', async () => {
    const held = problem({ title: 'held', authorId: null, hidden: true, createdAt: at(1) });
    const shown = problem({ title: 'shown', authorId: null, hidden: false, createdAt: at(2) });
    const hiddenWithAuthor = problem({ title: 'hidden with an author', hidden: true, createdAt: at(3) });
    const declined = problem({ title: 'declined', authorId: null, hidden: true, status: 'declined', createdAt: at(4) });
    const later = problem({ title: 'held later', authorId: null, hidden: true, createdAt: at(5) });
    for (const p of [held, shown, hiddenWithAuthor, declined, later]) await store().problems.createProblem(p);
    const page = await store().problems.listProblems({ sort: 'newest', includeHidden: true, heldOnly: true, limit: 10, offset: 0 });
    expect(page.total).toBe(2);
    expect(page.results.map((p) => p.title)).toEqual(['held later', 'held']);
  });
});
