import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerRequest } from '../../src/actions/community/answer-request.ts';
import { postProblem } from '../../src/actions/community/post-problem.ts';
import { postRequest } from '../../src/actions/community/post-request.ts';
import { approveShowcase } from '../../src/actions/showcases/approve-showcase.ts';
import { submitShowcase } from '../../src/actions/showcases/submit-showcase.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { updateSite } from '../../src/actions/site/settings.ts';
import { buildApp } from '../../src/http/app.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

let t: TestPlaza;
let app: FastifyInstance;

/** The dataset links of one section of the home page, in order. */
const linksIn = (html: string, heading: string): string[] => {
  const start = html.indexOf(`>${heading}</h2>`);
  expect(start, heading).toBeGreaterThan(-1);
  const section = html.slice(start, html.indexOf('</section>', start));
  return [...section.matchAll(/<h3><a href="\/datasets\/([^"]+)"/g)].map((m) => m[1]!);
};

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  const loaded = [
    ['tabular/austin_food_establishment_inspection_scores.csv', 'Food inspections', 'food-inspections', ['Health'], 5],
    ['tabular/burlington_on_building_permits.csv', 'Building permits', 'building-permits', ['Housing and development'], 30],
    ['tabular/nyc_dhs_daily_shelter_census.csv', 'Shelter census', 'shelter-census', ['Health', 'Social services'], 12],
  ] as const;
  for (const [file, title, slug, themes, views] of loaded) {
    const { slug: s } = await t.load(fixture(file), { title, slug });
    const d = await updateDataset(t.deps, t.admin, s, { themes: [...themes] });
    await t.deps.catalog.datasets.addPopularity(d.id, views);
  }
  // A draft counts nowhere.
  await createDataset(t.deps, t.admin, { title: 'Unfinished draft', organization: 'Test Department', themes: ['Health'] });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the home page', () => {
  it('shows the name, a search box that goes to the catalog, and themes with exact counts', async () => {
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    expect(html).toContain(`<h1 id="home-title">${t.deps.site.name}</h1>`);
    expect(html).toMatch(/<form class="search" action="\/datasets" method="get"><div class="usa-search usa-search--big" role="search">/);
    expect(html).toContain('<label class="usa-sr-only" for="home-q">Search datasets</label>');
    expect(html).toContain('<input id="home-q" name="q" type="search"');
    expect(html).toContain('<a href="/datasets?theme=Health">Health</a> <span class="meta">(2 datasets)</span>');
    expect(html).toContain('<a href="/datasets?theme=Housing%20and%20development">Housing and development</a> <span class="meta">(1 dataset)</span>');
    expect(html).toContain('<a href="/datasets?theme=Social%20services">Social services</a> <span class="meta">(1 dataset)</span>');
    // A theme no dataset has yet leads nowhere, so it is not listed.
    expect(html).not.toContain('Education');
    expect(html).toContain('<h2 id="home-themes">Themes</h2>');
  });

  it('shows no “Most viewed” while no dataset has been viewed, and no themes while none has data', async () => {
    const all = await t.deps.catalog.datasets.listDatasets({ limit: 100, offset: 0 });
    const views = new Map(all.results.map((d) => [d.id, d.popularity]));
    for (const [id, n] of views) await t.deps.catalog.datasets.addPopularity(id, -n);
    try {
      const html = (await app.inject('/')).body;
      expect(html).not.toContain('Most viewed');
      expect(html).not.toContain('id="home-featured"');
      expect(linksIn(html, 'Recently updated')).toHaveLength(3);
      await updateSite(t.deps, t.admin, { themes: ['Education', 'Transportation'] });
      const themeless = (await app.inject('/')).body;
      expect(themeless).not.toContain('id="home-themes"');
      expect(themeless).not.toContain('Education');
    } finally {
      for (const [id, n] of views) await t.deps.catalog.datasets.addPopularity(id, n);
      await updateSite(t.deps, t.admin, { themes: null });
    }
    expect(linksIn((await app.inject('/')).body, 'Most viewed datasets')).toHaveLength(3);
  });

  it('features the most viewed datasets until the settings choose, then the chosen ones in their order', async () => {
    const before = (await app.inject('/')).body;
    expect(linksIn(before, 'Most viewed datasets')).toEqual(['building-permits', 'shelter-census', 'food-inspections']);
    await updateSite(t.deps, t.admin, { featured: ['food-inspections', 'building-permits'] });
    const after = (await app.inject('/')).body;
    expect(after).not.toContain('Most viewed datasets');
    expect(linksIn(after, 'Featured datasets')).toEqual(['food-inspections', 'building-permits']);
    await updateSite(t.deps, t.admin, { featured: null });
  });

  it('lists the recently updated datasets, newest first, and never a draft', async () => {
    const html = (await app.inject('/')).body;
    expect(linksIn(html, 'Recently updated')).toEqual(['shelter-census', 'building-permits', 'food-inspections']);
    expect(html).not.toContain('Unfinished draft');
    expect(html).toContain('<a href="/datasets">All 3 datasets</a>');
  });

  it('says no problem is posted yet, and gives the portal’s numbers', async () => {
    const html = (await app.inject('/')).body;
    expect(html).toContain('<h2 id="home-problems">Top problems</h2>');
    expect(html).toContain('No problems have been posted yet. Residents post the problems they see in the city, vote on the ones that matter most to them');
    expect(html).toContain('<a href="/problems">All problems, and posting one</a>');
    expect(html).toMatch(/<dt>Datasets published<\/dt><dd>3<\/dd>/);
    expect(html).toMatch(/<dt>Organizations publishing<\/dt><dd>1<\/dd>/);
    expect(html).toMatch(/<dt>Themes with data<\/dt><dd>3<\/dd>/);
    // 25,549 inspections, 5,026 permits and 1,040 days of the census; the draft has no data.
    expect(html).toMatch(/<dt>Rows of public data<\/dt><dd>31,615<\/dd>/);
  });

  it('lists the most voted open problems, not the addressed or hidden ones, and changes as votes come in', async () => {
    const post = (title: string) => postProblem(t.deps, t.admin, { title, description: 'Described well enough to post.', category: 'safety', place: { kind: 'citywide' } });
    const [dark, potholes, fixed, held] = [await post('Dark stairs at the station'), await post('Potholes on Main'), await post('Fixed already'), await post('Held for moderators')];
    await t.deps.catalog.problems.addVote(potholes.id, 'someone', new Date().toISOString());
    for (const [from, to] of [['new', 'under_review'], ['under_review', 'scoped'], ['scoped', 'in_project'], ['in_project', 'addressed']] as const) {
      await t.deps.catalog.problems.changeProblemStatus({ problemId: fixed.id, from, to, reason: null, actorId: 'x', at: new Date().toISOString() });
    }
    await t.deps.catalog.problems.updateProblem(held.id, { hidden: true });
    const titles = (html: string) => [...html.matchAll(/<li><a href="\/problems\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(titles((await app.inject('/')).body)).toEqual(['Potholes on Main', 'Dark stairs at the station']);
    for (const who of ['a', 'b']) await t.deps.catalog.problems.addVote(dark.id, who, new Date().toISOString());
    expect(titles((await app.inject('/')).body)).toEqual(['Dark stairs at the station', 'Potholes on Main']);
    expect((await app.inject('/?lang=es')).body).toContain('2 votos · Nuevo');
    for (const p of [dark, potholes, fixed, held]) await t.deps.catalog.problems.updateProblem(p.id, { hidden: true });
  });

  it('lists the newest open data requests and the latest approved showcases, in English and Spanish', async () => {
    const empty = (await app.inject('/')).body;
    expect(empty).toContain('No one has asked for data yet.');
    expect(empty).toContain('Nothing has been shared yet.');
    const ask = (title: string) => postRequest(t.deps, t.admin, { title, description: 'Needed to plan the neighbourhood budget.' });
    const [trees, declined, noise] = [await ask('Street tree inventory'), await ask('Names of shelter residents'), await ask('Noise complaints by block')];
    await answerRequest(t.deps, t.admin, declined.id, { status: 'declined', decline_reason: 'privacy', note: 'Personal data.' });
    const show = (title: string) => submitShowcase(t.deps, t.admin, { title, kind: 'app', description: 'Finds the nearest inspected kitchen.', link: 'https://example.org/app', madeBy: 'Code for Test City', datasets: 'food-inspections' });
    const [approved, pending] = [await show('Kitchen finder <b>app</b>'), await show('Still pending')];
    await approveShowcase(t.deps, t.admin, approved.id);
    const section = (html: string, id: string) => html.slice(html.indexOf(`id="${id}"`), html.indexOf('</section>', html.indexOf(`id="${id}"`)));
    const html = (await app.inject('/')).body;
    const requests = section(html, 'home-requests');
    expect([...requests.matchAll(/<a href="\/requests\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1])).toEqual(['Noise complaints by block', 'Street tree inventory']);
    const showcases = section(html, 'home-showcases');
    expect(showcases).toContain(`href="/showcases/${approved.id}"`);
    expect(showcases).toContain('Kitchen finder &lt;b>app&lt;/b>');
    expect(showcases).not.toContain('<b>');
    expect(showcases).not.toContain(pending.id);
    const es = (await app.inject('/?lang=es')).body;
    expect(es).toContain('<h2 id="home-requests">Solicitudes de datos más recientes</h2>');
    expect(es).toContain('<h2 id="home-showcases">Hecho con los datos</h2>');
    expect(trees.id && noise.id).toBeTruthy();
  });

  it('takes its name, logo and colours from the settings, escaping the name', async () => {
    await updateSite(t.deps, t.admin, { name: 'Ciudad <Abierta>', primary_color: '#5a1d6e', accent_color: '#7a2e00', logo_url: 'https://example.org/logo.svg' });
    const html = (await app.inject('/')).body;
    expect(html).toContain('<title>Open data · Ciudad &lt;Abierta></title>');
    expect(html).toContain('<h1 id="home-title">Ciudad &lt;Abierta></h1>');
    // The site's colours become the theme's custom properties, which the served USWDS stylesheet reads.
    expect(html).toContain(':root{--plaza-primary:#5a1d6e;--plaza-accent:#7a2e00;--plaza-accent-vivid:#7a2e00;--plaza-accent-dark:#5c2300;');
    expect(html).toMatch(/<a class="site" href="\/"><img src="https:\/\/example.org\/logo.svg" alt(="")?[^>]*\/?>Ciudad &lt;Abierta><\/a>/);
    await updateSite(t.deps, t.admin, { name: null, primary_color: null, accent_color: null, logo_url: null });
    expect((await app.inject('/')).body).not.toContain('#5a1d6e');
  });

  it('leaves the catalog at /datasets', async () => {
    const res = await app.inject('/datasets');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Datasets</h1>');
  });
});
