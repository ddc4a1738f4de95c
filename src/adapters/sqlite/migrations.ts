import { sql, type Kysely, type Migration } from 'kysely';
import { createSharedTables } from '../sql/ddl.ts';
import type { SchemaHooks } from '../sql/migrations/hooks.ts';
import { catalogMigrations } from '../sql/migrations/index.ts';
import { reindexCommunitySearch, reindexSearch } from '../sql/migrations/reindex-search.ts';
import { sqliteCommunitySearch, sqliteCommunitySearchIndex } from './community-search.ts';
import { sqliteSearch } from './search.ts';
import { sqliteSearchMigration, sqliteStemmedSearchText } from './search-schema.ts';

/**
 * The SQLite catalog's own migrations, from before the shared list: closed.
 * Catalogs in use have run them, so none changes and none is added; a new
 * migration goes in `src/adapters/sql/migrations/` (ADR 16).
 */
export const legacyMigrations: Record<string, Migration> = {
  '0001_catalog': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('organizations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('datasets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('live_version_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('datasets_org').on('datasets').column('organization_id').execute();
      await db.schema
        .createTable('resources')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('source_url', 'text')
        .addColumn('blob_key', 'text')
        .addColumn('size_bytes', 'integer')
        .addColumn('format', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('resources_dataset').on('resources').column('dataset_id').execute();
      await db.schema
        .createTable('versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id'))
        .addColumn('number', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text', (c) => c.references('resources.id'))
        .addColumn('row_count', 'integer')
        .addColumn('rejected_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('columns', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('profile', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('source', 'text')
        .addColumn('warnings', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('data_key', 'text')
        .addColumn('rejects_key', 'text')
        .addColumn('error', 'text')
        .addColumn('type_overrides', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('completed_at', 'text')
        .addUniqueConstraint('versions_dataset_number', ['dataset_id', 'number'])
        .execute();
      await db.schema
        .createTable('jobs')
        .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('rows_rejected', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('errors', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('result', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema.createIndex('jobs_status').on('jobs').columns(['status', 'seq']).execute();
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await sql`SELECT 1`.execute(db);
    },
  },
  '0002_accounts_metadata_activity': {
    async up(db: Kysely<unknown>) {
      const add = (table: string, column: string, type: 'text' | 'integer', dflt?: string | number) =>
        db.schema.alterTable(table).addColumn(column, type, (c) => (dflt === undefined ? c : c.notNull().defaultTo(dflt))).execute();
      await add('organizations', 'description', 'text', '');
      for (const [col, dflt] of [['keywords', '[]'], ['themes', '[]'], ['language', '[]'], ['access_level', 'public'], ['suggested_uses', ''], ['known_limitations', '']] as const) {
        await add('datasets', col, 'text', dflt);
      }
      for (const col of ['publisher', 'contact_point', 'license', 'frequency', 'temporal', 'spatial', 'issued', 'created_by', 'data_updated_at', 'published_at', 'next_due_at']) {
        await add('datasets', col, 'text');
      }
      // Datasets from before the publishing workflow were public as soon as they loaded.
      await add('datasets', 'status', 'text', 'published');
      await add('datasets', 'popularity', 'integer', 0);
      await sql`UPDATE datasets SET published_at = created_at, data_updated_at = updated_at WHERE live_version_id IS NOT NULL`.execute(db);
      await db.schema.createIndex('datasets_status').on('datasets').columns(['status', 'access_level']).execute();
      await db.schema.createIndex('datasets_due').on('datasets').column('next_due_at').execute();
      await add('resources', 'description', 'text', '');
      await sql`UPDATE resources SET kind = 'file' WHERE kind = 'url'`.execute(db);
      // API tokens now belong to people; tokens made before accounts existed pass to one site administrator.
      await db.schema.alterTable('api_tokens').renameTo('api_tokens_v1').execute();
      await createSharedTables(db, (c) => c.primaryKey().autoIncrement());
      const old = await sql<{ n: number; at: string | null }>`SELECT count(*) AS n, min(created_at) AS at FROM api_tokens_v1`.execute(db);
      const first = old.rows[0];
      if (first && Number(first.n) > 0) {
        await sql`INSERT INTO users (id, email, name, password_hash, is_site_admin, created_at) VALUES ('site-admin', 'admin@localhost', 'Site administrator', NULL, 1, ${first.at})`.execute(db);
        await sql`INSERT INTO api_tokens (id, user_id, name, token_hash, scopes, created_at) SELECT id, 'site-admin', name, token_hash, '["read","write","admin"]', created_at FROM api_tokens_v1`.execute(db);
      }
      await db.schema.dropTable('api_tokens_v1').execute();
    },
  },
  '0003_search': sqliteSearchMigration,
  '0004_site_settings': {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('site_settings').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
    },
  },
};

/** How the shared migrations write what SQLite does its own way. */
export const sqliteSchemaHooks: SchemaHooks = {
  types: { text: 'text', json: 'text', instant: 'text', flag: 'integer', integer: 'integer', count: 'integer' },
  serialKey: (c) => c.primaryKey().autoIncrement(),
  reindexSearch: (db) => reindexSearch(db, sqliteSearch),
  communitySearchIndex: sqliteCommunitySearchIndex,
  reindexCommunitySearch: (db) => reindexCommunitySearch(db, sqliteCommunitySearch),
  stemmedSearchText: sqliteStemmedSearchText,
};

/** Every migration of the SQLite catalog, applied in name order: the legacy list, then the shared one. */
export const migrations: Record<string, Migration> = catalogMigrations(legacyMigrations, sqliteSchemaHooks);
