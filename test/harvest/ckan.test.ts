import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHarvest } from '../../src/actions/harvest/run-harvest.ts';
import { addSource } from '../../src/actions/harvest/sources.ts';
import { ckanApi, ckanRecord, geojsonBbox } from '../../src/domain/harvest/ckan.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { startReplay, type Replay } from './replay.ts';

type Pkg = Record<string, unknown>;
const read = (name: string): Pkg => (JSON.parse(readFileSync(fixture(`standards/ckan/${name}`), 'utf8')) as { result: Pkg }).result;
const DEMO = read('package_show-demo.ckan.org.json');
const EXTRAS = read('package_show-with-extras.json');

describe('CKAN package dicts in Plaza terms', () => {
  it("reads demo.ckan.org's package: tags, organization, author, licence, the url as landing page, resources", () => {
    const r = ckanRecord(DEMO, { root: 'https://demo.ckan.org', kind: 'ckan' });
    expect(r).toMatchObject({
      remoteId: '6633bb2c-8f85-4ac6-8c9b-c4ab740e1595',
      identifier: 'https://demo.ckan.org/dataset/nombres-masculinos-mas-frecuentes-en-la-provincia-de-barcelona',
      title: 'Nombres masculinos más frecuentes en la provincia de Barcelona',
      keywords: ['estadística', 'ine', 'nombres', 'padrón', 'población', 'provincias'],
      themes: [],
      publisher: 'EURODATA_Galdric',
      contactPoint: { name: 'INE', email: '' },
      license: 'other-open',
      issued: '2020-03-02',
      modified: '2020-03-03T14:04:57.436Z',
      landingPage: 'http://www.ine.es/tnombres/inicio.do',
    });
    if ('reason' in r) throw new Error(r.reason);
    expect(r.description).toMatch(/^Nombres más frecuentes es una aplicación/);
    expect(r.distributions).toEqual([
      expect.objectContaining({ title: 'Nombres masculinos más frecuentes en la provincia de Barcelona', format: 'xls' }),
      expect.objectContaining({ title: 'Test Fake Resource 2', format: 'xls' }),
    ]);
  });

  it('reads the extras of a portal with many: temporal years, the place, the contact, groups as themes', () => {
    const r = ckanRecord(EXTRAS, { root: 'https://ckan.dev.ecocommons.org.au', kind: 'ckan' });
    if ('reason' in r) throw new Error(r.reason);
    expect(r.temporal).toEqual({ start: '1976-01-01', end: '2005-12-31' });
    expect(r.spatial).toEqual({ place: 'Australia', bbox: null });
    expect(r.contactPoint).toEqual({ name: 'admin@ecocommons.org.au', email: 'admin@ecocommons.org.au' });
    expect(r.themes).toEqual(['anuclim_climate_data']);
    expect(r.publisher).toBe('testorg');
    expect(r.landingPage).toBe(`https://ckan.dev.ecocommons.org.au/dataset/${String(EXTRAS.name)}`);
    expect(r.distributions).toHaveLength(5);
    expect(r.distributions[0]).toMatchObject({ format: 'tiff', mediaType: 'image/tiff' });
  });

  it('prefers an identifier extra, and reads spatial GeoJSON and a frequency', () => {
    const pkg = { ...DEMO, extras: [{ key: 'guid', value: 'urn:uuid:1234' }, { key: 'spatial', value: '{"type":"Polygon","coordinates":[[[2.0,41.2],[2.3,41.2],[2.3,41.5],[2.0,41.5],[2.0,41.2]]]}' }, { key: 'frequency', value: 'R/P1M' }] };
    const r = ckanRecord(pkg, { root: 'https://demo.ckan.org', kind: 'ckan' });
    expect(r).toMatchObject({ identifier: 'urn:uuid:1234', spatial: { place: null, bbox: [2.0, 41.2, 2.3, 41.5] }, frequency: 'monthly' });
    expect(geojsonBbox('not json')).toBeNull();
  });

  it("takes the API's address as the site root or under /api/3/action/ or /api/action/", () => {
    expect(ckanApi('https://data.example.org/')).toEqual({ root: 'https://data.example.org', actions: 'https://data.example.org/api/3/action' });
    expect(ckanApi('https://data.example.org/catalog/api/3/action/package_search?q=x')).toEqual({ root: 'https://data.example.org/catalog', actions: 'https://data.example.org/catalog/api/3/action' });
    expect(ckanApi('https://data.example.org/api/action/')).toEqual({ root: 'https://data.example.org', actions: 'https://data.example.org/api/action' });
  });
});

