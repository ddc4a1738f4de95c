/**
 * A PostgreSQL backup needs pg_dump (and a restore pg_restore) of the
 * server's major version or newer: a missing or older tool is said plainly
 * before anything is written.
 */
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresCatalogDump, toolMajor } from '../../src/adapters/postgres/catalog-dump.ts';
import { POSTGRES_TEST_URL, postgresAvailable } from '../support/stores.ts';

const required = process.env.PLAZA_REQUIRE_SERVICES === '1';
const havePostgres = (await postgresAvailable()) || required;
if (!havePostgres) console.warn('Skipping the pg_dump version checks: PostgreSQL at 127.0.0.1:5432 does not answer (PLAZA_REQUIRE_SERVICES=1 makes this a failure).');

let dir: string;
const path = process.env.PATH;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plaza-pg-tools-'));
});
afterAll(async () => {
  process.env.PATH = path;
  await rm(dir, { recursive: true, force: true });
});

/** Runs `fn` with PATH holding only `bin`. */
async function withPath<T>(bin: string, fn: () => Promise<T>): Promise<T> {
  process.env.PATH = bin;
  try {
    return await fn();
  } finally {
    process.env.PATH = path;
  }
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a failure');
}

describe('the PostgreSQL client tools', () => {
  it('report their major version', () => {
    expect(toolMajor('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)')).toBe(15);
    expect(toolMajor('pg_restore (PostgreSQL) 17beta1')).toBe(17);
    expect(toolMajor('pg_dump (PostgreSQL) 9.6.24')).toBeLessThan(10);
    expect(toolMajor('something else')).toBeNull();
  });

  it.skipIf(!havePostgres)('when missing, are named with how to install them, and nothing is written', async () => {
    const empty = join(dir, 'empty');
    await writeFile(join(dir, 'placeholder'), '');
    const message = await withPath(empty, () => failure(new PostgresCatalogDump(POSTGRES_TEST_URL).dump(join(dir, 'catalog.pgdump'))));
    expect(message).toContain('pg_dump is not installed (or not on PATH)');
    expect(message).toContain('postgresql-client');
    expect(await readdir(dir)).toEqual(['placeholder']);
  });

  it.skipIf(!havePostgres)('when older than the server, are refused naming both versions', async () => {
    const bin = join(dir, 'old-bin');
    await (await import('node:fs/promises')).mkdir(bin);
    for (const tool of ['pg_dump', 'pg_restore']) {
      await writeFile(join(bin, tool), `#!/bin/sh\necho "${tool} (PostgreSQL) 9.6.24"\n`);
      await chmod(join(bin, tool), 0o755);
    }
    const dump = new PostgresCatalogDump(POSTGRES_TEST_URL);
    const dumping = await withPath(bin, () => failure(dump.dump(join(dir, 'catalog.pgdump'))));
    expect(dumping).toMatch(/^pg_dump is version 9\.6\.24, older than the PostgreSQL server at 127\.0\.0\.1:5432\/postgres \(version \d+\)/);
    const restoring = await withPath(bin, () => failure(dump.restore(join(dir, 'catalog.pgdump'))));
    expect(restoring).toMatch(/^pg_restore is version .* older than the PostgreSQL server/);
  });
});
