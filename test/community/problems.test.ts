import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization } from '../../src/actions/accounts/organizations.ts';
import { commentOnProblem } from '../../src/actions/community/comment-problem.ts';
import { setProblemHidden } from '../../src/actions/community/hide-problem.ts';
import { mergeProblem } from '../../src/actions/community/merge-problem.ts';
import { postProblem } from '../../src/actions/community/post-problem.ts';
import { getProblem, listProblems } from '../../src/actions/community/read-problems.ts';
import { changeProblemStatus } from '../../src/actions/community/triage-problem.ts';
import { voteForProblem, withdrawVote } from '../../src/actions/community/vote-problem.ts';
import { updateSite } from '../../src/actions/site/settings.ts';
import { anonymous } from '../../src/domain/accounts/principal.ts';
import type { AppError } from '../../src/domain/errors.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The problem inventory's actions on a real Plaza: posting, "me too" votes and triage, with their refusals. */

let t: TestPlaza;
let resident: Person;
let neighbour: Person;
let editor: Person;
let otherEditor: Person;
let moderator: Person;
let orgId: string;

const good = {
  title: 'Broken streetlights on Lenox Avenue',
  description: 'Three streetlights between 125th and 127th have been out for a month.',
  affected: 'People walking home after dark',
  category: 'safety',
  place: { kind: 'point', lat: 40.8075, lon: -73.9465 },
};

/** The error an action threw, or a failure when it did not throw. */
async function refusal(work: Promise<unknown>): Promise<AppError> {
  return work.then(
    () => expect.fail('the action did not refuse'),
    (e: AppError) => e,
  );
}

beforeAll(async () => {
  t = await startTestPlaza();
  const org = await createOrganization(t.deps, t.admin, { name: 'Transportation' });
  const other = await createOrganization(t.deps, t.admin, { name: 'Parks' });
  orgId = org.id;
  resident = await makePerson(t, { name: 'Ana' });
  neighbour = await makePerson(t, { name: 'Ben' });
  editor = await makePerson(t, { roles: { [org.id]: 'editor' } });
  otherEditor = await makePerson(t, { roles: { [other.id]: 'editor' } });
  moderator = await makePerson(t, { siteAdmin: true });
}, 60_000);
afterAll(() => t.close());

describe('posting a problem', () => {
  it('keeps it as new, with no votes, and records it in the activity stream', async () => {
    const p = await postProblem(t.deps, resident.principal, good);
    expect(p).toMatchObject({ title: good.title, status: 'new', votes: 0, authorId: resident.user.id, place: { kind: 'point', lat: 40.8075, lon: -73.9465 }, area: null, hidden: false });
    const entries = await t.deps.catalog.activity.listActivity({ visibility: { all: true }, limit: 5 });
    expect(entries[0]).toMatchObject({ verb: 'problem.posted', actorId: resident.user.id, details: { problem_id: p.id } });
    const area = await postProblem(t.deps, resident.principal, { ...good, place: { kind: 'area', area: '10027' } });
    expect(area.area).toBe('10027');
  });

  it('asks anonymous visitors to sign in', async () => {
    expect((await refusal(postProblem(t.deps, anonymous, good))).code).toBe('unauthorized');
  });

  it('refuses bad input field by field and keeps nothing', async () => {
    const before = (await listProblems(t.deps, moderator.principal, { limit: 100 })).total;
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ ...good, title: '   ' }, ['title']],
      [{ ...good, title: 'x'.repeat(151) }, ['title']],
      [{ ...good, description: 'short' }, ['description']],
      [{ ...good, category: 'weather' }, ['category']],
      [{ ...good, place: { kind: 'point', lat: 95, lon: 0 } }, ['place.lat']],
      [{ ...good, place: { kind: 'point', lat: 'north', lon: 0 } }, ['place.lat']],
      [{ ...good, place: { kind: 'street', name: 'Main' } }, ['place.kind']],
      [{}, ['title', 'description', 'category', 'place']],
    ];
    for (const [input, fields] of cases) {
      const e = await refusal(postProblem(t.deps, resident.principal, input));
      expect(e.code, JSON.stringify(input).slice(0, 80)).toBe('validation_failed');
      expect((e.details as { fields: Array<{ field: string }> }).fields.map((f) => f.field)).toEqual(fields);
    }
    expect((await listProblems(t.deps, moderator.principal, { limit: 100 })).total).toBe(before);
  });

  it('keeps markup as the text it is', async () => {
    const p = await postProblem(t.deps, resident.principal, { ...good, title: '<script>alert(1)</script> lights', description: '<img src=x onerror=alert(1)> and more words' });
    expect((await getProblem(t.deps, anonymous, p.id)).problem.title).toBe('<script>alert(1)</script> lights');
  });
});

