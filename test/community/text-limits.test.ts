import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentOnProblem } from '../../src/actions/community/comment-problem.ts';
import { setProblemHidden } from '../../src/actions/community/hide-problem.ts';
import { mergeProblem } from '../../src/actions/community/merge-problem.ts';
import { dismissReports, moderateItem } from '../../src/actions/community/moderation/moderate-item.ts';
import { reportItem } from '../../src/actions/community/moderation/report-item.ts';
import { postProblem } from '../../src/actions/community/post-problem.ts';
import { changeProblemStatus } from '../../src/actions/community/triage-problem.ts';
import { AppError } from '../../src/domain/errors.ts';
import { makePerson, type Person } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * Every text field of the community areas has a length limit: one character
 * over it is refused with the field named, and nothing changes.
 */

let t: TestPlaza;
let ana: Person;
let mo: Person;
const base = { title: 'Broken streetlight on Oak', description: 'The light has been out for a month now.', affected: '', category: 'safety', place: { kind: 'citywide' } };
const newProblem = async () => (await postProblem(t.deps, ana.principal, base)).id;
const problems = async () => (await t.deps.catalog.problems.listProblems({ sort: 'newest', includeHidden: true, limit: 1, offset: 0 })).total;
/** What a change would alter, read back to show it did not. */
const stateOf = async (id: string) => JSON.stringify([await t.deps.catalog.problems.getProblem(id), await t.deps.catalog.problems.listComments(id, true), await t.deps.catalog.reports.reportsOf('problem', id)]);

interface LimitedField {
  what: string;
  /** The field the refusal names. */
  field: string;
  max: number;
  /** Sends `text` in the field, on a fresh target; answers what must not change. */
  send(text: string): Promise<{ attempt: Promise<unknown>; unchanged: () => Promise<unknown> }>;
}

/** Fresh problem, then `act` on it; what must not change is the problem, its comments and its reports. */
const onProblem = (act: (id: string, text: string) => Promise<unknown>, setUp?: (id: string) => Promise<unknown>) => async (text: string) => {
  const id = await newProblem();
  await setUp?.(id);
  const before = await stateOf(id);
  return { attempt: act(id, text), unchanged: async () => expect(await stateOf(id)).toBe(before) };
};
const posting = (fields: (text: string) => Record<string, unknown>) => async (text: string) => {
  const before = await problems();
  return { attempt: postProblem(t.deps, ana.principal, { ...base, ...fields(text) }), unchanged: async () => expect(await problems()).toBe(before) };
};

const FIELDS: LimitedField[] = [
  { what: 'a problem\'s title', field: 'title', max: 150, send: posting((x) => ({ title: x })) },
  { what: 'what happens', field: 'description', max: 5000, send: posting((x) => ({ description: x })) },
  { what: 'who is affected', field: 'affected', max: 1000, send: posting((x) => ({ affected: x })) },
  { what: 'an area\'s name', field: 'place.area', max: 100, send: posting((x) => ({ place: { kind: 'area', area: x } })) },
  { what: 'a comment', field: 'body', max: 2000, send: onProblem((id, x) => commentOnProblem(t.deps, ana.principal, id, { body: x })) },
  { what: 'a reason for a status', field: 'reason', max: 2000, send: onProblem((id, x) => changeProblemStatus(t.deps, mo.principal, id, { status: 'declined', reason: x })) },
  { what: 'a reason for hiding a problem', field: 'reason', max: 2000, send: onProblem((id, x) => setProblemHidden(t.deps, mo.principal, id, { hidden: true, reason: x })) },
  { what: 'the problem to merge into', field: 'into', max: 500, send: onProblem((id, x) => mergeProblem(t.deps, mo.principal, id, { into: x })) },
  { what: 'a report\'s note', field: 'note', max: 1000, send: onProblem((id, x) => reportItem(t.deps, ana.principal, { kind: 'problem', item: id, reason: 'other', note: x })) },
  { what: 'a moderator\'s reason', field: 'reason', max: 2000, send: onProblem((id, x) => moderateItem(t.deps, mo.principal, 'problem', id, { hidden: true, reason: x })) },
  {
    what: 'a reason for dismissing reports',
    field: 'reason',
    max: 2000,
    send: onProblem(
      (id, x) => dismissReports(t.deps, mo.principal, 'problem', id, { reason: x }),
      (id) => reportItem(t.deps, mo.principal, { kind: 'problem', item: id, reason: 'spam' }),
    ),
  },
];

beforeAll(async () => {
  t = await startTestPlaza();
  ana = await makePerson(t, { name: 'Ana' });
  mo = await makePerson(t, { name: 'Mo', moderator: true });
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('community text limits', () => {
  it.each(FIELDS.map((f) => [f.what, f] as const))('refuse %s one character over its limit, naming the field, and change nothing', async (_what, f) => {
    const { attempt, unchanged } = await f.send('x'.repeat(f.max + 1));
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation_failed');
    expect(((error as AppError).details?.fields as Array<{ field: string }>).map((x) => x.field)).toContain(f.field);
    await unchanged();
  });

  it.each(FIELDS.filter((f) => f.field !== 'into' && f.field !== 'place.area').map((f) => [f.what, f] as const))('take %s at its limit', async (_what, f) => {
    const { attempt } = await f.send(`${'x'.repeat(f.max - 4)} end`);
    await expect(attempt).resolves.toBeDefined();
  });
});
