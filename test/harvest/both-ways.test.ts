import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { changeStatus } from '../../src/actions/catalog/change-status.ts';
import { addLink } from '../../src/actions/catalog/resources.ts';
import { runHarvest } from '../../src/actions/harvest/run-harvest.ts';
import { addSource } from '../../src/actions/harvest/sources.ts';
import { buildApp } from '../../src/http/app.ts';
import { freePort } from '../support/processes.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** A test Plaza served over HTTP on loopback, its links naming the address it answers at. */
async function served(): Promise<{ t: TestPlaza; app: FastifyInstance; baseUrl: string }> {
  const t = await startTestPlaza();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  Object.assign(t.deps.site, { baseUrl });
  const app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl }, { logLevel: 'silent' });
  await app.listen({ port, host: '127.0.0.1' });
  return { t, app, baseUrl };
}

describe('two portals harvesting each other’s data.json', () => {
  let a: Awaited<ReturnType<typeof served>>;
  let b: Awaited<ReturnType<typeof served>>;

  beforeAll(async () => {
    a = await served();
    b = await served();
  }, 60_000);
  afterAll(async () => {
    for (const x of [a, b]) {
      await x?.app.close();
      await x?.t.close();
    }
  });

  it('passes each dataset on with the identifier its source gave it, and never takes its own back', async () => {
    const own = await createDataset(a.t.deps, a.t.admin, { title: 'Street trees', organization: 'Parks', description: 'Every street tree.', license: 'cc-by-4.0' }, { createOrganization: true });
    await addLink(a.t.deps, a.t.admin, own.id, { kind: 'link', name: 'Tree map', url: 'https://example.org/trees' });
    await changeStatus(a.t.deps, a.t.admin, own.id, { status: 'published' });
    const bFromA = await addSource(b.t.deps, b.t.admin, { kind: 'dcat-us', url: `${a.baseUrl}/data.json`, name: 'Portal A' });
    expect((await runHarvest(b.t.deps, bFromA.id, { trigger: 'manual' })).counts).toMatchObject({ created: 1, errors: 0 });

    // B's data.json names the copy by A's identifier, in data.json, CKAN and DCAT-AP alike.
    const pageOnA = `${a.baseUrl}/datasets/${own.slug}`;
    const catalogB = (await (await fetch(`${b.baseUrl}/data.json`)).json()) as { dataset: Array<{ identifier: string; title: string }> };
    expect(catalogB.dataset.map((d) => d.identifier)).toEqual([pageOnA]);
    const ckan = (await (await fetch(`${b.baseUrl}/api/3/action/package_search`)).json()) as { result: { results: Array<{ extras: Array<{ key: string; value: string }> }> } };
    expect(ckan.result.results[0]!.extras).toContainEqual({ key: 'identifier', value: pageOnA });
    expect(await (await fetch(`${b.baseUrl}/catalog.ttl`)).text()).toContain(`"${pageOnA}"`);

    const aFromB = await addSource(a.t.deps, a.t.admin, { kind: 'dcat-us', url: `${b.baseUrl}/data.json`, name: 'Portal B' });
    const back = await runHarvest(a.t.deps, aFromB.id, { trigger: 'manual' });
    // Skipped: not created, not counted, not an origin.
    expect(back.counts).toMatchObject({ created: 0, updated: 0, unchanged: 0, errors: 0 });
    expect((await a.t.deps.catalog.datasets.listDatasets({ limit: 10, offset: 0 })).total).toBe(1);
    expect(await a.t.deps.catalog.harvest.originsOfSource(aFromB.id)).toEqual([]);
  }, 60_000);
});
