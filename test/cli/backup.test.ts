/**
 * `plaza backup` and `plaza restore` as an operator runs them: a site loaded
 * with `plaza load`, backed up, checked, restored into a new data folder that
 * then exports the same rows; a tampered backup refused with exit status 1.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupManifest } from '../../src/domain/site/backup.ts';
import { fixture } from '../support/plaza.ts';

const exec = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/plaza.mjs');
let dir: string;

/** Runs `plaza …` on a data folder; resolves with its exit code and output whatever the code. */
async function plaza(data: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, PLAZA_DATA_DIR: join(dir, data), PLAZA_LOG_LEVEL: 'silent', PLAZA_DUCKDB_MEMORY: '256MB', PLAZA_DATABASE_URL: '' }, maxBuffer: 64 << 20 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plaza-cli-backup-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('plaza backup and plaza restore', () => {
  it('move a site to a new data folder that serves the same rows, and refuse a tampered backup', async () => {
    const loaded = await plaza('a', ['load', fixture('tabular/nyc_dohmh_covid_totals_by_modzcta.csv'), '--org', 'Health', '--title', 'COVID-19 by ZIP', '--slug', 'covid', '--description', 'Cases by ZIP code.', '--license', 'cc-by-4.0', '--create-org', '--publish']);
    expect(loaded.code, loaded.stderr).toBe(0);
    const backupDir = join(dir, 'backup');

    const backup = await plaza('a', ['backup', backupDir]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up the SQLite catalog \(organizations: 1, datasets: 1, versions: 1, accounts: 1, api tokens: 1, .*\) and 2 files/);
    const manifest = JSON.parse(await readFile(join(backupDir, 'manifest.json'), 'utf8')) as BackupManifest;
    expect(manifest).toMatchObject({ store: 'sqlite', plazaVersion: JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')).version, catalog: { path: 'catalog.sqlite' } });

    const check = await plaza('b', ['restore', backupDir, '--check']);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('Every file matches its SHA-256.');

    const restored = await plaza('b', ['restore', backupDir]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toContain('Restored the catalog (organizations: 1, datasets: 1');
    const exportOf = async (data: string) => (await plaza(data, ['export', 'covid', '--format', 'csv'])).stdout;
    const rows = await exportOf('a');
    expect(rows.split('\n').length).toBeGreaterThan(170);
    expect(await exportOf('b')).toBe(rows);

    // The restored site is no longer empty: restoring again is refused.
    const again = await plaza('b', ['restore', backupDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('The site is not empty: its catalog holds organizations: 1, datasets: 1');

    const parquet = manifest.blobs.find((b) => b.key.endsWith('.parquet'))!;
    const bytes = await readFile(join(backupDir, parquet.path));
    bytes.writeUInt8(bytes.readUInt8(100) ^ 0xff, 100);
    await writeFile(join(backupDir, parquet.path), bytes);
    const bad = await plaza('c', ['restore', backupDir, '--check']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`Not as backed up (size or SHA-256 differs): ${parquet.path}`);
    const refused = await plaza('c', ['restore', backupDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`does not match its manifest, so nothing was restored. Files not as backed up (size or SHA-256 differs): ${parquet.path}`);
    expect(existsSync(join(dir, 'c', 'catalog.sqlite'))).toBe(false);
  }, 180_000);

  it('say how they are used when DIR is missing', async () => {
    const r = await plaza('d', ['backup']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('usage: plaza backup DIR');
  });
});
