import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeStatus } from '../../src/actions/catalog/change-status.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { addLink } from '../../src/actions/catalog/resources.ts';
import { addSource } from '../../src/actions/harvest/sources.ts';
import { runHarvest } from '../../src/actions/harvest/run-harvest.ts';
import { federatedSearch, forgetPeerAnswers } from '../../src/actions/peers/federated-search.ts';
import { anonymous } from '../../src/actions/deps.ts';
import { outboundFetch } from '../../src/adapters/net/outbound-fetch.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { closedPort, json, localServer, servePlaza, type LocalServer, type ServedPlaza } from '../support/peers.ts';

const BUDGET = 1500;
/** What the answer may take beyond the budget: the local search and putting the answer together. */
const MARGIN = 800;

const CKAN_PACKAGE = (JSON.parse(readFileSync(fixture('standards/ckan/package_show-demo.ckan.org.json'), 'utf8')) as { result: Record<string, unknown> }).result;
const SOCRATA = JSON.parse(readFileSync(fixture('standards/socrata/discovery-api-data.seattle.gov.json'), 'utf8')) as unknown;

/** A published dataset (metadata only) on a Plaza. */
async function publish(t: TestPlaza, title: string, description: string, status: 'published' | 'draft' = 'published', accessLevel = 'public'): Promise<string> {
  const d = await createDataset(t.deps, t.admin, { title, organization: 'Parks Department', description, license: 'cc-by-4.0', access_level: accessLevel }, { createOrganization: true });
  await addLink(t.deps, t.admin, d.id, { kind: 'link', name: 'Where it is', url: 'https://example.org/trees' });
  if (status === 'published') await changeStatus(t.deps, t.admin, d.id, { status: 'published' });
  return d.slug;
}