describe('voting "me too"', () => {
  it('counts one vote per account, also when the same account votes many times at once, and takes it back', async () => {
    const p = await postProblem(t.deps, resident.principal, good);
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => voteForProblem(t.deps, neighbour.principal, p.id)));
    expect(outcomes.filter((o) => o.changed)).toHaveLength(1);
    expect(await voteForProblem(t.deps, resident.principal, p.id)).toEqual({ changed: true, votes: 2 });
    const seen = await getProblem(t.deps, neighbour.principal, p.id);
    expect(seen.votedByYou).toBe(true);
    expect(seen.problem.votes).toBe(2);
    expect(await withdrawVote(t.deps, neighbour.principal, p.id)).toEqual({ changed: true, votes: 1 });
    expect(await withdrawVote(t.deps, neighbour.principal, p.id)).toEqual({ changed: false, votes: 1 });
    expect((await getProblem(t.deps, neighbour.principal, p.id)).votedByYou).toBe(false);
  });

  it('refuses anonymous votes, votes on a problem that does not exist, and votes on a hidden one', async () => {
    const p = await postProblem(t.deps, resident.principal, good);
    expect((await refusal(voteForProblem(t.deps, anonymous, p.id))).code).toBe('unauthorized');
    expect((await refusal(voteForProblem(t.deps, neighbour.principal, 'no-such-problem'))).code).toBe('not_found');
    await t.deps.catalog.problems.updateProblem(p.id, { hidden: true });
    expect((await refusal(voteForProblem(t.deps, neighbour.principal, p.id))).code).toBe('not_found');
    expect((await refusal(voteForProblem(t.deps, resident.principal, p.id))).code).toBe('conflict');
    expect((await getProblem(t.deps, moderator.principal, p.id)).problem.votes).toBe(0);
  });
});

describe('triage', () => {
  it('lets a moderator, or an editor of the assigned organization, move a problem along; others are refused', async () => {
    const p = await postProblem(t.deps, resident.principal, good);
    expect((await refusal(changeProblemStatus(t.deps, anonymous, p.id, { status: 'under_review' }))).code).toBe('unauthorized');
    expect((await refusal(changeProblemStatus(t.deps, resident.principal, p.id, { status: 'under_review' }))).code).toBe('forbidden');
    expect((await refusal(changeProblemStatus(t.deps, editor.principal, p.id, { status: 'under_review' }))).code).toBe('forbidden');
    expect(await changeProblemStatus(t.deps, moderator.principal, p.id, { status: 'under_review' })).toMatchObject({ status: 'under_review' });
    await t.deps.catalog.problems.updateProblem(p.id, { organizationId: orgId });
    expect((await refusal(changeProblemStatus(t.deps, otherEditor.principal, p.id, { status: 'scoped' }))).code).toBe('forbidden');
    expect(await changeProblemStatus(t.deps, editor.principal, p.id, { status: 'scoped' })).toMatchObject({ status: 'scoped' });
    const detail = await getProblem(t.deps, editor.principal, p.id);
    expect(detail.mayTriage).toBe(true);
    expect(detail.history.map((c) => `${c.from}>${c.to}`)).toEqual(['new>under_review', 'under_review>scoped']);
    const entries = await t.deps.catalog.activity.listActivity({ visibility: { all: true }, organizationId: orgId, limit: 5 });
    expect(entries[0]).toMatchObject({ verb: 'problem.status_changed', actorId: editor.user.id, details: { problem_id: p.id, from: 'under_review', to: 'scoped' } });
  });

  it('refuses a move the workflow does not have, and a decline without a reason, changing nothing', async () => {
    const p = await postProblem(t.deps, resident.principal, good);
    const jump = await refusal(changeProblemStatus(t.deps, moderator.principal, p.id, { status: 'addressed' }));
    expect(jump.code).toBe('conflict');
    expect(jump.message).toBe('A problem that is new cannot become addressed; it can become under_review or declined.');
    const bare = await refusal(changeProblemStatus(t.deps, moderator.principal, p.id, { status: 'declined', reason: '  ' }));
    expect(bare.code).toBe('validation_failed');
    expect((bare.details as { fields: Array<{ field: string; message: string }> }).fields).toEqual([{ field: 'reason', message: 'Say why the problem is declined.' }]);
    expect((await refusal(changeProblemStatus(t.deps, moderator.principal, p.id, { status: 'closed' }))).code).toBe('validation_failed');
    const still = await getProblem(t.deps, moderator.principal, p.id);
    expect(still.problem.status).toBe('new');
    expect(still.history).toEqual([]);
    const declined = await changeProblemStatus(t.deps, moderator.principal, p.id, { status: 'declined', reason: 'On private land; the owner has been told.' });
    expect(declined).toMatchObject({ status: 'declined', statusReason: 'On private land; the owner has been told.' });
  });
});

