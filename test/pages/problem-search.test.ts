import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, signIn, type Person, type Session } from '../support/people.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The search box and the counts of the problem list, as a form and links that work without JavaScript; English and Spanish. */

let t: TestPlaza;
let app: FastifyInstance;
let ana: Person;
let moderator: Session;

const post = async (body: Record<string, unknown>) => {
  const r = await app.inject({ method: 'POST', url: '/api/v1/problems', headers: ana.auth, payload: { affected: '', ...body } });
  expect(r.statusCode).toBe(201);
  return r.json().id as string;
};

/** The titles of the problems a list page shows, in order. */
const shown = (html: string) => [...html.matchAll(/<h2><a href="\/problems\/[^"]+">([^<]+)<\/a><\/h2>/g)].map((m) => m[1]);

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  ana = await makePerson(t, { name: 'Ana' });
  const mo = await makePerson(t, { name: 'Mo', moderator: true });
  moderator = await signIn(t, app, mo, 'moderator password 2030');
  await post({ title: 'Flooded underpass on 5th Street', description: 'After every storm the underpass floods knee-deep.', category: 'mobility', place: { kind: 'citywide' } });
  await post({ title: 'Baches en la avenida', description: 'Los baches rompen las ruedas de las bicicletas.', category: 'mobility', place: { kind: 'citywide' } });
  await post({ title: 'Storm drains blocked by leaves', description: 'Every autumn the street floods at the corner.', category: 'environment', place: { kind: 'citywide' } });
  const hidden = await post({ title: 'Flooding pumps for sale', description: 'Buy cheap pumps now.', category: 'other', place: { kind: 'citywide' } });
  const hide = await app.inject({ method: 'POST', url: `/api/v1/problems/${hidden}/visibility`, headers: mo.auth, payload: { hidden: true, reason: 'Spam' } });
  expect(hide.statusCode).toBe(200);
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the problem list searched', () => {
  it('shows the problems matching any form of the words, best first, keeping the text in the box', async () => {
    const r = await app.inject('/problems?q=flooding');
    expect(r.statusCode).toBe(200);
    expect(shown(r.body)).toEqual(['Flooded underpass on 5th Street', 'Storm drains blocked by leaves']);
    expect(r.body).toContain('<title>Problems matching “flooding”');
    expect(r.body).toContain('2 problems match “flooding”');
    expect(r.body).toMatch(/<input id="q" name="q" type="search" value="flooding"/);
    // Best match is the order a search has without asking, sent as no order so a new search starts from it.
    expect(r.body).toContain('<option value selected>Best match</option>');
    expect(r.body).toContain('<option value="votes">Most votes</option>');
  });

  it('finds Spanish words by other forms and with a typo, in Spanish', async () => {
    const r = await app.inject('/problems?q=bicicleta&lang=es');
    expect(shown(r.body)).toEqual(['Baches en la avenida']);
    expect(r.body).toContain('1 problema coincide con «bicicleta»');
    expect(r.body).toContain('aria-label="Acotar los problemas"');
    expect(shown((await app.inject('/problems?q=avenda')).body)).toEqual(['Baches en la avenida']);
  });

  it('counts the problems found by category and status, each a link that narrows the list and widens it again', async () => {
    const r = await app.inject('/problems?q=floods');
    expect(r.body).toContain('<nav class="facets" aria-label="Narrow the problems">');
    expect(r.body).toContain('<a href="/problems?q=floods&amp;category=environment">Environment <span class="meta">(1)</span></a>');
    expect(r.body).toContain('<a href="/problems?q=floods&amp;category=mobility">Mobility <span class="meta">(1)</span></a>');
    expect(r.body).toContain('<a href="/problems?q=floods&amp;status=new">New <span class="meta">(2)</span></a>');
    const narrowed = await app.inject('/problems?q=floods&category=environment');
    expect(shown(narrowed.body)).toEqual(['Storm drains blocked by leaves']);
    expect(narrowed.body).toContain('<a href="/problems?q=floods" class="usa-current" aria-current="true">✓ Environment <span class="meta">(1)</span></a>');
  });

  it('never shows a hidden problem to visitors, and shows it to moderators', async () => {
    expect(shown((await app.inject('/problems?q=pumps')).body)).toEqual([]);
    expect((await app.inject('/problems?q=pumps')).body).toContain('No problems match “pumps”.');
    const mod = await app.inject({ url: '/problems?q=pumps', headers: { cookie: moderator.cookie } });
    expect(shown(mod.body)).toEqual(['Flooding pumps for sale']);
  });

  it('keeps an explicit sort, and shows markup typed in the box as text', async () => {
    expect(shown((await app.inject('/problems?q=floods&sort=newest')).body)).toEqual(['Storm drains blocked by leaves', 'Flooded underpass on 5th Street']);
    const r = await app.inject(`/problems?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(r.statusCode).toBe(200);
    expect(r.body).not.toContain('<script>alert(1)');
    expect(r.body).toContain('value="&lt;script>alert(1)&lt;/script>"');
  });
});