describe('the federated search', () => {
  let here: TestPlaza;
  let there: TestPlaza;
  let peer: ServedPlaza;
  let slow: LocalServer;
  let ckan: LocalServer;
  let socrata: LocalServer;
  let down = '';

  beforeAll(async () => {
    [here, there] = await Promise.all([startTestPlaza(), startTestPlaza()]);
    here.deps.limits.peerSearchMs = BUDGET;
    await publish(here, 'Tree canopy here', 'Street trees of this city.');
    await publish(there, 'Street trees of Riverton', 'Every street tree the city plants, with species.');
    await publish(there, 'Draft trees', 'A tree inventory not yet published.', 'draft');
    await publish(there, 'Private trees', 'Trees on private land, kept private.', 'published', 'private');
    peer = await servePlaza(there, 'Riverton');
    slow = await localServer((_req, res) => {
      setTimeout(() => json(res, { total: 0, results: [] }), 10_000).unref();
    });
    ckan = await localServer((req, res) => json(res, { help: 'package_search', success: true, result: { count: 1, results: [CKAN_PACKAGE] } }));
    socrata = await localServer((req, res) => (req.url?.startsWith('/api/catalog/v1') ? json(res, SOCRATA) : json(res, { error: 'not found' }, 404)));
    down = await closedPort();
    for (const [name, kind, url] of [['Riverton', 'plaza', peer.url], ['Slowtown', 'plaza', slow.url], ['Gone City', 'plaza', down], ['Barcelona', 'ckan', ckan.url], ['Seattle', 'socrata', socrata.url]] as const) {
      await addSource(here.deps, here.admin, { kind, url, name, peer: true, harvest: false });
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all([peer?.close(), slow?.close(), ckan?.close(), socrata?.close()]);
    await Promise.all([here?.close(), there?.close()]);
  });

  it('answers within its budget with one peer slow and one down, saying which are missing', async () => {
    forgetPeerAnswers(here.deps);
    const started = Date.now();
    const r = await federatedSearch(here.deps, anonymous, { q: 'trees', peers: true });
    const took = Date.now() - started;
    expect(took).toBeLessThan(BUDGET + MARGIN);
    expect(r.local.results.map((x) => x.dataset.title)).toEqual(['Tree canopy here']);

    const riverton = r.peers.find((a) => a.peer.name === 'Riverton');
    expect(riverton?.results.map((x) => x.title)).toEqual(['Street trees of Riverton']);
    expect(riverton?.results[0]?.url).toMatch(new RegExp(`^${peer.url}/datasets/street-trees-of-riverton$`));
    expect(riverton?.results[0]?.publisher).toBe('Parks Department');

    const missing = Object.fromEntries(r.missing.map((m) => [m.peer.name, m]));
    expect(Object.keys(missing).sort()).toEqual(['Gone City', 'Slowtown']);
    expect(missing.Slowtown).toMatchObject({ reason: 'timeout', message: expect.stringMatching(/did not answer within 1\.5 s/) });
    expect(missing['Gone City']).toMatchObject({ reason: 'error', message: expect.stringMatching(/could not be reached: .*ECONNREFUSED/) });
  }, 30_000);

  it('never brings a peer\'s drafts or private datasets', async () => {
    const r = await federatedSearch(here.deps, anonymous, { q: 'trees', peers: true });
    const titles = r.peers.flatMap((a) => a.results.map((x) => x.title));
    expect(titles).not.toContain('Draft trees');
    expect(titles).not.toContain('Private trees');
  }, 30_000);

  it('asks the peers again only once their answers are older than the cache time', async () => {
    forgetPeerAnswers(here.deps);
    const before = { ckan: ckan.requests.length, socrata: socrata.requests.length, slow: slow.requests.length };
    await federatedSearch(here.deps, anonymous, { q: 'nombres', peers: true });
    await federatedSearch(here.deps, anonymous, { q: 'nombres', peers: true });
    expect(ckan.requests.length - before.ckan).toBe(1);
    expect(socrata.requests.length - before.socrata).toBe(1);
    // The slow peer's failure is kept too, briefly: the second search did not wait for it again.
    expect(slow.requests.length - before.slow).toBe(1);
    await federatedSearch(here.deps, anonymous, { q: 'other words', peers: true });
    expect(ckan.requests.length - before.ckan).toBe(2);
  }, 30_000);

  it('reads a CKAN peer\'s package_search and a Socrata peer\'s Discovery API answer from real responses', async () => {
    forgetPeerAnswers(here.deps);
    const r = await federatedSearch(here.deps, anonymous, { q: 'schools', peers: true });
    const barcelona = r.peers.find((a) => a.peer.name === 'Barcelona');
    expect(barcelona?.total).toBe(1);
    expect(barcelona?.results[0]).toMatchObject({ title: 'Nombres masculinos más frecuentes en la provincia de Barcelona', url: `${ckan.url}/dataset/nombres-masculinos-mas-frecuentes-en-la-provincia-de-barcelona`, modified: '2020-03-03T14:04:57.436723', publisher: 'EURODATA_Galdric' });
    expect(ckan.requests.at(-1)).toMatch(/^\/api\/3\/action\/package_search\?q=schools&rows=10$/);
    const seattle = r.peers.find((a) => a.peer.name === 'Seattle');
    expect(seattle?.total).toBe(16);
    expect(seattle?.results[0]).toMatchObject({ title: 'Youth and Family Initiative All Top Priorities', url: 'https://data.seattle.gov/d/s3q4-fh73', modified: '2011-08-21T02:48:28.000Z', publisher: "Mayor's Office" });
    expect(socrata.requests.at(-1)).toBe(`/api/catalog/v1?domains=${encodeURIComponent(new URL(socrata.url).host)}&q=schools&limit=10`);
  }, 30_000);

  it('makes a peer answering garbage or the wrong shape missing, with the reason', async () => {
    const garbage = await localServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>'));
    const wrong = await localServer((_req, res) => json(res, { total: 'many', results: 'none' }));
    const a = await addSource(here.deps, here.admin, { kind: 'plaza', url: garbage.url, name: 'Garbage City', peer: true, harvest: false });
    const b = await addSource(here.deps, here.admin, { kind: 'ckan', url: wrong.url, name: 'Wrong Shape City', peer: true, harvest: false });
    try {
      const r = await federatedSearch(here.deps, anonymous, { q: 'trees', peers: true });
      const missing = Object.fromEntries(r.missing.map((m) => [m.peer.name, m]));
      expect(missing['Garbage City']).toMatchObject({ reason: 'error', message: expect.stringMatching(/did not answer JSON \(it began: "<html>maintenance/) });
      expect(missing['Wrong Shape City']).toMatchObject({ reason: 'error', message: expect.stringMatching(/cannot read: The answer is not a CKAN package_search result/) });
    } finally {
      await here.deps.catalog.harvest.deleteSource(a.id);
      await here.deps.catalog.harvest.deleteSource(b.id);
      await Promise.all([garbage.close(), wrong.close()]);
    }
  }, 30_000);

  it('refuses a peer on a private address unless private addresses are allowed', async () => {
    const strict = { ...here.deps, fetch: outboundFetch({ allowPrivate: false }) };
    const r = await federatedSearch(strict, anonymous, { q: 'trees', peers: true });
    const riverton = r.missing.find((m) => m.peer.name === 'Riverton');
    expect(riverton).toMatchObject({ reason: 'refused', message: expect.stringMatching(/is refused: .*PLAZA_ALLOW_PRIVATE_URLS=true/) });
    expect(r.peers).toEqual([]);
  }, 30_000);

  it('searches a DCAT-US peer by reading its catalog once, then what was harvested from it', async () => {
    const ny = readFileSync(fixture('standards/dcat-us-pod-v1.1/real-catalog-data.ny.gov-data.json'), 'utf8');
    const catalog = await localServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(ny));
    const a = await addSource(here.deps, here.admin, { kind: 'dcat-us', url: `${catalog.url}/data.json`, name: 'New York State', peer: true, harvest: false });
    try {
      forgetPeerAnswers(here.deps);
      const r = await federatedSearch(here.deps, anonymous, { q: 'sonyma loans', peers: true });
      const nys = r.peers.find((x) => x.peer.name === 'New York State');
      expect(nys?.total).toBe(1);
      expect(nys?.results[0]).toMatchObject({ title: expect.stringMatching(/SONYMA/), url: 'https://data.ny.gov/d/22ew-dxez', publisher: 'State of New York' });
      const none = await federatedSearch(here.deps, anonymous, { q: 'sonyma zebras', peers: true });
      expect(none.peers.find((x) => x.peer.name === 'New York State')?.total).toBe(0);
      // The catalog was read once for both searches (kept ten minutes).
      expect(catalog.requests).toHaveLength(1);

      await here.deps.catalog.harvest.updateSource(a.id, { harvest: true });
      expect((await runHarvest(here.deps, a.id, { trigger: 'manual' })).status).toBe('succeeded');
      forgetPeerAnswers(here.deps);
      const harvested = await federatedSearch(here.deps, anonymous, { q: 'sonyma', peers: true });
      expect(harvested.peers.find((x) => x.peer.name === 'New York State')?.results[0]).toMatchObject({ title: expect.stringMatching(/SONYMA/), url: 'https://data.ny.gov/d/22ew-dxez' });
      // Searched here, in what the harvest brought: the catalog was read by the run only.
      expect(catalog.requests).toHaveLength(2);
    } finally {
      await here.deps.catalog.harvest.deleteSource(a.id);
      await catalog.close();
    }
  }, 30_000);

  it('asks nobody without peers=1', async () => {
    const before = ckan.requests.length;
    const r = await federatedSearch(here.deps, anonymous, { q: 'anything at all', peers: false });
    expect(r.peers).toEqual([]);
    expect(r.missing).toEqual([]);
    expect(ckan.requests.length).toBe(before);
  });
});
