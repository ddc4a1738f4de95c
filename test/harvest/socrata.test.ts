import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHarvest } from '../../src/actions/harvest/run-harvest.ts';
import { addSource } from '../../src/actions/harvest/sources.ts';
import { discoveryRecord, fourByFour, socrataPodRecord } from '../../src/domain/harvest/socrata.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { startReplay, type Replay } from './replay.ts';

const DISCOVERY = JSON.parse(readFileSync(fixture('standards/socrata/discovery-api-data.seattle.gov.json'), 'utf8')) as { results: Record<string, unknown>[] };
const NY = readFileSync(fixture('standards/dcat-us-pod-v1.1/real-catalog-data.ny.gov-data.json'), 'utf8');

describe('Socrata assets in Plaza terms', () => {
  it('reads a Discovery API result of data.seattle.gov; maps and other views are not datasets', () => {
    const r = discoveryRecord(DISCOVERY.results[0]);
    expect(r).toMatchObject({
      remoteId: 's3q4-fh73',
      identifier: 'https://data.seattle.gov/api/views/s3q4-fh73',
      title: 'Youth and Family Initiative All Top Priorities',
      themes: ['Education'],
      publisher: "Mayor's Office",
      issued: '2010-06-04T20:39:36.000Z',
      modified: '2011-08-21T02:48:28.000Z',
      landingPage: 'https://data.seattle.gov/d/s3q4-fh73',
      distributions: [{ format: 'csv', url: 'https://data.seattle.gov/api/views/s3q4-fh73/rows.csv?accessType=DOWNLOAD' }],
    });
    expect(r && 'keywords' in r ? r.keywords : []).toContain('youth development');
    expect(discoveryRecord(DISCOVERY.results[1])).toBeNull();
  });

  it('keeps a data.json dataset by its four-by-four, with the identifier the Discovery API mapping gives', () => {
    const pod = socrataPodRecord((JSON.parse(NY) as { dataset: unknown[] }).dataset[0]);
    expect(pod).toMatchObject({ remoteId: '22ew-dxez', identifier: 'https://data.ny.gov/api/views/22ew-dxez' });
    const same = discoveryRecord({ ...DISCOVERY.results[0], resource: { ...(DISCOVERY.results[0]!.resource as object), id: '22ew-dxez' }, metadata: { domain: 'data.ny.gov' } });
    expect(same && 'identifier' in same ? same.identifier : null).toBe('https://data.ny.gov/api/views/22ew-dxez');
    expect(fourByFour('https://data.seattle.gov/Education/Public-Schools/ywms-iep2')).toBe('ywms-iep2');
  });
});

describe('harvesting a Socrata domain', () => {
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

  it('reads data.json when the domain serves it, else the Discovery API page by page; garbage fails and keeps what it had', async () => {
    site.answer = (_req, url) => (url.pathname === '/data.json' ? { body: NY } : { status: 404, body: '{}' });
    const ny = await addSource(t.deps, t.admin, { kind: 'socrata', url: `${site.url}/`, name: 'New York State', schedule_hours: null });
    const first = await runHarvest(t.deps, ny.id, { trigger: 'manual' });
    expect(first.counts).toMatchObject({ created: 1, errors: 0 });
    expect((await t.deps.catalog.harvest.originsOfSource(ny.id)).map((o) => o.remoteId)).toEqual(['22ew-dxez']);
    expect(site.requests).toEqual(['/data.json']);

    // No data.json: the Discovery API, which answers 4 results a page here.
    site.requests.length = 0;
    site.answer = (_req, url) => {
      if (url.pathname !== '/api/catalog/v1') return { status: 404, body: 'Not found', type: 'text/plain' };
      const offset = Number(url.searchParams.get('offset'));
      return { body: JSON.stringify({ results: DISCOVERY.results.slice(offset, offset + 4), resultSetSize: DISCOVERY.results.length }) };
    };
    const seattle = await addSource(t.deps, t.admin, { kind: 'socrata', url: site.url, name: 'Seattle', schedule_hours: null });
    const second = await runHarvest(t.deps, seattle.id, { trigger: 'manual' });
    expect(second.message).toBeNull();
    expect(second.counts).toMatchObject({ created: 3, errors: 0 });
    expect(site.requests.map((r) => r.split('?')[0])).toEqual(['/data.json', '/api/catalog/v1', '/api/catalog/v1']);
    expect(new URLSearchParams(site.requests[2]!.split('?')[1]).get('offset')).toBe('4');
    expect((await t.deps.catalog.harvest.originsOfSource(seattle.id)).map((o) => o.remoteId).sort()).toEqual(['9xpv-dsbc', 's3q4-fh73', 'vu6n-t5x5']);

    const before = await t.deps.catalog.harvest.originsOfSource(seattle.id);
    site.answer = (_req, url) => (url.pathname === '/data.json' ? { status: 404, body: '' } : { body: '<html>Service unavailable</html>', type: 'text/html' });
    const garbage = await runHarvest(t.deps, seattle.id, { trigger: 'manual' });
    expect(garbage.status).toBe('failed');
    expect(garbage.message).toMatch(/did not answer JSON/);
    site.answer = (_req, url) => (url.pathname === '/data.json' ? { status: 404, body: '' } : { body: '{"error": "no such domain"}' });
    const wrong = await runHarvest(t.deps, seattle.id, { trigger: 'manual' });
    expect(wrong.message).toMatch(/is not a Socrata catalog: it serves no data.json \(.*answered 404.*\) and .* has no "results" list/);
    expect(await t.deps.catalog.harvest.originsOfSource(seattle.id)).toEqual(before);
  }, 60_000);
});