describe('the list', () => {
  it('shows hidden problems to moderators only, and marks what the reader voted on', async () => {
    const shown = await postProblem(t.deps, resident.principal, { ...good, title: 'Shown problem to list' });
    const hidden = await postProblem(t.deps, resident.principal, { ...good, title: 'Hidden problem to list' });
    await t.deps.catalog.problems.updateProblem(hidden.id, { hidden: true });
    await voteForProblem(t.deps, neighbour.principal, shown.id);
    const ids = async (who: Person['principal'] | typeof anonymous) => (await listProblems(t.deps, who, { sort: 'newest', limit: 100 })).results.map((p) => p.id);
    expect(await ids(anonymous)).toContain(shown.id);
    expect(await ids(anonymous)).not.toContain(hidden.id);
    expect(await ids(moderator.principal)).toContain(hidden.id);
    const page = await listProblems(t.deps, neighbour.principal, { sort: 'newest', limit: 100 });
    expect(page.voted.has(shown.id)).toBe(true);
    expect((await refusal(getProblem(t.deps, neighbour.principal, hidden.id))).code).toBe('not_found');
    expect((await getProblem(t.deps, resident.principal, hidden.id)).problem.hidden).toBe(true);
  });
});

describe('comments', () => {
  it('keeps each comment with its author, refuses empty or overlong ones and comments on hidden problems', async () => {
    const p = await postProblem(t.deps, resident.principal, good);
    await commentOnProblem(t.deps, neighbour.principal, p.id, { body: '  Same on my block, since March.  ' });
    const seen = await getProblem(t.deps, anonymous, p.id);
    expect(seen.comments.map((c) => [c.authorName, c.body])).toEqual([['Ben', 'Same on my block, since March.']]);
    for (const body of ['   ', 'x'.repeat(2001)]) {
      const e = await refusal(commentOnProblem(t.deps, neighbour.principal, p.id, { body }));
      expect(e.code).toBe('validation_failed');
    }
    expect((await refusal(commentOnProblem(t.deps, anonymous, p.id, { body: 'Hi there' }))).code).toBe('unauthorized');
    await t.deps.catalog.problems.updateProblem(p.id, { hidden: true });
    expect((await refusal(commentOnProblem(t.deps, neighbour.principal, p.id, { body: 'Hello' }))).code).toBe('not_found');
    expect((await refusal(commentOnProblem(t.deps, resident.principal, p.id, { body: 'Hello' }))).code).toBe('conflict');
    expect((await getProblem(t.deps, moderator.principal, p.id)).comments).toHaveLength(1);
  });
});

describe('merging duplicates', () => {
  it('moves votes once per account and sends the duplicate to the other; refuses itself, a cycle, an unknown problem and non-moderators', async () => {
    const keep = await postProblem(t.deps, resident.principal, { ...good, title: 'Streetlights out on Lenox' });
    const dup = await postProblem(t.deps, neighbour.principal, { ...good, title: 'Lenox Avenue is dark at night' });
    await voteForProblem(t.deps, neighbour.principal, keep.id);
    await voteForProblem(t.deps, neighbour.principal, dup.id);
    await voteForProblem(t.deps, editor.principal, dup.id);
    const code = async (work: Promise<unknown>) => (await refusal(work)).code;
    expect(await code(mergeProblem(t.deps, resident.principal, dup.id, { into: keep.id }))).toBe('forbidden');
    expect(await code(mergeProblem(t.deps, editor.principal, dup.id, { into: keep.id }))).toBe('forbidden');
    const self = await refusal(mergeProblem(t.deps, moderator.principal, dup.id, { into: `http://localhost/problems/${dup.id}?lang=es` }));
    expect(self.message).toBe('A problem cannot be merged into itself.');
    expect((await refusal(mergeProblem(t.deps, moderator.principal, dup.id, { into: 'no-such' }))).message).toBe('There is no problem "no-such".');
    expect((await refusal(mergeProblem(t.deps, moderator.principal, dup.id, { into: '%E0%A4%A' }))).code).toBe('validation_failed');
    const merged = await mergeProblem(t.deps, moderator.principal, dup.id, { into: `/problems/${keep.id}` });
    expect(merged).toMatchObject({ id: keep.id, votes: 2 });
    expect((await getProblem(t.deps, anonymous, dup.id)).problem).toMatchObject({ mergedInto: keep.id, votes: 0 });
    // Back the other way would make a cycle: the duplicate is merged, so it cannot be a target.
    const back = await refusal(mergeProblem(t.deps, moderator.principal, keep.id, { into: dup.id }));
    expect(back.message).toBe(`That problem was itself merged into ${keep.id}; merge into that one.`);
    expect((await refusal(mergeProblem(t.deps, moderator.principal, dup.id, { into: keep.id }))).code).toBe('conflict');
    expect((await refusal(voteForProblem(t.deps, resident.principal, dup.id))).code).toBe('conflict');
    const entries = await t.deps.catalog.activity.listActivity({ visibility: { all: true }, limit: 3 });
    expect(entries[0]).toMatchObject({ verb: 'problem.merged', details: { problem_id: dup.id, into: keep.id, votes_moved: 1 } });
  });
});

