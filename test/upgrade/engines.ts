import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from 'kysely';
import pg from 'pg';
import { describePostgresUrl, openPostgresCatalog } from '../../src/adapters/postgres/catalog-store.ts';
import { legacyMigrations as postgresLegacy, migrations as postgresMigrations, postgresSchemaHooks } from '../../src/adapters/postgres/migrations.ts';
import type { SchemaHooks } from '../../src/adapters/sql/migrations/hooks.ts';
import { openSqliteCatalog } from '../../src/adapters/sqlite/catalog-store.ts';
import { legacyMigrations as sqliteLegacy, migrations as sqliteMigrations, sqliteSchemaHooks } from '../../src/adapters/sqlite/migrations.ts';
import type { CatalogStore } from '../../src/ports/catalog-store.ts';
import { POSTGRES_TEST_URL, type StoreName } from '../support/stores.ts';
import { postgresShape, sqliteShape, type SchemaShape } from './schema-shape.ts';

/** An empty database of one engine, of this test's own, deleted by `drop`. */
export interface EmptyDatabase {
  /** Runs these migrations on it, as Kysely's Migrator does when a catalog opens. */
  migrate(migrations: Record<string, Migration>): Promise<void>;
  /** Runs statements on it through a Kysely handle of its own, closed afterwards. */
  use<T>(work: (db: Kysely<unknown>) => Promise<T>): Promise<T>;
  /** Opens it as Plaza does (which brings its schema up to date). */
  open(): Promise<CatalogStore>;
  shape(): Promise<SchemaShape>;
  drop(): Promise<void>;
}

export interface Engine {
  name: StoreName;
  legacy: Record<string, Migration>;
  migrations: Record<string, Migration>;
  hooks: SchemaHooks;
  empty(): Promise<EmptyDatabase>;
}

async function migrateWith(db: Kysely<unknown>, migrations: Record<string, Migration>): Promise<void> {
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

export const SQLITE: Engine = {
  name: 'sqlite',
  legacy: sqliteLegacy,
  migrations: sqliteMigrations,
  hooks: sqliteSchemaHooks,
  async empty() {
    const dir = await mkdtemp(join(tmpdir(), 'plaza-schema-'));
    const file = join(dir, 'catalog.sqlite');
    const use = async <T>(work: (db: Kysely<unknown>) => Promise<T>): Promise<T> => {
      const database = new Database(file);
      database.pragma('foreign_keys = ON');
      const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database }) });
      try {
        return await work(db);
      } finally {
        await db.destroy();
      }
    };
    return {
      migrate: (migrations) => use((db) => migrateWith(db, migrations)),
      use,
      open: () => openSqliteCatalog(file),
      shape: () => use(sqliteShape),
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  },
};

/** Runs one statement on the test server's maintenance database. */
async function onServer(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_TEST_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
  } catch (err) {
    throw new Error(`PostgreSQL at ${describePostgresUrl(POSTGRES_TEST_URL)} does not answer: ${(err as Error).message}`, { cause: err });
  }
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export const POSTGRES: Engine = {
  name: 'postgres',
  legacy: postgresLegacy,
  migrations: postgresMigrations,
  hooks: postgresSchemaHooks,
  async empty() {
    const name = `plaza_test_${randomBytes(6).toString('hex')}`;
    await onServer(`CREATE DATABASE ${name}`);
    const u = new URL(POSTGRES_TEST_URL);
    u.pathname = `/${name}`;
    const url = u.toString();
    const use = async <T>(work: (db: Kysely<unknown>) => Promise<T>): Promise<T> => {
      const db = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
      try {
        return await work(db);
      } finally {
        await db.destroy();
      }
    };
    return {
      migrate: (migrations) => use((db) => migrateWith(db, migrations)),
      use,
      open: () => openPostgresCatalog(url),
      shape: () => use(postgresShape),
      drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  },
};
