import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSource } from '../../src/actions/harvest/sources.ts';
import { buildApp } from '../../src/http/app.ts';
import { emptyChecklist } from '../../src/domain/program/projects.ts';
import { insertPartners, insertStatement } from '../contract/program-factories.ts';
import { closedPort, json, localServer, type LocalServer } from '../support/peers.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

describe('the peer network\'s API', () => {
  let t: TestPlaza;
  let app: FastifyInstance;
  let ckan: LocalServer;

  beforeAll(async () => {
    t = await startTestPlaza();
    ckan = await localServer((_req, res) => json(res, { success: true, result: { count: 1, results: [{ name: 'trees', title: 'Trees', notes: 'Street trees.', metadata_modified: '2026-01-01T00:00:00', organization: { title: 'Parks' } }] } }));
    await addSource(t.deps, t.admin, { kind: 'ckan', url: ckan.url, name: 'Barcelona', peer: true, harvest: false });
    await addSource(t.deps, t.admin, { kind: 'plaza', url: await closedPort(), name: 'Gone City', peer: true, harvest: false });
    await addSource(t.deps, t.admin, { kind: 'dcat-us', url: 'https://example.org/data.json', name: 'Harvested only', peer: false, harvest: true });
    const c = t.deps.catalog;
    const statement = await insertStatement(c, { title: 'Streets are too hot' });
    await c.projects.createProject({ id: 'p1', slug: 'shade-streets', title: 'Shade streets', summary: 'Plants trees where people walk.', statementId: statement.id, partnerIds: (await insertPartners(c)).sort(), datasetIds: [], startDate: '2026-01-05', templateId: 'co-design-sprint', phases: [{ key: 'research', name: 'Research', weeks: 4 }], currentPhase: 'research', checklist: emptyChecklist(), launch: null, createdBy: 'x', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' });
    app = await buildApp({ deps: t.deps, siteName: 'Here', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await ckan?.close();
    await t?.close();
  });

  it('lists the peers, not the sources only harvested', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/peers' });
    expect(r.statusCode).toBe(200);
    expect(r.json().results.map((p: { name: string }) => p.name)).toEqual(['Barcelona', 'Gone City']);
    expect(r.json().results[0]).toMatchObject({ kind: 'ckan', url: ckan.url, harvested: false });
  });

  it('never shows the credentials written in a peer\'s address', async () => {
    const s = await addSource(t.deps, t.admin, { kind: 'ckan', url: 'http://reader:s3cret-word@127.0.0.1:9/', name: 'Zed City', peer: true, harvest: false });
    try {
      const peers = await app.inject({ method: 'GET', url: '/api/v1/peers' });
      expect(peers.body).toContain('Zed City');
      expect(peers.body).not.toContain('s3cret-word');
      const page = await app.inject({ method: 'GET', url: `/peers/${s.id}` });
      expect(page.body).not.toContain('s3cret-word');
    } finally {
      await t.deps.catalog.harvest.deleteSource(s.id);
    }
  });

  it('searches this city and, with peers=1, the peers, naming the missing one', async () => {
    const alone = (await app.inject({ method: 'GET', url: '/api/v1/search?q=trees' })).json();
    expect(alone).toMatchObject({ local: { total: 0, results: [] }, peers: [], missing: [] });
    const all = (await app.inject({ method: 'GET', url: '/api/v1/search?q=trees&peers=1' })).json();
    expect(all.peers).toEqual([{ peer: expect.objectContaining({ name: 'Barcelona', kind: 'ckan' }), total: 1, results: [{ title: 'Trees', description: 'Street trees.', url: `${ckan.url}/dataset/trees`, modified: '2026-01-01T00:00:00', publisher: 'Parks' }] }]);
    expect(all.missing).toEqual([{ peer: expect.objectContaining({ name: 'Gone City' }), reason: 'error', message: expect.stringMatching(/could not be reached/) }]);
    expect(all.budget_ms).toBe(t.deps.limits.peerSearchMs);
    expect((await app.inject({ method: 'GET', url: '/api/v1/search?limit=500' })).statusCode).toBe(400);
  });

  it('gives a project\'s blueprint as data, and 404 for none', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/v1/projects/shade-streets/blueprint' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ title: 'Shade streets', statement: 'Streets are too hot', start_date: '2026-01-05', phases: [{ key: 'research', name: 'Research', weeks: 4 }], launch: null, url: 'http://localhost/projects/shade-streets' });
    expect(r.json().checklist).toHaveLength(9);
    expect(r.json().partners).toHaveLength(3);
    expect((await app.inject({ method: 'GET', url: '/api/v1/projects/nope/blueprint' })).statusCode).toBe(404);
  });
});
