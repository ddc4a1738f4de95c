import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestHarvestedData } from '../../src/actions/harvest/harvested.ts';
import { runHarvest } from '../../src/actions/harvest/run-harvest.ts';
import { addSource } from '../../src/actions/harvest/sources.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

const SHELTER = readFileSync(fixture('tabular/nyc_dhs_daily_shelter_census.csv'));
const SHELTER_ROWS = SHELTER.toString('utf8').trim().split('\n').length - 1;

/** A data.json of two datasets: one whose CSV is on the server, one whose only distribution is a PDF. */
const catalog = (base: string) => ({
  dataset: [
    { identifier: 'shelter-census', title: 'DHS daily shelter census', description: 'People in shelter each day.', keyword: ['shelter'], modified: '2024-01-01', publisher: { name: 'City of New York' }, contactPoint: { fn: 'Open Data', hasEmail: 'mailto:open@example.org' }, accessLevel: 'public', distribution: [{ downloadURL: `${base}/report.pdf`, mediaType: 'application/pdf' }, { downloadURL: `${base}/shelter.csv`, mediaType: 'text/csv' }] },
    { identifier: 'annual-report', title: 'Annual report', description: 'A document.', keyword: ['report'], modified: '2024-01-01', publisher: { name: 'City of New York' }, contactPoint: { fn: 'Open Data', hasEmail: 'mailto:open@example.org' }, accessLevel: 'public', distribution: [{ downloadURL: `${base}/report.pdf`, mediaType: 'application/pdf' }] },
  ],
});

describe('loading a harvested dataset’s data', () => {
  let t: TestPlaza;
  let server: Server;
  let base = '';
  let served: ReturnType<typeof catalog>;

  beforeAll(async () => {
    t = await startTestPlaza();
    server = createServer((req, res) => {
      if (req.url === '/data.json') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(served));
      if (req.url === '/shelter.csv') return res.writeHead(200, { 'content-type': 'text/csv' }).end(SHELTER);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    served = catalog(base);
  }, 60_000);
  afterAll(async () => {
    server.close();
    await t.close();
  });

  it('loads each dataset’s CSV as a real version, names those it cannot load, and keeps the version through later runs', async () => {
    const source = await addSource(t.deps, t.admin, { kind: 'dcat-us', url: `${base}/data.json`, name: 'NYC' });
    await runHarvest(t.deps, source.id, { trigger: 'manual' });
    const job = await waitForJob(t.deps, (await requestHarvestedData(t.deps, t.admin, { source: source.id })).id);
    expect(job.status).toBe('succeeded');
    expect(job.errors.map((e) => e.message)).toEqual(['Annual report: no CSV, GeoJSON or spreadsheet distribution to load.']);
    const [queued] = (job.result as { queued: Array<{ dataset: string; job: string }> }).queued;
    expect((await waitForJob(t.deps, queued!.job)).status).toBe('succeeded');
    const dataset = await t.deps.catalog.datasets.getDataset(queued!.dataset);
    const live = await t.deps.catalog.datasets.getVersion(dataset!.liveVersionId!);
    expect(live?.rowCount).toBe(SHELTER_ROWS);

    served.dataset[0]!.title = 'DHS daily shelter census (renamed)';
    expect((await runHarvest(t.deps, source.id, { trigger: 'manual' })).counts).toMatchObject({ updated: 1, unchanged: 1 });
    const after = await t.deps.catalog.datasets.getDataset(dataset!.id);
    expect(after?.title).toBe('DHS daily shelter census (renamed)');
    expect(after?.liveVersionId).toBe(live!.id);
    expect((await t.deps.catalog.datasets.listResources(dataset!.id)).map((r) => r.kind).sort()).toEqual(['file', 'link', 'link']);
  }, 120_000);
});
