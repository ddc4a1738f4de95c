import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { CatalogCensus, CatalogDump } from '../../ports/catalog-dump.ts';
import { census, CENSUS_TABLES } from '../sql/census.ts';

/** Counts what the SQLite file at `file` holds, read only. */
async function censusOfFile(file: string): Promise<CatalogCensus> {
  const db = new Kysely<object>({ dialect: new SqliteDialect({ database: new Database(file, { readonly: true, fileMustExist: true }) }) });
  try {
    return await census(db);
  } finally {
    await db.destroy();
  }
}

/**
 * The SQLite catalog file as a dump: SQLite's online backup, page by page
 * from a connection of its own while other connections (this process's or
 * another's) keep reading and writing.
 */
export class SqliteCatalogDump implements CatalogDump {
  readonly kind = 'sqlite' as const;
  readonly fileName = 'catalog.sqlite';

  constructor(private readonly path: string) {}

  async census(): Promise<CatalogCensus> {
    if (!existsSync(this.path)) return Object.fromEntries(CENSUS_TABLES.map(([name]) => [name, 0]));
    return censusOfFile(this.path);
  }

  async dump(toFile: string): Promise<CatalogCensus> {
    const source = new Database(this.path, { fileMustExist: true });
    try {
      source.pragma('busy_timeout = 5000');
      await source.backup(toFile);
    } finally {
      source.close();
    }
    // The copy is one self-contained file: no write-ahead log beside it.
    const copy = new Database(toFile, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    return censusOfFile(toFile);
  }

  async restore(fromFile: string): Promise<void> {
    const part = `${this.path}.restoring`;
    await mkdir(dirname(this.path), { recursive: true });
    await copyFile(fromFile, part);
    try {
      const check = new Database(part, { fileMustExist: true });
      try {
        const result = check.pragma('quick_check', { simple: true });
        if (result !== 'ok') throw new Error(`The catalog in the backup is damaged (SQLite's check says: ${String(result)}).`);
      } finally {
        check.close();
      }
      // The empty catalog's log files would otherwise be replayed over the restored one.
      await rm(`${this.path}-wal`, { force: true });
      await rm(`${this.path}-shm`, { force: true });
      await rename(part, this.path);
    } catch (e) {
      await rm(part, { force: true });
      throw e;
    }
  }
}
