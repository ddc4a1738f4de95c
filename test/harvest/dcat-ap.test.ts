import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeStatus } from '../../src/actions/catalog/change-status.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { addLink } from '../../src/actions/catalog/resources.ts';
import { parseRdf, syntaxOf } from '../../src/actions/harvest/readers/dcat-ap.ts';
import { runHarvest } from '../../src/actions/harvest/run-harvest.ts';
import { addSource } from '../../src/actions/harvest/sources.ts';
import { dcatApRecord, Graph } from '../../src/domain/harvest/dcat-ap.ts';
import type { Dataset } from '../../src/domain/catalog/types.ts';
import type { HarvestedRecord } from '../../src/domain/harvest/types.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { startReplay, type Replay } from './replay.ts';
import { recordFetches, servePlaza } from './serve.ts';

const EU = readFileSync(fixture('harvest/dcat-ap-eu-catalog.ttl'), 'utf8');

async function recordsOf(text: string): Promise<HarvestedRecord[]> {
  const g = new Graph(await parseRdf('turtle', text, 'https://data.example.eu/catalogue'));
  return g.datasets.map((d) => dcatApRecord(g, d)).filter((r): r is HarvestedRecord => !('reason' in r));
}

describe('DCAT-AP datasets in Plaza terms', () => {
  it('reads an EU-style catalog: languages, EU tables, the bbox, the contact, distributions', async () => {
    const [bus, air] = await recordsOf(EU);
    expect(bus).toEqual({
      remoteId: 'urn:example:dataset:bus-stops',
      identifier: 'urn:example:dataset:bus-stops',
      title: 'Bus stops',
      description: 'Every bus stop of the city, with its name and position.',
      keywords: ['transport', 'bus'],
      themes: ['TRAN'],
      publisher: 'Example City',
      contactPoint: { name: 'Mobility Department', email: 'mobility@example.eu' },
      license: 'cc-by-4.0',
      frequency: 'monthly',
      temporal: { start: '2020-01-01', end: '2024-06-30' },
      spatial: { place: 'Example City', bbox: [4.3, 50.8, 4.45, 50.9] },
      issued: '2020-02-01',
      modified: '2024-07-01T08:30:00.000Z',
      language: ['de', 'en'],
      landingPage: 'https://data.example.eu/dataset/bus-stops/page',
      distributions: [
        { title: 'Bus stops (CSV)', url: 'https://data.example.eu/files/bus-stops.csv', format: 'csv', mediaType: 'text/csv' },
        { title: 'Bus stops (live API)', url: 'https://api.example.eu/bus-stops', format: 'api', mediaType: null },
      ],
    });
    // No dct:identifier: the dataset's address; German only: German it is.
    expect(air).toMatchObject({ identifier: 'https://data.example.eu/dataset/air-quality', title: 'Luftqualität', keywords: ['Luft', 'Umwelt'], frequency: 'hourly', spatial: null, distributions: [{ format: 'geojson', url: 'https://data.example.eu/files/air.geojson' }] });
  });

  it("reads JSON-LD naming the DCAT-AP 3.0.1 context by its address from Plaza's own copy, fetching nothing", async () => {
    const doc = { '@context': 'https://semiceu.github.io/DCAT-AP/releases/3.0.1/context/dcat-ap.jsonld', '@id': 'https://data.example.eu/dataset/bins', '@type': 'Dataset', title: ['Litter bins'], identifier: ['bins-1'], keyword: ['waste'] };
    const g = new Graph(await parseRdf('jsonld', JSON.stringify(doc), 'https://data.example.eu/'));
    expect(g.datasets.map((d) => dcatApRecord(g, d))).toMatchObject([{ identifier: 'bins-1', title: 'Litter bins', keywords: ['waste'] }]);
  });

  it('tells the syntax by Content-Type, then by how the answer begins', () => {
    expect(syntaxOf('text/turtle; charset=utf-8', '')).toBe('turtle');
    expect(syntaxOf('application/octet-stream', '<?xml version="1.0"?><rdf:RDF/>')).toBe('rdfxml');
    expect(syntaxOf('application/json', '{"@graph": []}')).toBe('jsonld');
    expect(syntaxOf('text/html', '<!DOCTYPE html><html>')).toBeNull();
  });
});

