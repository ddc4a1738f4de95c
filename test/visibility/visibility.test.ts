import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { makePerson, type Person } from '../support/people.ts';
import { startTestPlazaOn } from '../support/plaza-on-store.ts';
import type { TestPlaza } from '../support/plaza.ts';
import { storeSuites, type StoreSuite } from '../support/stores.ts';

/**
 * Drafts and private datasets never reach someone who may not see them, on
 * any path; restricted datasets show their description to all and their data
 * to signed-in readers only. On SQLite and on PostgreSQL: each store applies
 * the visibility rule in its own SQL (search, facets, activity).
 */
let t: TestPlaza;
let app: FastifyInstance;
let outsider: Person;
let viewer: Person;
const admin = () => ({ authorization: `Bearer ${t.token}` });

const SETS = {
  open: { access_level: 'public', publish: true },
  draft: { access_level: 'public', publish: false },
  secret: { access_level: 'private', publish: true },
  members: { access_level: 'restricted', publish: true },
} as const;
type Name = keyof typeof SETS;
const slug = (n: Name) => `${n}-trees`;

async function send(method: string, url: string, headers: Record<string, string> = {}, payload?: object) {
  return app.inject({ method: method as 'GET', url, headers, ...(payload ? { payload } : {}) });
}

async function waitForLive(s: string) {
  for (let i = 0; i < 400; i++) {
    const d = (await send('GET', `/api/v1/datasets/${s}`, admin())).json();
    if (d.version) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${s} did not load`);
}

const readers = () => ({ anonymous: {}, outsider: outsider.auth, viewer: viewer.auth, admin: admin() });
type Reader = keyof ReturnType<typeof readers>;
const SEES: Record<Reader, Name[]> = {
  anonymous: ['open', 'members'],
  outsider: ['open', 'members'],
  viewer: ['open', 'draft', 'secret', 'members'],
  admin: ['open', 'draft', 'secret', 'members'],
};

const stores = await storeSuites('the visibility tests on the PostgreSQL catalog');

describe.each(stores.map((s) => [s.name, s] as const))('visibility on %s', (_name, store) => {
  describe.skipIf(store.skip)('every path', () => visibilityTests(store));
});

function visibilityTests(store: StoreSuite): void {
  // What this suite started, and only that, is closed after it.
  const started: { t?: TestPlaza; app?: FastifyInstance } = {};
  beforeAll(async () => {
    t = started.t = await startTestPlazaOn(store);
    app = started.app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://test.local' }, { logLevel: 'silent' });
    expect((await send('POST', '/api/v1/organizations', admin(), { name: 'Parks' })).statusCode).toBe(201);
    for (const [name, s] of Object.entries(SETS) as Array<[Name, (typeof SETS)[Name]]>) {
      const created = await send('POST', '/api/v1/datasets', admin(), {
        title: `${name} street trees`, organization: 'Parks', slug: slug(name), description: 'Trees on streets.', license: 'cc-by-4.0',
        keywords: ['trees', name], themes: ['Environment'], access_level: s.access_level,
      });
      expect(created.statusCode).toBe(201);
      const boundary = '----vis';
      const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="trees.csv"\r\n\r\n`), Buffer.from('species,height\nOak,12\nElm,9\nAsh,1\nYew,x\n'), Buffer.from(`\r\n--${boundary}--\r\n`)]);
      const up = await app.inject({ method: 'POST', url: `/api/v1/datasets/${slug(name)}/resources?types=height:integer`, headers: { ...admin(), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
      expect(up.statusCode).toBe(202);
      await waitForLive(slug(name));
      if (s.publish) expect((await send('POST', `/api/v1/datasets/${slug(name)}/status`, admin(), { status: 'published' })).statusCode).toBe(200);
    }
    const parks = (await t.deps.catalog.datasets.getOrganization('parks'))!;
    outsider = await makePerson(t, { name: 'Outsider' });
    viewer = await makePerson(t, { name: 'Parks viewer', roles: { [parks.id]: 'viewer' } });
  });

  afterAll(async () => {
    await started.app?.close();
    await started.t?.close();
  });

  describe('who sees which dataset', () => {
    it('search results and every facet count leave out what the reader may not see', async () => {
      for (const [reader, headers] of Object.entries(readers()) as Array<[Reader, Record<string, string>]>) {
        const all = (await send('GET', '/api/v1/datasets?q=trees&status=draft,published&limit=50', headers)).json();
        expect(all.results.map((r: { slug: string }) => r.slug).sort(), reader).toEqual(SEES[reader].map(slug).sort());
        expect(all.total, reader).toBe(SEES[reader].length);
        const count = (facet: string, value: string) => all.facets[facet]?.find((f: { value: string }) => f.value === value)?.count ?? 0;
        expect(count('keyword', 'trees'), reader).toBe(SEES[reader].length);
        expect(count('theme', 'Environment'), reader).toBe(SEES[reader].length);
        expect(count('organization', 'parks'), reader).toBe(SEES[reader].length);
        for (const name of ['draft', 'secret'] as const) expect(count('keyword', name), `${reader} ${name}`).toBe(SEES[reader].includes(name) ? 1 : 0);
      }
    });

    it('asking for drafts by status gives strangers nothing', async () => {
      const r = (await send('GET', '/api/v1/datasets?status=draft,submitted,archived')).json();
      expect(r.total).toBe(0);
      expect(r.results).toEqual([]);
    });

    it('a hidden dataset is not found on every path, for the API and the pages', async () => {
      for (const [reader, headers] of Object.entries(readers()) as Array<[Reader, Record<string, string>]>) {
        for (const name of ['draft', 'secret'] as const) {
          const sees = SEES[reader].includes(name);
          for (const url of [
            `/api/v1/datasets/${slug(name)}`,
            `/api/v1/datasets/${slug(name)}/dictionary`,
            `/api/v1/datasets/${slug(name)}/records`,
            `/api/v1/datasets/${slug(name)}/facets?facet=species`,
            `/api/v1/datasets/${slug(name)}/export/csv`,
            `/api/v1/datasets/${slug(name)}/versions/1/rejects.csv`,
            `/datasets/${slug(name)}`,
          ]) {
            const r = await send('GET', url, headers);
            expect(r.statusCode, `${reader} ${url}`).toBe(sees ? 200 : 404);
            if (!sees) expect(r.body, `${reader} ${url}`).not.toContain('street trees');
          }
        }
      }
    });

    it('activity, feeds and the sitemap never mention a hidden dataset to strangers', async () => {
      const hidden = [slug('draft'), slug('secret')];
      for (const [reader, headers] of Object.entries(readers()) as Array<[Reader, Record<string, string>]>) {
        for (const url of ['/api/v1/activity?limit=200', '/api/v1/organizations/parks/activity?limit=200']) {
          const r = await send('GET', url, headers);
          expect(r.statusCode, `${reader} ${url}`).toBe(200);
          const slugs = r.json().results.map((e: { dataset: { slug: string } | null }) => e.dataset?.slug).filter(Boolean);
          for (const name of ['open', 'draft', 'secret'] as const) expect(slugs.includes(slug(name)), `${reader} ${url} ${name}`).toBe(SEES[reader].includes(name));
        }
        for (const name of ['draft', 'secret'] as const) {
          expect((await send('GET', `/api/v1/datasets/${slug(name)}/activity`, headers)).statusCode, `${reader} ${name} activity`).toBe(SEES[reader].includes(name) ? 200 : 404);
        }
      }
      // Feed readers and crawlers send no credentials: these are anonymous whoever asks.
      for (const url of ['/feeds/activity.atom', '/feeds/organizations/parks.atom', '/feeds/search.atom?q=trees', '/sitemap.xml']) {
        const r = await send('GET', url, admin());
        expect(r.statusCode, url).toBe(200);
        expect(r.body, url).toContain(slug('open'));
        for (const h of hidden) expect(r.body, `${url} ${h}`).not.toContain(h);
      }
      for (const h of hidden) expect((await send('GET', `/feeds/datasets/${h}.atom`, admin())).statusCode).toBe(404);
    });

    it('the catalog page lists only what the reader may see', async () => {
      const page = (await send('GET', '/datasets?q=trees')).body;
      expect(page).toContain(`/datasets/${slug('open')}`);
      expect(page).not.toContain(`/datasets/${slug('draft')}`);
      expect(page).not.toContain(`/datasets/${slug('secret')}`);
    });

    it('restricted data is for signed-in readers: anonymous gets 401, with the description still public', async () => {
      const about = await send('GET', `/api/v1/datasets/${slug('members')}`);
      expect(about.statusCode).toBe(200);
      expect(about.json().access_level).toBe('restricted');
      for (const url of [`/api/v1/datasets/${slug('members')}/records`, `/api/v1/datasets/${slug('members')}/export/csv`, `/api/v1/datasets/${slug('members')}/facets?facet=species`]) {
        const anon = await send('GET', url);
        expect(anon.statusCode, url).toBe(401);
        expect(anon.json().error.message).toContain('restricted');
        expect((await send('GET', url, outsider.auth)).statusCode, url).toBe(200);
      }
      expect((await send('GET', `/datasets/${slug('members')}`)).body).not.toContain('<td>Oak</td>');
    });

    it('a viewer reads drafts but cannot change them', async () => {
      const r = await send('PATCH', `/api/v1/datasets/${slug('draft')}`, viewer.auth, { title: 'Changed' });
      expect(r.statusCode).toBe(403);
      expect(r.json().error.code).toBe('forbidden');
      expect((await send('POST', `/api/v1/datasets/${slug('draft')}/status`, viewer.auth, { status: 'submitted' })).statusCode).toBe(403);
    });
  });
}
