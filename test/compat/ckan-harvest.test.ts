import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { ckan, ckanCatalog, type CkanCatalog } from './ckan-catalog.ts';

/**
 * A CKAN harvester's walk (ckanext-harvest's CKANHarvester, `_search_for_datasets`):
 * package_search sorted by `id asc`, `rows` at a time, `start` moving on until
 * a page comes back empty, its filter terms wrapped in brackets; an incremental
 * harvest asks for `metadata_modified:[<last run>Z TO *]`.
 */

let c: CkanCatalog;

beforeAll(async () => {
  c = await ckanCatalog(24);
}, 60_000);
afterAll(async () => c?.close());

/** Every dataset the harvester would gather, refusing the same page twice as it does. */
async function harvest(fqTerms: string[], rows = 10): Promise<{ id: string; name: string }[]> {
  const params: Record<string, string> = { rows: String(rows), start: '0', sort: 'id asc', ...(fqTerms.length ? { fq: `(${fqTerms.join(' OR ')})` } : {}) };
  const found: { id: string; name: string }[] = [];
  let previous = '';
  for (let pages = 0; pages < 50; pages++) {
    const res = await c.app.inject({ url: `/api/3/action/package_search?${new URLSearchParams(params).toString()}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toBe(previous);
    previous = res.body;
    const page = (res.json() as { result: { results: { id: string; name: string }[] } }).result.results;
    if (page.length === 0) return found;
    found.push(...page);
    params.start = String(Number(params.start) + rows);
  }
  throw new Error('The paging did not end.');
}

describe('the CKAN harvester', () => {
  it('gathers every public dataset exactly once, and nothing else', async () => {
    const found = await harvest([]);
    expect(found.length).toBe(c.publicSlugs.length);
    expect(new Set(found.map((d) => d.id)).size).toBe(found.length);
    expect(found.map((d) => d.name).sort()).toEqual([...c.publicSlugs].sort());
  });

  it('gathers only what changed since its last run on an incremental harvest', async () => {
    const all = await harvest([]);
    // The last run ended after every dataset was written (however long the setup took).
    await new Promise((r) => setTimeout(r, 20));
    const lastRun = new Date();
    await new Promise((r) => setTimeout(r, 1100));
    const since = new Date();
    await updateDataset(c.t.deps, c.t.admin, 'park-benches', { description: 'Benches, counted again.' });
    // As the harvester writes it: Python's isoformat() (microseconds, no zone) and a Z.
    const iso = (d: Date) => `${d.toISOString().slice(0, 23)}000`;
    const changed = await harvest([`metadata_modified:[${iso(since)}Z TO *]`]);
    expect(changed.map((d) => d.name)).toEqual(['park-benches']);
    expect((await harvest([`metadata_modified:[${iso(lastRun)}Z TO *]`])).map((d) => d.name)).toEqual(['park-benches']);
    expect((await harvest(['metadata_modified:[* TO *]'])).length).toBe(all.length);
    // metadata_modified as the API wrote it reads back in a range.
    const shown = (await ckan(c.app, 'package_show', { id: 'park-benches' })).body.result.metadata_modified;
    expect((await harvest([`metadata_modified:[${shown}Z TO ${shown}Z]`])).map((d) => d.name)).toEqual(['park-benches']);
  });

  it('follows organization filters as the harvester writes them', async () => {
    const included = await harvest(['organization:transport-office']);
    expect(included.length).toBe(c.publicSlugs.length - (await harvest(['-organization:transport-office'])).length);
    expect(included.length).toBeGreaterThan(5);
  });
});

/**
 * The same walk from Python with `requests`, as CKAN scripts are written
 * (ckanapi itself is not installed here): paging to the end over HTTP, a
 * POSTed JSON body, and CKAN's error for an unknown action.
 */
const PYTHON_CLIENT = `
import json, sys, requests
base = sys.argv[1] + '/api/3/action/'
names, start = [], 0
while True:
    r = requests.get(base + 'package_search', params={'rows': 7, 'start': start, 'sort': 'id asc'})
    r.raise_for_status()
    page = r.json()['result']['results']
    if not page:
        break
    names += [p['name'] for p in page]
    start += 7
posted = requests.post(base + 'package_show', json={'id': 'street-trees'}).json()['result']['name']
bad = requests.get(base + 'no_such_action')
print(json.dumps({'names': names, 'posted': posted, 'bad': [bad.status_code, bad.json()]}))
`;

const hasRequests = await promisify(execFile)('python3', ['-c', 'import requests'])
  .then(() => true)
  .catch(() => false);

describe.skipIf(!hasRequests)('a Python client (requests)', () => {
  it('pages through every public dataset, posts JSON and reads a bad request', async () => {
    await c.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = c.app.server.address() as AddressInfo;
    const { stdout } = await promisify(execFile)('python3', ['-c', PYTHON_CLIENT, `http://127.0.0.1:${port}`], { timeout: 20_000 });
    const out = JSON.parse(stdout) as { names: string[]; posted: string; bad: [number, string] };
    expect([...out.names].sort()).toEqual([...c.publicSlugs].sort());
    expect(out.posted).toBe('street-trees');
    expect(out.bad).toEqual([400, 'Bad request - Action name not known: no_such_action']);
  });
});
