import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestHarvestedData } from '../../src/actions/harvest/harvested.ts';
import { runHarvest } from '../../src/actions/harvest/run-harvest.ts';
import { addSource } from '../../src/actions/harvest/sources.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { startReplay, type Replay } from './replay.ts';

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
  let site: Replay;
  let base = '';
  let served: ReturnType<typeof catalog>;

  beforeAll(async () => {
    t = await startTestPlaza();
    site = await startReplay();
    site.answer = (_req, url) =>
      url.pathname === '/data.json' ? { body: JSON.stringify(served) } : url.pathname === '/shelter.csv' ? { type: 'text/csv', body: SHELTER.toString('utf8') } : { status: 404, body: '' };
    base = site.url;
    served = catalog(base);
  }, 60_000);
  afterAll(async () => {
    await site.close();
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
