import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postProblem } from '../../src/actions/community/post-problem.ts';
import { changeProblemStatus } from '../../src/actions/community/triage-problem.ts';
import { setProblemHidden } from '../../src/actions/community/hide-problem.ts';
import { approveShowcase } from '../../src/actions/showcases/approve-showcase.ts';
import { submitShowcase } from '../../src/actions/showcases/submit-showcase.ts';
import { buildApp } from '../../src/http/app.ts';
import { makePerson } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The community page: the header's entry to problems (and the other community areas), in English and Spanish. */

let t: TestPlaza;
let app: FastifyInstance;

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the community page', () => {
  it('is the header’s Community entry and says when there is nothing yet', async () => {
    const home = await app.inject('/');
    expect(home.body).toContain('<a href="/community">Community</a>');
    const empty = await app.inject('/community');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('<h1>Community</h1>');
    expect(empty.body).toContain('No open problems');
    expect(empty.body).toContain('href="/problems/new"');
  });

  it('counts the open problems and lists the most voted, leaving out hidden and closed ones', async () => {
    const ana = await makePerson(t, { name: 'Ana' });
    const place = { kind: 'citywide' };
    const open = await postProblem(t.deps, ana.principal, { title: 'Streetlights out on Oak Avenue', description: 'Four lamps have been dark since spring.', category: 'safety', place });
    const hidden = await postProblem(t.deps, ana.principal, { title: 'A problem naming a neighbour', description: 'Says who lives where, which must not be shown.', category: 'other', place });
    const addressed = await postProblem(t.deps, ana.principal, { title: 'Missing curb ramp at 3rd', description: 'Wheelchairs cannot cross at 3rd and Main.', category: 'mobility', place });
    await setProblemHidden(t.deps, t.admin, hidden.id, { hidden: true, reason: 'Personal information.' });
    for (const status of ['under_review', 'scoped', 'in_project', 'addressed']) await changeProblemStatus(t.deps, t.admin, addressed.id, { status });

    const en = await app.inject('/community');
    expect(en.body).toContain('1 open problem');
    expect(en.body).toContain(`<a href="/problems/${open.id}">Streetlights out on Oak Avenue</a>`);
    expect(en.body).not.toContain(hidden.title);
    expect(en.body).not.toContain(addressed.title);

    const es = await app.inject({ url: '/community', headers: { 'accept-language': 'es' } });
    expect(es.body).toContain('<h1>Comunidad</h1>');
    expect(es.body).toContain('1 problema abierto');
    expect(es.body).toContain('<a href="/community">Comunidad</a>');
  });

  it('counts the approved showcases and lists the latest, never a pending one', async () => {
    const before = await app.inject('/community');
    expect(before.body).toContain('None shown yet');
    const ana = await makePerson(t, { name: 'Ana' });
    const { slug } = await t.load(fixture('tabular/montreal_bike_counts_2012.csv'), { title: 'Bike counts', slug: 'bike-counts' });
    const submit = (title: string) => submitShowcase(t.deps, ana.principal, { title, kind: 'visualization', description: 'Where the streetlights are out, week by week.', link: 'https://example.org/lights', madeBy: 'Oak Avenue Neighbours', datasets: slug });
    const shown = await submit('Dark streets map');
    const pending = await submit('Waiting for a moderator');
    await approveShowcase(t.deps, t.admin, shown.id);
    const en = await app.inject('/community');
    expect(en.body).toContain('1 showcase');
    expect(en.body).toContain(`<a href="/showcases/${shown.id}">Dark streets map</a> <span class="meta">Visualization · by Oak Avenue Neighbours</span>`);
    expect(en.body).not.toContain(pending.title);
    const es = await app.inject({ url: '/community', headers: { 'accept-language': 'es' } });
    expect(es.body).toContain('1 proyecto');
    expect(es.body).toContain('de Oak Avenue Neighbours');
  });
});
