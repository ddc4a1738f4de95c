import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHarvest } from '../../src/actions/harvest/run-harvest.ts';
import { addSource } from '../../src/actions/harvest/sources.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { startReplay, type Replay } from './replay.ts';

const NY = JSON.parse(readFileSync(fixture('standards/dcat-us-pod-v1.1/real-catalog-data.ny.gov-data.json'), 'utf8')) as { dataset: Record<string, unknown>[] };
const SAMPLE = JSON.parse(readFileSync(fixture('standards/dcat-us-pod-v1.1/example-catalog-sample-extended.json'), 'utf8')) as { dataset: Record<string, unknown>[] };

describe('harvesting a DCAT-US data.json', () => {
  let t: TestPlaza;
  let site: Replay;
  let url = '';

  beforeAll(async () => {
    t = await startTestPlaza();
    site = await startReplay();
    url = `${site.url}/data.json`;
  }, 60_000);
  afterAll(async () => {
    await site.close();
    await t.close();
  });

  it('creates, leaves alone, updates, archives, and keeps what it had when the source fails', async () => {
    const catalog = { ...NY, dataset: [...NY.dataset, ...SAMPLE.dataset] };
    site.answer = () => ({ status: 200, body: JSON.stringify(catalog) });
    const source = await addSource(t.deps, t.admin, { kind: 'dcat-us', url, name: 'New York State' });
    const first = await runHarvest(t.deps, source.id, { trigger: 'manual' });
    expect(first.status).toBe('succeeded');
    expect(first.counts).toMatchObject({ created: catalog.dataset.length, updated: 0, archived: 0, errors: 0 });
    const origins = await t.deps.catalog.harvest.originsOfSource(source.id);
    const sonyma = origins.find((o) => o.remoteId === 'https://data.ny.gov/api/views/22ew-dxez');
    expect(sonyma?.originalUrl).toBe('https://data.ny.gov/d/22ew-dxez');
    const ds = await t.deps.catalog.datasets.getDataset(sonyma!.datasetId);
    expect(ds).toMatchObject({ status: 'published', title: NY.dataset[0]!.title, publisher: 'State of New York', issued: '2016-07-21' });
    expect((await t.deps.catalog.datasets.listResources(ds!.id)).map((r) => r.format)).toContain('csv');

    const second = await runHarvest(t.deps, source.id, { trigger: 'manual' });
    expect(second.counts).toMatchObject({ created: 0, updated: 0, unchanged: catalog.dataset.length });
    expect(second.since).toBe(first.startedAt);

    catalog.dataset[0] = { ...catalog.dataset[0], title: 'SONYMA Loans Purchased (renamed)' };
    const dropped = catalog.dataset.pop()!;
    const third = await runHarvest(t.deps, source.id, { trigger: 'manual' });
    expect(third.counts).toMatchObject({ created: 0, updated: 1, archived: 1 });
    expect((await t.deps.catalog.datasets.getDataset(ds!.id))?.title).toBe('SONYMA Loans Purchased (renamed)');
    const gone = (await t.deps.catalog.harvest.originsOfSource(source.id)).find((o) => o.remoteId === dropped.identifier);
    expect((await t.deps.catalog.datasets.getDataset(gone!.datasetId))?.status).toBe('archived');

    site.answer = () => ({ status: 200, body: '<html>maintenance</html>' });
    const garbage = await runHarvest(t.deps, source.id, { trigger: 'manual' });
    expect(garbage.status).toBe('failed');
    expect(garbage.message).toMatch(/did not answer JSON/);
    expect((await t.deps.catalog.datasets.getDataset(ds!.id))?.status).toBe('published');

    site.answer = () => ({ status: 404, body: 'gone' });
    const missing = await runHarvest(t.deps, source.id, { trigger: 'manual' });
    expect(missing.message).toMatch(/answered 404/);
    expect((await t.deps.catalog.harvest.originsOfSource(source.id)).filter((o) => !o.removedAt)).toHaveLength(catalog.dataset.length);
  }, 60_000);
});
