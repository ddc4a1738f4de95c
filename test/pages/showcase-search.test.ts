import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Showcase } from '../../src/domain/community/showcases.ts';
import { buildApp } from '../../src/http/app.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The search box and the kind counts of the gallery, and the search of `GET /api/v1/showcases`; English and Spanish. */

let t: TestPlaza;
let app: FastifyInstance;

let n = 0;
const keep = async (s: Partial<Showcase>) => {
  n += 1;
  const at = new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
  await t.deps.catalog.showcases.createShowcase({
    id: `showcase-${n}`, title: 'Pantry finder', kind: 'app', description: 'Finds the nearest open food pantry.', link: 'https://example.org/', madeBy: 'Code for Town',
    image: null, imageAlt: '', state: 'approved', stateReason: null, authorId: 'user-1', datasetIds: [], createdAt: at, updatedAt: at, ...s,
  });
};

/** The titles of the showcases a gallery page shows, in order. */
const shown = (html: string) => [...html.matchAll(/<h2><a href="\/showcases\/[^"]+">([^<]+)<\/a><\/h2>/g)].map((m) => m[1]);

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  await keep({ title: 'Pantry finder', description: 'Finds the nearest open food pantry on a map.' });
  await keep({ title: 'Heat islands in summer', kind: 'visualization', description: 'Where the streets are hottest, block by block, on a map.' });
  await keep({ title: 'Los árboles de la ciudad', kind: 'story', description: 'Un reportaje sobre las especies plantadas en cada barrio.' });
  await keep({ title: 'Map of cheap pumps for sale', kind: 'tool', description: 'Buy now.', state: 'pending' });
  await keep({ title: 'Rejected map of ads', kind: 'tool', description: 'Ads.', state: 'rejected' });
}, 60_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the gallery searched', () => {
  it('shows the approved showcases matching the words, best first, keeping the text in the box', async () => {
    const r = await app.inject('/showcases?q=map%20hottest');
    expect(r.statusCode).toBe(200);
    expect(shown(r.body)).toEqual(['Heat islands in summer', 'Pantry finder']);
    expect(r.body).toContain('<title>Showcases matching “map hottest”');
    expect(r.body).toContain('2 showcases match “map hottest”');
    expect(r.body).toMatch(/<input id="q" name="q" type="search" value="map hottest"/);
  });

  it('folds accents and forgives a typo, in Spanish', async () => {
    const r = await app.inject('/showcases?q=arbol&lang=es');
    expect(shown(r.body)).toEqual(['Los árboles de la ciudad']);
    expect(r.body).toContain('1 muestra coincide con «arbol»');
    expect(r.body).toContain('aria-label="Acotar las muestras"');
    expect(shown((await app.inject('/showcases?q=especeis')).body)).toEqual(['Los árboles de la ciudad']);
  });

  it('counts the showcases found by kind, each a link that narrows the gallery and widens it again', async () => {
    const r = await app.inject('/showcases?q=map');
    expect(r.body).toContain('<a href="/showcases?q=map&amp;kind=app">App <span class="meta">(1)</span></a>');
    expect(r.body).toContain('<a href="/showcases?q=map&amp;kind=visualization">Visualization <span class="meta">(1)</span></a>');
    const narrowed = await app.inject('/showcases?q=map&kind=app');
    expect(shown(narrowed.body)).toEqual(['Pantry finder']);
    expect(narrowed.body).toContain('<a href="/showcases?q=map" class="usa-current" aria-current="true">✓ App <span class="meta">(1)</span></a>');
  });

  it('never shows pending or rejected showcases, and shows markup typed in the box as text', async () => {
    expect(shown((await app.inject('/showcases?q=pumps')).body)).toEqual([]);
    expect((await app.inject('/showcases?q=ads')).body).toContain('No showcases match “ads”.');
    const bad = await app.inject(`/showcases?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(bad.statusCode).toBe(200);
    expect(bad.body).not.toContain('<script>alert(1)');
  });
});

describe('GET /api/v1/showcases searched', () => {
  it('finds approved showcases by text with counts by kind', async () => {
    const r = await app.inject('/api/v1/showcases?q=map');
    expect(r.statusCode).toBe(200);
    expect(r.json().results.map((x: { title: string }) => x.title).sort()).toEqual(['Heat islands in summer', 'Pantry finder']);
    expect(r.json().facets).toEqual({ kind: [{ value: 'app', count: 1 }, { value: 'visualization', count: 1 }] });
    expect((await app.inject('/api/v1/showcases?q=pumps')).json()).toEqual({ total: 0, results: [], facets: { kind: [] } });
  });

  it('refuses text longer than 500 characters', async () => {
    const r = await app.inject(`/api/v1/showcases?q=${'a'.repeat(501)}`);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('validation_failed');
  });
});
