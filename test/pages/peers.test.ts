import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSource } from '../../src/actions/harvest/sources.ts';
import { buildApp } from '../../src/http/app.ts';
import type { HarvestSource } from '../../src/domain/harvest/types.ts';
import { makePerson, signIn, type Session } from '../support/people.ts';
import { closedPort, servePlaza, type ServedPlaza } from '../support/peers.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

const PASSWORD = 'peers password 2030';
const NOW = '2026-03-01T00:00:00.000Z';

describe('the peer network\'s pages', () => {
  let here: TestPlaza;
  let there: TestPlaza;
  let peer: ServedPlaza;
  let app: FastifyInstance;
  let riverton: HarvestSource;
  let gone: HarvestSource;
  let ckan: HarvestSource;
  let ana: Session;
  let mo: Session;

  const get = (url: string, who?: Session) => app.inject({ method: 'GET', url, headers: who ? { cookie: who.cookie } : {} });
  const post = (url: string, who: Session) => app.inject({ method: 'POST', url, payload: new URLSearchParams({ _csrf: who.csrf }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie } });

  beforeAll(async () => {
    [here, there] = await Promise.all([startTestPlaza(), startTestPlaza()]);
    await there.deps.catalog.showcases.createShowcase({ id: 'sc-1', title: 'Shade finder', kind: 'app', description: 'Finds the shadiest walk.', link: 'https://example.org/shade', madeBy: 'Civic Tech', image: null, imageAlt: '', state: 'approved', stateReason: null, authorId: 'x', datasetIds: [], createdAt: NOW, updatedAt: NOW });
    peer = await servePlaza(there, 'Riverton');
    riverton = await addSource(here.deps, here.admin, { kind: 'plaza', url: peer.url, name: 'Riverton', peer: true, harvest: false });
    gone = await addSource(here.deps, here.admin, { kind: 'plaza', url: await closedPort(), name: 'Gone City', peer: true, harvest: false });
    ckan = await addSource(here.deps, here.admin, { kind: 'ckan', url: 'http://127.0.0.1:9/', name: 'Barcelona', peer: true, harvest: false });
    app = await buildApp({ deps: here.deps, siteName: 'Here', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
    ana = await signIn(here, app, await makePerson(here, { name: 'Ana' }), PASSWORD);
    mo = await signIn(here, app, await makePerson(here, { name: 'Mo', moderator: true }), PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await peer?.close();
    await Promise.all([here?.close(), there?.close()]);
  });

  it('lists the peers to everyone, in English and Spanish', async () => {
    const en = await get('/peers');
    expect(en.statusCode).toBe(200);
    for (const name of ['Riverton', 'Gone City', 'Barcelona']) expect(en.body).toContain(name);
    expect((await get('/peers?lang=es')).body).toContain('Ciudades pares');
  });

  it('shows a Plaza peer\'s showcases, with copy forms only for people who may copy', async () => {
    const anonymous = await get(`/peers/${riverton.id}`);
    expect(anonymous.body).toContain('Shade finder');
    expect(anonymous.body).not.toContain('/copy"');
    expect((await get(`/peers/${riverton.id}`, ana)).body).toContain(`action="/peers/${riverton.id}/showcases/sc-1/copy"`);
    expect((await get(`/peers/${riverton.id}`, ana)).body).not.toContain('/projects/');
  });

  it('says a peer of another kind has no showcases or blueprints, and a peer that is down did not give them', async () => {
    const other = (await get(`/peers/${ckan.id}`)).body;
    expect(other).toContain('Barcelona is a CKAN portal: it has no showcases or project blueprints to share.');
    expect(other).toContain('The peer did not give this part.');
    const down = await get(`/peers/${gone.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.body).toContain('The peer did not give this part.');
    expect((await get('/peers/nobody')).statusCode).toBe(404);
  });

  it('copies a showcase from its form, and shows the peer\'s failure on its page when the peer is down, keeping nothing', async () => {
    const ok = await post(`/peers/${riverton.id}/showcases/sc-1/copy`, ana);
    expect(ok.statusCode).toBe(303);
    const copy = await get(ok.headers.location as string, ana);
    expect(copy.body).toContain('Copied. It keeps a link to where it came from.');
    expect(copy.body).toContain('Copied from Riverton');
    const before = (await here.deps.catalog.showcases.listShowcases({ states: ['pending', 'approved'], limit: 100, offset: 0 })).total;
    const failed = await post(`/peers/${gone.id}/showcases/sc-1/copy`, mo);
    expect(failed.statusCode).toBe(502);
    expect(failed.body).toContain('Nothing was copied: Gone City did not give it.');
    expect((await here.deps.catalog.showcases.listShowcases({ states: ['pending', 'approved'], limit: 100, offset: 0 })).total).toBe(before);
    const signedOut = await app.inject({ method: 'POST', url: `/peers/${riverton.id}/showcases/sc-1/copy` });
    expect([303, 403]).toContain(signedOut.statusCode);
  });

  it('searches with and without the peers, naming those that did not answer', async () => {
    const plain = await get('/search?q=shade');
    expect(plain.body).toContain('Search the 3 peer cities too');
    expect(plain.body).not.toContain('Some peers are missing');
    const all = await get('/search?q=shade&peers=1&lang=es');
    expect(all.body).toContain('Faltan algunas ciudades pares en estos resultados:');
    expect(all.body).toContain('Gone City');
  }, 30_000);
});
