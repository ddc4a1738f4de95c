import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describePostgresUrl, openPostgresCatalog } from '../../src/adapters/postgres/catalog-store.ts';
import { openSqliteCatalog } from '../../src/adapters/sqlite/catalog-store.ts';
import type { CatalogStore } from '../../src/ports/catalog-store.ts';

export type StoreName = 'sqlite' | 'postgres';

/** A catalog store on a database of its own; `drop` closes it and deletes the database. */
export interface OpenedStore {
  store: CatalogStore;
  drop(): Promise<void>;
}

export interface StoreKind {
  name: StoreName;
  open(): Promise<OpenedStore>;
}

/** The PostgreSQL server the tests use: its maintenance database, where test databases are created and dropped. */
export const POSTGRES_TEST_URL = process.env.PLAZA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs one statement on the maintenance database (creating and dropping test databases). */
export async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The same URL with another database name. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export const STORES: StoreKind[] = [
  {
    name: 'sqlite',
    async open() {
      const dir = await mkdtemp(join(tmpdir(), 'plaza-store-'));
      const store = await openSqliteCatalog(join(dir, 'catalog.sqlite'));
      return {
        store,
        async drop() {
          await store.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgres',
    async open() {
      const name = `plaza_test_${randomBytes(6).toString('hex')}`;
      await onServer(`CREATE DATABASE ${name}`);
      let store: CatalogStore;
      try {
        store = await openPostgresCatalog(withDatabase(POSTGRES_TEST_URL, name));
      } catch (err) {
        await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        throw err;
      }
      return {
        store,
        async drop() {
          await store.close();
          await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        },
      };
    },
  },
];

/** Why the test server cannot be used, or null when it answers. */
async function postgresProblem(): Promise<string | null> {
  try {
    await onServer('SELECT 1');
    return null;
  } catch (err) {
    const e = err as { code?: string; message?: string; errors?: Array<{ message?: string }> };
    return e.message || e.errors?.[0]?.message || e.code || String(err);
  }
}

/** Whether the test PostgreSQL server answers. */
export async function postgresAvailable(): Promise<boolean> {
  return (await postgresProblem()) === null;
}

export interface StoreSuite extends StoreKind {
  /** True when this store's tests are to be skipped (its server is down and not required). */
  skip: boolean;
}

/** What has been said to be skipped, once each (files share this module in a worker). */
const warned = new Set<string>();

/**
 * The stores a contract suite runs on. When the PostgreSQL server does not
 * answer, its suite is skipped with a warning; with PLAZA_REQUIRE_SERVICES=1
 * (as in CI) it runs anyway, and every one of its tests fails saying why.
 * `skipped` names what the warning says is skipped.
 */
export async function storeSuites(skipped = 'the PostgreSQL catalog store contract tests'): Promise<StoreSuite[]> {
  const problem = await postgresProblem();
  const where = describePostgresUrl(POSTGRES_TEST_URL);
  return STORES.map((kind): StoreSuite => {
    if (kind.name !== 'postgres' || problem === null) return { ...kind, skip: false };
    if (process.env.PLAZA_REQUIRE_SERVICES === '1') {
      const message = `PostgreSQL at ${where} is required (PLAZA_REQUIRE_SERVICES=1) but does not answer: ${problem}. Start it, or set PLAZA_TEST_POSTGRES_URL.`;
      return { ...kind, skip: false, open: () => Promise.reject(new Error(message)) };
    }
    if (!warned.has(skipped)) {
      warned.add(skipped);
      console.warn(`Skipping ${skipped}: PostgreSQL at ${where} does not answer (${problem}). Start it or set PLAZA_TEST_POSTGRES_URL to run them; PLAZA_REQUIRE_SERVICES=1 makes this a failure.`);
    }
    return { ...kind, skip: true };
  });
}
