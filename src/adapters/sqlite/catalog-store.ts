import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { Job } from '../../domain/catalog/types.ts';
import type { Db, SqlDialect } from '../sql/dialect.ts';
import { toJob } from '../sql/rows.ts';
import { claimedBy, dueJob } from '../sql/job-claim.ts';
import type { JobClaim } from '../../ports/store/jobs.ts';
import type { CatalogDb } from '../sql/schema.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import { sqlCatalogStore } from '../sql/store.ts';
import { migrations } from './migrations.ts';
import { sqliteCommunitySearch } from './community-search.ts';
import { sqliteSearch } from './search.ts';

async function claimJob(db: Db, claim: JobClaim): Promise<Job | undefined> {
  const r = await db
    .updateTable('jobs')
    .set(claimedBy(claim))
    .where('seq', '=', (e) => e.selectFrom('jobs').select('seq').where(dueJob(claim)).orderBy('seq').limit(1))
    .where(dueJob(claim))
    .returningAll()
    .executeTakeFirst();
  return r && toJob(r);
}

export const sqliteDialect: SqlDialect = { name: 'sqlite', claimJob, search: sqliteSearch, communitySearch: sqliteCommunitySearch };

/** Opens (creating if needed) the catalog on an embedded SQLite file (WAL) and brings its schema up to date. */
export async function openSqliteCatalog(path: string): Promise<CatalogStore> {
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<CatalogDb>({ dialect: new SqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return sqlCatalogStore(db, sqliteDialect, () => db.destroy());
}
