import type { Kysely, Migration } from 'kysely';
import { createSharedTables } from '../sql/ddl.ts';
import type { SchemaHooks } from '../sql/migrations/hooks.ts';
import { catalogMigrations } from '../sql/migrations/index.ts';
import { reindexCommunitySearch, reindexSearch } from '../sql/migrations/reindex-search.ts';
import { postgresCommunitySearch, postgresCommunitySearchIndex } from './community-search.ts';
import { postgresSearch } from './search.ts';
import { postgresSearchMigration } from './search-schema.ts';

/**
 * The PostgreSQL catalog's own migrations, from before the shared list:
 * closed. Catalogs in use have run them, so none changes and none is added;
 * a new migration goes in `src/adapters/sql/migrations/` (ADR 16).
 *
 * After the last one the schema is the one SQLite reaches after its own: the
 * same tables, columns, defaults and indexes, with instants and JSON as text
 * and flags as 0/1 integers (test/upgrade/one-schema.test.ts compares them).
 * The names differ because PostgreSQL came later with no history to replay:
 * its 0001 creates at once what SQLite's 0001 and 0002 built in two steps, so
 * SQLite's 0003 search and 0004 site settings are 0002 and 0003 here. Counts that may pass 2^31 (file sizes, row counts,
 * popularity) are `bigint` here, because SQLite's INTEGER is 64-bit; the
 * connection reads them back as numbers.
 */
export const legacyMigrations: Record<string, Migration> = {
  '0001_catalog': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('organizations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('datasets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('slug', 'text', (c) => c.notNull().unique())
        .addColumn('organization_id', 'text', (c) => c.notNull().references('organizations.id'))
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('themes', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('publisher', 'text')
        .addColumn('contact_point', 'text')
        .addColumn('license', 'text')
        .addColumn('frequency', 'text')
        .addColumn('temporal', 'text')
        .addColumn('spatial', 'text')
        .addColumn('issued', 'text')
        .addColumn('language', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('access_level', 'text', (c) => c.notNull().defaultTo('public'))
        .addColumn('suggested_uses', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('known_limitations', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('status', 'text', (c) => c.notNull().defaultTo('published'))
        .addColumn('live_version_id', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('data_updated_at', 'text')
        .addColumn('published_at', 'text')
        .addColumn('next_due_at', 'text')
        .addColumn('popularity', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('datasets_org').on('datasets').column('organization_id').execute();
      await db.schema.createIndex('datasets_status').on('datasets').columns(['status', 'access_level']).execute();
      await db.schema.createIndex('datasets_due').on('datasets').column('next_due_at').execute();
      await db.schema
        .createTable('resources')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('source_url', 'text')
        .addColumn('blob_key', 'text')
        .addColumn('size_bytes', 'bigint')
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
        .addColumn('row_count', 'bigint')
        .addColumn('rejected_count', 'bigint', (c) => c.notNull().defaultTo(0))
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
        .addColumn('seq', 'integer', (c) => c.generatedByDefaultAsIdentity().primaryKey())
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('phase', 'text', (c) => c.notNull())
        .addColumn('rows_read', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('rows_rejected', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('errors', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('payload', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('result', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .execute();
      await db.schema.createIndex('jobs_status').on('jobs').columns(['status', 'seq']).execute();
      await createSharedTables(db, (c) => c.generatedByDefaultAsIdentity().primaryKey());
    },
  },
  '0002_search': postgresSearchMigration,
  '0003_site_settings': {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('site_settings').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
    },
  },
};

/** How the shared migrations write what PostgreSQL does its own way. */
export const postgresSchemaHooks: SchemaHooks = {
  types: { text: 'text', json: 'text', instant: 'text', flag: 'integer', integer: 'integer', count: 'bigint' },
  serialKey: (c) => c.generatedByDefaultAsIdentity().primaryKey(),
  reindexSearch: (db) => reindexSearch(db, postgresSearch),
  communitySearchIndex: postgresCommunitySearchIndex,
  reindexCommunitySearch: (db) => reindexCommunitySearch(db, postgresCommunitySearch),
  stemmedSearchText: async () => {},
};

/** Every migration of the PostgreSQL catalog, applied in name order: the legacy list, then the shared one. */
export const migrations: Record<string, Migration> = catalogMigrations(legacyMigrations, postgresSchemaHooks);