/** A CKAN site answering `package_search` from a list of packages, all of them: `fq` on metadata_modified, `fl=id`, paging, and at most `cap` rows a page. */
function ckanSite(replay: Replay, packages: () => Pkg[], cap: number) {
  replay.answer = (_req, url) => {
    if (url.pathname !== '/api/3/action/package_search') return { status: 404, body: '"Not found"' };
    const p = url.searchParams;
    let list = [...packages()];
    const since = /^metadata_modified:\[(\S+) TO \*\]$/.exec(p.get('fq') ?? '')?.[1];
    if (since) list = list.filter((x) => `${String(x.metadata_modified)}Z` >= since);
    list.sort((x, y) => String(x.id).localeCompare(String(y.id)));
    const start = Number(p.get('start') ?? 0);
    const rows = Math.min(Number(p.get('rows') ?? 10), cap);
    const page = list.slice(start, start + rows).map((x) => (p.get('fl') === 'id' ? { id: x.id } : x));
    return { body: JSON.stringify({ help: 'h', success: true, result: { count: list.length, results: page } }) };
  };
}

describe('harvesting a CKAN site', () => {
  let t: TestPlaza;
  let site: Replay;
  beforeAll(async () => {
    t = await startTestPlaza();
    site = await startReplay();
  }, 60_000);
  afterAll(async () => {
    await site.close();
    await t.close();
  });

  it('pages through package_search, skips private and deleted packages, then asks only for changes; garbage fails the run and keeps what was harvested', async () => {
    const clone = (base: Pkg, n: number, extra: Pkg = {}): Pkg => ({ ...base, id: `${String(base.id).slice(0, -2)}${String(n).padStart(2, '0')}`, name: `${String(base.name)}-${n}`, ...extra });
    // One of this site's own datasets, gathered by the source and offered back: it is here already.
    const ours = clone(DEMO, 6, { title: 'Our own', extras: [{ key: 'identifier', value: `${t.deps.site.baseUrl}/datasets/our-own` }] });
    const packages: Pkg[] = [DEMO, EXTRAS, clone(DEMO, 1), clone(EXTRAS, 2), clone(DEMO, 3), clone(DEMO, 4, { private: true, title: 'Hidden' }), clone(DEMO, 5, { state: 'deleted', title: 'Gone' }), ours];
    // This CKAN answers 2 rows a page whatever is asked, and lists private and deleted packages as it would to its admins.
    ckanSite(site, () => packages, 2);

    const source = await addSource(t.deps, t.admin, { kind: 'ckan', url: `${site.url}/api/3/action/`, name: 'Demo CKAN', schedule_hours: null });
    const first = await runHarvest(t.deps, source.id, { trigger: 'manual' });
    expect(first.message).toBeNull();
    expect(first.counts).toEqual({ created: 5, updated: 0, archived: 0, unchanged: 0, errors: 0 });
    expect(site.requests.filter((r) => r.startsWith('/api/3/action/package_search?')).length).toBe(4);
    expect(first.counts.created).toBe(5);
    const titles = await Promise.all((await t.deps.catalog.harvest.originsOfSource(source.id)).map(async (o) => (await t.deps.catalog.datasets.getDataset(o.datasetId))?.title));
    expect(titles).not.toContain('Hidden');
    expect(titles).not.toContain('Gone');
    expect(titles).not.toContain('Our own');

    // Nothing changed: the second run asks for changes since the first (less a margin for clocks) and lists the rest by id.
    site.requests.length = 0;
    packages[2] = { ...packages[2], title: 'Renamed at the source', metadata_modified: new Date(Date.now() + 1000).toISOString().slice(0, 23) };
    packages.splice(4, 1);
    const second = await runHarvest(t.deps, source.id, { trigger: 'manual' });
    expect(second.counts).toMatchObject({ created: 0, updated: 1, archived: 1, errors: 0 });
    const fq = site.requests.map((r) => new URLSearchParams(r.split('?')[1]).get('fq')).find(Boolean);
    expect(fq).toMatch(/^metadata_modified:\[\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z TO \*\]$/);
    expect(Date.parse(fq!.slice(19, 43))).toBeLessThan(Date.parse(first.startedAt));
    expect(site.requests.some((r) => r.includes('fl=id'))).toBe(true);

    const before = await t.deps.catalog.harvest.originsOfSource(source.id);
    for (const [answer, message] of [
      [{ body: '<html><body>Down for maintenance</body></html>', type: 'text/html' }, /did not answer JSON/],
      [{ body: '{"help": "h", "success": true, "result": {"count": 3, "resu' }, /did not answer JSON/],
      [{ body: '{"help": "h", "success": false, "error": {"message": "Solr is down", "__type": "Search Error"}}', status: 200 }, /the action failed: Solr is down/],
      [{ body: '{"count": 2}' }, /not a CKAN Action API answer/],
    ] as const) {
      site.answer = () => answer;
      const run = await runHarvest(t.deps, source.id, { trigger: 'manual' });
      expect(run.status).toBe('failed');
      expect(run.message).toMatch(message);
      expect(await t.deps.catalog.harvest.originsOfSource(source.id)).toEqual(before);
    }
  }, 60_000);
});