describe('hiding and showing again', () => {
  it('lets moderators hide a problem with a reason, telling its author, and show it again; others are refused', async () => {
    const p = await postProblem(t.deps, resident.principal, { ...good, title: 'Problem that names a neighbour' });
    expect((await refusal(setProblemHidden(t.deps, resident.principal, p.id, { hidden: true, reason: 'x' }))).code).toBe('forbidden');
    expect((await refusal(setProblemHidden(t.deps, editor.principal, p.id, { hidden: true, reason: 'x' }))).code).toBe('forbidden');
    const bare = await refusal(setProblemHidden(t.deps, moderator.principal, p.id, { hidden: true, reason: ' ' }));
    expect((bare.details as { fields: unknown }).fields).toEqual([{ field: 'reason', message: 'Say why the problem is hidden; its author is told.' }]);
    expect((await getProblem(t.deps, anonymous, p.id)).problem.hidden).toBe(false);
    const since = new Date().toISOString();
    await setProblemHidden(t.deps, moderator.principal, p.id, { hidden: true, reason: 'It names a neighbour; post it again without the name.' });
    expect((await refusal(getProblem(t.deps, anonymous, p.id))).code).toBe('not_found');
    expect((await refusal(voteForProblem(t.deps, resident.principal, p.id))).code).toBe('conflict');
    const mail = (await t.deps.catalog.activity.dueMail(new Date(Date.now() + 60_000).toISOString(), 100)).filter((m) => m.createdAt >= since && m.to === resident.user.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(`Your problem “Problem that names a neighbour” is hidden on ${t.deps.site.name}`);
    expect(mail[0]!.text).toContain('It names a neighbour; post it again without the name.');
    const entries = await t.deps.catalog.activity.listActivity({ visibility: { all: true }, limit: 1 });
    expect(entries[0]).toMatchObject({ verb: 'problem.hidden', summary: 'hid a problem' });
    await setProblemHidden(t.deps, moderator.principal, p.id, { hidden: false });
    expect((await getProblem(t.deps, anonymous, p.id)).problem.hidden).toBe(false);
  });
});

describe('places in the city\'s areas', () => {
  beforeAll(async () => {
    // The real ZIP code areas of New York City, named as the site's areas.
    await t.load(fixture('geo/nyc_modzcta_2010.geojson'), { slug: 'zip-areas' });
    await updateSite(t.deps, t.admin, { map_context: 'zip-areas' });
  }, 60_000);

  it('puts a point in the area it falls in, and finds a named area by its code', async () => {
    expect((await postProblem(t.deps, resident.principal, good)).area).toBe('10027');
    expect((await postProblem(t.deps, resident.principal, { ...good, place: { kind: 'area', area: '10118' } })).area).toBe('10001, 10118');
    expect((await postProblem(t.deps, resident.principal, { ...good, place: { kind: 'citywide' } })).area).toBeNull();
    const page = await listProblems(t.deps, anonymous, { areas: ['10027'], limit: 100 });
    expect(page.results.every((p) => p.area === '10027')).toBe(true);
    expect(page.total).toBeGreaterThan(0);
  });

  it('refuses a point outside the city and an area the city does not have, keeping nothing', async () => {
    const before = (await listProblems(t.deps, moderator.principal, { limit: 1 })).total;
    const paris = await refusal(postProblem(t.deps, resident.principal, { ...good, place: { kind: 'point', lat: 48.8566, lon: 2.3522 } }));
    expect((paris.details as { fields: unknown }).fields).toEqual([{ field: 'place', message: 'The point is outside the city; pick a point in the city, or choose citywide.' }]);
    const narnia = await refusal(postProblem(t.deps, resident.principal, { ...good, place: { kind: 'area', area: 'Narnia' } }));
    expect((narnia.details as { fields: Array<{ field: string; message: string }> }).fields[0]).toMatchObject({ field: 'place.area', message: expect.stringMatching(/^There is no area "Narnia" in the city; areas are named like /) });
    expect((await listProblems(t.deps, moderator.principal, { limit: 1 })).total).toBe(before);
  });
});