describe('harvesting DCAT-AP catalogs', () => {
  let a: TestPlaza;
  let b: TestPlaza;
  let site: { url: string; close(): Promise<void> };
  let replay: Replay;
  beforeAll(async () => {
    a = await startTestPlaza();
    b = await startTestPlaza();
    site = await servePlaza(a, 'City A');
    replay = await startReplay();
  }, 60_000);
  afterAll(async () => {
    await replay.close();
    await site.close();
    await a.close();
    await b.close();
  });

  it("reads Plaza's own catalog in Turtle, JSON-LD and RDF/XML, page by page, as the same datasets", async () => {
    const made: Dataset[] = [];
    for (const [title, extra] of [['Noise complaints', { frequency: 'weekly', temporal: { start: '2021-01-01', end: '2023-12-31' }, spatial: { place: 'Old Town', bbox: [2.1, 41.3, 2.2, 41.4] }, keywords: ['noise'], language: ['es'] }], ['Library loans', {}], ['Parking meters', { license: 'odbl-1.0' }]] as const) {
      const ds = await createDataset(a.deps, a.admin, { title, organization: 'Civic Office', description: `${title}, described on A.`, license: 'cc-by-4.0', ...extra }, { createOrganization: true });
      await addLink(a.deps, a.admin, ds.slug, { kind: 'link', name: `${title} file`, url: `https://files.example.org/${ds.slug}.csv`, format: 'csv' });
      await changeStatus(a.deps, a.admin, ds.slug, { status: 'published' });
      made.push(ds);
    }
    const asked = recordFetches(b);
    const datasetIds: string[][] = [];
    for (const ext of ['ttl', 'jsonld', 'rdf']) {
      asked.length = 0;
      const source = await addSource(b.deps, b.admin, { kind: 'dcat-ap', url: `${site.url}/catalog.${ext}?per_page=2`, name: `City A (${ext})`, schedule_hours: null });
      const run = await runHarvest(b.deps, source.id, { trigger: 'manual' });
      expect(run.message).toBeNull();
      expect(run.counts.created + run.counts.updated).toBe(3);
      expect(run.counts.errors).toBe(0);
      expect(asked).toEqual([`${site.url}/catalog.${ext}?per_page=2`, `${site.url}/catalog.${ext}?page=2&per_page=2`]);
      const origins = await b.deps.catalog.harvest.originsOfSource(source.id);
      // Each dataset by its identifier, its page on A, as in A's other outputs.
      expect(origins.map((o) => o.remoteId).sort()).toEqual(made.map((d) => `${site.url}/datasets/${d.slug}`).sort());
      datasetIds.push(origins.sort((x, y) => x.remoteId.localeCompare(y.remoteId)).map((o) => o.datasetId));
    }
    expect(datasetIds[1]).toEqual(datasetIds[0]);
    expect(datasetIds[2]).toEqual(datasetIds[0]);
    const noise = (await b.deps.catalog.harvest.originsOfSource((await b.deps.catalog.harvest.listSources())[0]!.id)).find((o) => o.remoteId === `${site.url}/datasets/${made[0]!.slug}`)!;
    expect(noise.originalUrl).toBe(`${site.url}/datasets/${made[0]!.slug}`);
    expect(await b.deps.catalog.datasets.getDataset(noise.datasetId)).toMatchObject({
      title: 'Noise complaints',
      description: 'Noise complaints, described on A.',
      // The EU data theme Plaza gives a dataset without themes comes back as a keyword.
      keywords: ['noise', 'government and public sector'],
      license: 'cc-by-4.0',
      frequency: 'weekly',
      temporal: { start: '2021-01-01', end: '2023-12-31' },
      spatial: { place: 'Old Town', bbox: [2.1, 41.3, 2.2, 41.4] },
      language: ['es'],
    });
  }, 120_000);

  it('fails clearly on HTML, bad Turtle and a remote JSON-LD context, keeping what it had', async () => {
    replay.answer = () => ({ type: 'text/turtle', body: EU });
    const source = await addSource(b.deps, b.admin, { kind: 'dcat-ap', url: `${replay.url}/catalogue.ttl`, name: 'Example City', schedule_hours: null });
    const first = await runHarvest(b.deps, source.id, { trigger: 'manual' });
    expect(first.counts).toMatchObject({ created: 2, errors: 0 });
    const before = await b.deps.catalog.harvest.originsOfSource(source.id);
    for (const [answer, message] of [
      [{ type: 'text/html', body: '<!DOCTYPE html><html><body>Maintenance</body></html>' }, /did not answer RDF/],
      [{ type: 'text/turtle', body: '@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<a> a dcat:Dataset ; dct:title "x" .' }, /is not a readable Turtle document: .*dct/],
      [{ type: 'application/ld+json', body: '{"@context": "https://example.org/remote-context.jsonld", "@id": "x", "@type": "Dataset"}' }, /remote JSON-LD context https:\/\/example.org\/remote-context.jsonld/],
      [{ type: 'text/turtle', body: '<https://example.org/x> <https://example.org/p> "not a catalog" .' }, /not a DCAT catalog/],
    ] as const) {
      replay.requests.length = 0;
      replay.answer = () => answer;
      const run = await runHarvest(b.deps, source.id, { trigger: 'manual' });
      expect(run.status).toBe('failed');
      expect(run.message).toMatch(message);
      expect(replay.requests).toHaveLength(1);
      expect(await b.deps.catalog.harvest.originsOfSource(source.id)).toEqual(before);
    }
  }, 60_000);
});
