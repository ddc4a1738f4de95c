import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HARVEST_HELP } from '../../src/cli/help.ts';
import { fixture } from '../support/plaza.ts';

/** `plaza harvest`, the real built command, against a local server replaying the real DCAT-US catalogs. */

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/plaza.mjs');
const NY = JSON.parse(readFileSync(fixture('standards/dcat-us-pod-v1.1/real-catalog-data.ny.gov-data.json'), 'utf8')) as { dataset: unknown[] };
const SAMPLE = JSON.parse(readFileSync(fixture('standards/dcat-us-pod-v1.1/example-catalog-sample-extended.json'), 'utf8')) as { dataset: unknown[] };

let dir: string;
let server: Server;
let base = '';
/** What the server answers at /data.json. */
let catalog = '';

const plaza = (args: string[]) =>
  run(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, PLAZA_DATA_DIR: join(dir, 'data'), PLAZA_LOG_LEVEL: 'silent', PLAZA_ALLOW_PRIVATE_URLS: 'true', PLAZA_DEMO: 'false' }, maxBuffer: 16 << 20 });
/** The command's output and exit code, whether it succeeded or not. */
const attempt = async (args: string[]) => {
  try {
    const r = await plaza(args);
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plaza-cli-harvest-'));
  server = createServer((req, res) => {
    if (req.url === '/trees.csv') return void res.writeHead(200, { 'content-type': 'text/csv' }).end('species,height\nOak,12\nElm,9\n');
    if (req.url === '/trees.json') {
      const trees = { identifier: 'local-trees', title: 'Street trees', description: 'Trees.', distribution: [{ downloadURL: `${base}/trees.csv`, mediaType: 'text/csv' }] };
      const bins = { identifier: 'local-bins', title: 'Litter bins', description: 'Bins.', distribution: [{ accessURL: 'https://bins.example.org/viewer', format: 'HTML' }] };
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ dataset: [trees, bins] }));
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(catalog);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('plaza harvest', () => {
  let id = '';
  let firstRun = '';
  const total = NY.dataset.length + SAMPLE.dataset.length;

  it('prints its help, and says what is wrong with a command line', async () => {
    expect((await plaza(['help', 'harvest'])).stdout).toBe(HARVEST_HELP);
    expect((await plaza(['harvest'])).stdout).toBe(HARVEST_HELP);
    const noKind = await attempt(['harvest', 'add', `${base}/data.json`]);
    expect(noKind.code).toBe(2);
    expect(noKind.stderr).toContain('plaza: plaza harvest add takes --kind KIND and one URL.');
    const badKind = await attempt(['harvest', 'add', '--kind', 'gopher', `${base}/data.json`]);
    expect(badKind.code).toBe(1);
    expect(badKind.stderr).toContain('kind: is not a kind of source; use one of: ckan, dcat-us, dcat-ap, socrata, plaza');
    expect((await plaza(['harvest', 'list'])).stdout).toBe('No harvest sources or peers yet. Add one with: plaza harvest add --kind KIND URL\n');
  }, 120_000);

  it('adds a source, runs it and prints the report, then lists it with its last run', async () => {
    catalog = JSON.stringify({ ...NY, dataset: [...NY.dataset, ...SAMPLE.dataset, { identifier: 'no-title-here' }] });
    const added = await plaza(['harvest', 'add', '--kind', 'dcat-us', `${base}/data.json`, '--name', 'New York State', '--org', 'State datasets', '--manual']);
    id = /^id: (\S+)$/m.exec(added.stdout)![1]!;
    expect(added.stdout).toContain(`Added New York State (dcat-us, ${base}/data.json): harvested on demand.`);
    const first = await plaza(['harvest', 'run', id]);
    firstRun = /run (\S+): partial/.exec(first.stdout)![1]!;
    expect(first.stdout).toBe([
      `New York State (dcat-us), run ${firstRun}: partial`,
      `  created ${total}, updated 0, archived 0, unchanged 0, errors 1`,
      '  records not taken:',
      '    - no-title-here: The dataset has no "title".',
      '',
    ].join('\n'));
    const list = (await plaza(['harvest', 'list'])).stdout.split('\n');
    expect(list[0]).toMatch(/^ID +NAME +KIND +URL +ROLES +SCHEDULE +LAST RUN$/);
    expect(list[1]).toMatch(new RegExp(`^${id} +New York State +dcat-us +${base}/data.json +harvest +manual +partial \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$`));
    expect((await plaza(['harvest', 'report', firstRun])).stdout).toBe(first.stdout);
  }, 120_000);

  it('runs every source when given none; a failed run prints why, keeps what was harvested and exits with 1', async () => {
    catalog = '<html>Down for maintenance</html>';
    const failed = await attempt(['harvest', 'run']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^New York State \(dcat-us\), run \S+: failed\n {2}created 0, updated 0, archived 0, unchanged 0, errors 0\n {2}failed: http:\/\/127\.0\.0\.1:\d+\/data\.json did not answer JSON \(it began: "<html>Down for maintenance<\/html>"\)\.\n$/);
    catalog = JSON.stringify({ ...NY, dataset: [...NY.dataset, ...SAMPLE.dataset] });
    const again = await plaza(['harvest', 'run']);
    expect(again.stdout).toContain(`  created 0, updated 0, archived 0, unchanged ${total}, errors 0\n`);
  }, 120_000);

  it('loads the data of a source\'s datasets, saying which could not be loaded and why', async () => {
    const added = await plaza(['harvest', 'add', '--kind', 'dcat-us', `${base}/trees.json`, '--name', 'Local trees', '--every', '12']);
    const trees = /^id: (\S+)$/m.exec(added.stdout)![1]!;
    expect(added.stdout).toContain('harvested every 12 h.');
    await plaza(['harvest', 'run', trees]);
    const fetched = await attempt(['harvest', 'fetch', trees]);
    expect(fetched.stdout).toContain('Loading the data of 2 datasets of Local trees…\n');
    expect(fetched.stdout).toContain('  street-trees: 2 rows\n');
    expect(fetched.stdout).toContain('  not loaded: Litter bins: no CSV, GeoJSON or spreadsheet distribution to load.\n');
    expect(fetched.stdout).toContain('1 of 2 datasets loaded.\n');
    expect(fetched.code).toBe(0);
  }, 120_000);
});
