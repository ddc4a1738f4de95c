import type { SharedMigration } from './hooks.ts';

/**
 * Harvesting and the peer network (ADR 50): the other portals Plaza reads
 * (`harvest_sources`, harvested and/or listed as peers), one report per run
 * (`harvest_runs`), where each harvested dataset came from (`harvest_origins`:
 * a dataset two sources list has two origins, met by the identifier's key),
 * the local notes that are the one editable part of a harvested dataset, and
 * the origin of showcases and projects copied from a peer.
 */
export const harvest: SharedMigration = {
  async up(db, { types, serialKey }) {
    await db.schema
      .createTable('harvest_sources')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('id', types.text, (c) => c.notNull().unique())
      .addColumn('name', types.text, (c) => c.notNull())
      .addColumn('kind', types.text, (c) => c.notNull())
      .addColumn('url', types.text, (c) => c.notNull())
      .addColumn('organization_id', types.text, (c) => c.notNull().references('organizations.id'))
      .addColumn('harvest', types.flag, (c) => c.notNull().defaultTo(1))
      .addColumn('peer', types.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('schedule_hours', types.integer)
      .addColumn('next_run_at', types.instant)
      .addColumn('last_run_id', types.text)
      .addColumn('created_by', types.text)
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .addColumn('updated_at', types.instant, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('harvest_runs')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('id', types.text, (c) => c.notNull().unique())
      .addColumn('source_id', types.text, (c) => c.notNull().references('harvest_sources.id').onDelete('cascade'))
      .addColumn('job_id', types.text)
      .addColumn('trigger', types.text, (c) => c.notNull())
      .addColumn('status', types.text, (c) => c.notNull())
      .addColumn('started_at', types.instant, (c) => c.notNull())
      .addColumn('finished_at', types.instant)
      .addColumn('counts', types.json, (c) => c.notNull().defaultTo('{}'))
      .addColumn('errors', types.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('message', types.text)
      .addColumn('since', types.instant)
      .addColumn('bytes', types.count, (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('harvest_runs_source').on('harvest_runs').columns(['source_id', 'started_at']).execute();

    await db.schema
      .createTable('harvest_origins')
      .addColumn('dataset_id', types.text, (c) => c.notNull().references('datasets.id').onDelete('cascade'))
      .addColumn('source_id', types.text, (c) => c.notNull().references('harvest_sources.id').onDelete('cascade'))
      .addColumn('remote_id', types.text, (c) => c.notNull())
      .addColumn('identifier', types.text, (c) => c.notNull())
      .addColumn('identifier_key', types.text, (c) => c.notNull())
      .addColumn('original_url', types.text)
      .addColumn('remote_modified', types.text)
      .addColumn('content_hash', types.text, (c) => c.notNull())
      .addColumn('first_seen_at', types.instant, (c) => c.notNull())
      .addColumn('last_seen_at', types.instant, (c) => c.notNull())
      .addColumn('last_run_id', types.text, (c) => c.notNull())
      .addColumn('removed_at', types.instant)
      .addPrimaryKeyConstraint('harvest_origins_pk', ['source_id', 'remote_id'])
      .execute();
    await db.schema.createIndex('harvest_origins_key').on('harvest_origins').columns(['identifier_key']).execute();
    await db.schema.createIndex('harvest_origins_dataset').on('harvest_origins').columns(['dataset_id']).execute();

    await db.schema
      .createTable('harvest_notes')
      .addColumn('dataset_id', types.text, (c) => c.primaryKey().references('datasets.id').onDelete('cascade'))
      .addColumn('notes', types.text, (c) => c.notNull())
      .addColumn('updated_by', types.text)
      .addColumn('updated_at', types.instant, (c) => c.notNull())
      .execute();

    await db.schema.alterTable('showcases').addColumn('origin_url', types.text).execute();
    await db.schema.alterTable('projects').addColumn('origin_url', types.text).execute();
  },
};
