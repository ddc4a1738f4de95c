import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/actions/accounts/password.ts';
import { openSqliteCatalog } from '../../src/adapters/sqlite/catalog-store.ts';
import { fixture } from '../support/plaza.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/plaza.mjs');
const DEMO_SLUGS = (JSON.parse(readFileSync(join(ROOT, 'demo/datasets.json'), 'utf8')) as Array<{ slug: string }>).map((e) => e.slug);
let dir: string;

const plaza = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, PLAZA_DATA_DIR: join(dir, 'data'), PLAZA_LOG_LEVEL: 'silent', ...env }, maxBuffer: 64 << 20 });

const freePort = () =>
  new Promise<number>((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plaza-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the plaza command', () => {
  it('prints its help', async () => {
    const { stdout } = await plaza(['--help']);
    for (const c of ['plaza start', 'plaza serve', 'plaza load', 'plaza export', 'plaza admin create', 'plaza admin password']) expect(stdout).toContain(c);
  });

  it('gives the site administrator a new password that signs in, and says clearly when an account is unknown', async () => {
    await plaza(['admin', 'create', '--name', 'cli test']);
    const { stdout } = await plaza(['admin', 'password']);
    const password = /^New password for admin@localhost \(shown once\): (\S{20})$/m.exec(stdout)?.[1];
    expect(password).toBeDefined();
    const store = await openSqliteCatalog(join(dir, 'data', 'catalog.sqlite'));
    try {
      const user = (await store.accounts.findUserByEmail('admin@localhost'))!;
      expect(await verifyPassword(password!, user.passwordHash!)).toBe(true);
    } finally {
      await store.close();
    }
    await expect(plaza(['admin', 'password', '--email', 'nobody@example.org'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('There is no account with the email nobody@example.org') });
  });

  it('loads a real file with types and prints slug, rows, columns and seconds; a new organization only with --create-org', async () => {
    const file = fixture('tabular/boston_employee_earnings_2016.csv');
    await expect(plaza(['load', file, '--org', 'Human Resources', '--title', 'Employee earnings 2016'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('There is no organization "Human Resources", and none exists yet; a site administrator creates organizations first. Add --create-org to create "Human Resources".'),
    });
    const { stdout } = await plaza(['load', file, '--org', 'Human Resources', '--create-org', '--title', 'Employee earnings 2016', '--type', 'postal=text']);
    expect(stdout).toMatch(/^slug: employee-earnings-2016$/m);
    expect(stdout).toMatch(/^rows: 22046$/m);
    expect(stdout).toMatch(/^columns: 12$/m);
    expect(stdout).toMatch(/^rejected: 0$/m);
    expect(stdout).toMatch(/^seconds: \d+\.\d\d$/m);
  });

  it('adds a version with --slug and exports it filtered, with accents intact', async () => {
    const again = await plaza(['load', fixture('tabular/boston_employee_earnings_2016.csv'), '--org', 'Human Resources', '--title', 'x', '--slug', 'employee-earnings-2016']);
    expect(again.stdout).toMatch(/^slug: employee-earnings-2016$/m);
    const out = join(dir, 'andres.csv');
    await plaza(['export', 'employee-earnings-2016', '--format', 'csv', '--where', "name like '%Andrés%'", '--select', 'name,total_earnings,postal', '--out', out]);
    const csv = await readFile(out, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe('name,total_earnings,postal');
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((l) => l.includes('Andrés'))).toBe(true);
    const v1 = await plaza(['export', 'employee-earnings-2016', '--format', 'ndjson', '--version', '1', '--limit', '2']);
    expect(v1.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('exports without the columns Plaza derived, and with them given --derived', async () => {
    const { stdout } = await plaza(['load', fixture('tabular/nyc_dohmh_covid_totals_by_modzcta.csv'), '--org', 'Human Resources', '--title', 'COVID totals']);
    const slug = /^slug: (.+)$/m.exec(stdout)?.[1] ?? '';
    const header = async (args: string[]) => (await plaza(['export', slug, '--limit', '1', ...args])).stdout.split(/\r?\n/)[0]?.split(',') ?? [];
    const published = await header([]);
    expect(published.slice(4, 6)).toEqual(['lat', 'lon']);
    expect(published).not.toContain('location');
    expect(await header(['--derived'])).toEqual([...published, 'location']);
  });

  it('fails clearly on a bad file, a bad query and a missing dataset', async () => {
    await expect(plaza(['load', join(ROOT, 'package-lock.json.missing'), '--org', 'X', '--title', 'Y'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('There is no file') });
    await expect(plaza(['load', BIN, '--org', 'Human Resources', '--title', 'Y', '--type', 'a=currency'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('is not a column type') });
    await expect(plaza(['export', 'employee-earnings-2016', '--where', 'nme = 1'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('name') });
    await expect(plaza(['export', 'nothing-here'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('was not found') });
    await expect(plaza(['load', BIN, '--org', 'human-resource', '--title', 'Y'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('There is no organization "human-resource"; use one of: Human Resources (human-resources). Add --create-org') });
    await expect(plaza(['load'])).rejects.toMatchObject({ code: 2 });
    await expect(plaza(['frobnicate'])).rejects.toMatchObject({ code: 2 });
  });

  it('creates an admin token', async () => {
    const { stdout } = await plaza(['admin', 'create', '--name', 'ci']);
    expect(stdout.trim()).toMatch(/^plz_[A-Za-z0-9_-]{20,}$/);
  });

  it('starts the portal with the demo city once, and starts again without reloading it', async () => {
    const port = await freePort();
    const data = join(dir, 'start');
    const env = { ...process.env, PLAZA_DATA_DIR: data, PLAZA_PORT: String(port), PLAZA_LOG_LEVEL: 'warn' };
    const start = async () => {
      const child = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      for (let i = 0; i < 300 && !out.includes('Plaza is serving'); i++) await new Promise((r) => setTimeout(r, 100));
      return { child, out: () => out };
    };
    const first = await start();
    expect(first.out()).toContain(`http://127.0.0.1:${port}`);
    expect(first.out()).toMatch(/Admin API token \(shown once/);
    // The demo city's own datasets, loaded with their rows; the one harvested from its peer is described, not loaded.
    const own = (r: { slug: string }) => DEMO_SLUGS.includes(r.slug);
    let body: { total: number; results: { slug: string; rows: number | null }[] } = { total: 0, results: [] };
    for (let i = 0; i < 600; i++) {
      body = (await (await fetch(`http://127.0.0.1:${port}/api/v1/datasets?limit=50`)).json()) as typeof body;
      if (body.results.filter(own).length === DEMO_SLUGS.length && body.results.filter(own).every((r) => r.rows !== null)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(body.results.filter(own)).toHaveLength(DEMO_SLUGS.length);
    expect(body.results.filter(own).every((r) => r.rows !== null && r.rows > 0)).toBe(true);
    expect(body.total).toBe(DEMO_SLUGS.length + 1);
    // Every kind of page, as the real server renders it (not the test runner's transform).
    for (const path of ['/', '/datasets?q=food', '/datasets/emergency-food-sites', '/datasets/emergency-food-sites/table', '/datasets/daily-shelter-census/chart', '/datasets/emergency-food-sites/map', '/datasets/emergency-food-sites/api', '/organizations/public-health', '/sign-in', '/api/reference']) {
      const page = await fetch(`http://127.0.0.1:${port}${path}`);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-type'), path).toContain('text/html');
    }
    const script = /<script type="module" src="([^"]+)"/.exec(await (await fetch(`http://127.0.0.1:${port}/datasets/emergency-food-sites/table`)).text())?.[1];
    expect((await fetch(`http://127.0.0.1:${port}${script}`)).status).toBe(200);
    first.child.kill('SIGTERM');
    await new Promise((r) => first.child.once('exit', r));

    const second = await start();
    expect(second.out()).not.toContain('demo datasets');
    expect(second.out()).toContain('Sign in to the API with the admin token');
    const again = (await (await fetch(`http://127.0.0.1:${port}/api/v1/datasets`)).json()) as { total: number };
    expect(again.total).toBe(body.total);
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
  }, 120_000);
});
