import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openPostgresCatalog } from '../../src/adapters/postgres/catalog-store.ts';
import { openSqliteCatalog } from '../../src/adapters/sqlite/catalog-store.ts';
import type { CatalogStore } from '../../src/ports/catalog-store.ts';
import { POSTGRES_TEST_URL } from '../support/stores.ts';

/**
 * The events the program counts, on both databases. Events have no store
 * area of their own here, so the rows are written beside the store, through
 * a connection of the test's own.
 */

type Opened = { store: CatalogStore; insert(rows: Array<[string, string, string]>): Promise<void>; drop(): Promise<void> };

const SQL = "INSERT INTO events (id, slug, title, starts_at, ends_at, state, created_by, created_at, updated_at) VALUES ($1, $1, 'E', $2, $2, $3, 'u', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')";

async function sqlite(): Promise<Opened> {
  const dir = await mkdtemp(join(tmpdir(), 'plaza-events-'));
  const file = join(dir, 'catalog.sqlite');
  const store = await openSqliteCatalog(file);
  return {
    store,
    async insert(rows) {
      const db = new Database(file);
      const add = db.prepare("INSERT INTO events (id, slug, title, starts_at, ends_at, state, created_by, created_at, updated_at) VALUES (?, ?, 'E', ?, ?, ?, 'u', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')");
      for (const [id, at, state] of rows) add.run(id, id, at, at, state);
      db.close();
    },
    async drop() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function postgres(): Promise<Opened> {
  const name = `plaza_test_${randomBytes(6).toString('hex')}`;
  const onServer = async (statement: string) => {
    const c = new pg.Client({ connectionString: POSTGRES_TEST_URL });
    await c.connect();
    await c.query(statement).finally(() => c.end());
  };
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_TEST_URL);
  url.pathname = `/${name}`;
  const store = await openPostgresCatalog(url.toString());
  return {
    store,
    async insert(rows) {
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      for (const r of rows) await c.query(SQL, r);
      await c.end();
    },
    async drop() {
      await store.close();
      await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

describe.each([['sqlite', sqlite], ['postgres', postgres]] as const)('%s', (_name, open) => {
  it('lists the starts of events not cancelled in a period, in order', async () => {
    const o = await open();
    try {
      await o.insert([
        ['e1', '2026-03-04T18:00:00.000Z', 'scheduled'],
        ['e2', '2026-03-05T18:00:00.000Z', 'cancelled'],
        ['e3', '2026-03-02T09:00:00.000Z', 'scheduled'],
        ['e4', '2026-04-01T00:00:00.000Z', 'scheduled'],
      ]);
      expect(await o.store.program.listEventStarts('2026-03-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z')).toEqual(['2026-03-02T09:00:00.000Z', '2026-03-04T18:00:00.000Z']);
    } finally {
      await o.drop();
    }
  });
});
