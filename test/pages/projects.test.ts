import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMilestone, saveChecklist } from '../../src/actions/projects/change-project.ts';
import { createProject } from '../../src/actions/projects/create-project.ts';
import { blueprintMarkdown } from '../../src/domain/program/blueprint.ts';
import { buildApp } from '../../src/http/app.ts';
import { insertActor, insertStatement } from '../contract/program-factories.ts';
import { makePerson } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The project page's timeline (a server-drawn SVG with today marked) and the blueprint's Markdown. */

let t: TestPlaza;
let app: FastifyInstance;
let slug: string;

beforeAll(async () => {
  t = await startTestPlaza({ clock: { now: () => new Date('2026-10-20T12:00:00Z') } });
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  const staff = (await makePerson(t, { moderator: true })).principal;
  const c = t.deps.catalog;
  const statement = await insertStatement(c, { title: 'Pantry visitors wait outside for hours' });
  const partners = [(await insertActor(c, { name: 'Human Resources Administration', kind: 'agency' })).id, (await insertActor(c, { name: 'Harlem Food Justice Coalition', kind: 'community_organization' })).id, (await insertActor(c, { name: 'Civic Code Collective', kind: 'tech_partner' })).id];
  const p = await createProject(t.deps, staff, { title: 'Pantry Line Live', summary: 'How long the pantry line is, live.', statement: statement.id, partners, startDate: '2026-09-01' });
  slug = p.slug;
  await addMilestone(t.deps, staff, slug, { title: 'Twenty interviews', dueDate: '2026-09-25', phase: 'research', status: 'done' });
  await saveChecklist(t.deps, staff, slug, { items: [{ item: 'hosting', status: 'risk', notes: 'The agency server has 2 GB of memory', owner: 'IT office' }, { item: 'privacy', status: 'fine', notes: 'No personal data', owner: 'Legal' }] });
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('project pages', () => {
  it('draws the timeline as an SVG with a title, a description, each phase, the milestones and today, and a list beside it', async () => {
    const html = (await app.inject({ url: `/projects/${slug}` })).body;
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>') + 6);
    expect(svg).toContain('viewBox="0 0 360');
    expect(svg).toContain('width="100%"');
    expect(svg).toMatch(/<title id="timeline-title">Timeline of phases and milestones<\/title>/);
    expect(svg).toContain('From 2026-09-01 to 2026-12-21; today is 2026-10-20.');
    expect(svg.match(/<rect /g)).toHaveLength(4);
    expect(svg).toContain('class="milestone done"');
    expect(svg).toContain('class="today"');
    expect(html).toContain('<strong>Research (now)</strong>');
    expect(html).toContain('2026-09-29 to 2026-10-26, 4 weeks');
    expect(html).toContain('2026-09-25 Twenty interviews (done)');
  });

  it('warns while constraints are not assessed, naming them, in English and Spanish', async () => {
    const en = (await app.inject({ url: `/projects/${slug}` })).body;
    expect(en).toContain('usa-alert--warning');
    expect(en).toContain('Not assessed yet: Confidentiality, Security, Legal, Procurement, Accessibility, Data maintenance, Long-term owner.');
    const es = (await app.inject({ url: `/projects/${slug}?lang=es` })).body;
    expect(es).toContain('El proyecto todavía no puede lanzarse');
    expect(es).toContain('Calendario de fases e hitos');
  });

  it('exports the blueprint as Markdown with the decision and notes of each constraint', async () => {
    const r = await app.inject({ url: `/projects/${slug}/blueprint.md` });
    expect(r.headers['content-type']).toContain('text/markdown');
    expect(r.body).toContain('# Adoption blueprint: Pantry Line Live');
    expect(r.body).toContain('## Problem statement\n\nPantry visitors wait outside for hours');
    expect(r.body).toContain('- Civic Code Collective (tech partner)');
    expect(r.body).toContain('| Hosting and server limits | Risk | The agency server has 2 GB of memory | IT office |');
    expect(r.body).toContain('| Privacy | Fine | No personal data | Legal |');
    expect(r.body).toContain('- Build: 2026-10-27 to 2026-12-07 (6 weeks)');
    expect(r.body).toContain('Not launched yet.');
    expect((await app.inject({ url: `/projects/${slug}/blueprint` })).body).toContain('Adoption blueprint: Pantry Line Live');
    expect((await app.inject({ url: '/projects/nope/blueprint.md' })).statusCode).toBe(404);
    const project = await t.deps.catalog.projects.getProject(slug);
    const feed = (await app.inject({ url: `/feeds/projects/${project!.id}.atom` })).body;
    expect(feed).toContain('Pantry Line Live: changes');
    expect(feed).toContain('updated the adoption checklist of “Pantry Line Live”');
  });

  it('keeps a table cell whole when notes hold a pipe or a line break', () => {
    const md = blueprintMarkdown({ title: 'T', summary: 'S', statement: 'St', partners: [], checklist: [{ item: 'legal', status: 'blocker', notes: 'a | b\nc', owner: 'o' }], datasets: [], startDate: '2026-01-01', phases: [], milestones: [], launch: { what: 'W', maintainer: 'M', link: 'https://x.example', showcaseId: null, at: '' }, url: 'u' });
    expect(md).toContain('| Legal | Blocker | a \\| b c | o |');
    expect(md).toContain('- Maintained by: M');
  });
});
