import type { SharedMigration } from './hooks.ts';

/**
 * The ecosystem map: actors (agencies, community organizations, tech
 * partners, universities, funders, media, individuals) and the relationships
 * between them, each with topics and a note. A relationship goes with either
 * of its actors; the same kind of relationship between the same two actors is
 * kept once.
 */
export const ecosystem: SharedMigration = {
  async up(db, { types, serialKey }) {
    await db.schema
      .createTable('eco_actors')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('id', types.text, (c) => c.notNull().unique())
      .addColumn('slug', types.text, (c) => c.notNull().unique())
      .addColumn('name', types.text, (c) => c.notNull())
      .addColumn('kind', types.text, (c) => c.notNull())
      .addColumn('topics', types.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('note', types.text, (c) => c.notNull().defaultTo(''))
      .addColumn('website', types.text, (c) => c.notNull().defaultTo(''))
      .addColumn('organization_id', types.text, (c) => c.references('organizations.id').onDelete('set null'))
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .addColumn('updated_at', types.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('eco_actors_kind').on('eco_actors').columns(['kind']).execute();

    await db.schema
      .createTable('eco_relations')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('id', types.text, (c) => c.notNull().unique())
      .addColumn('from_actor', types.text, (c) => c.notNull().references('eco_actors.id').onDelete('cascade'))
      .addColumn('to_actor', types.text, (c) => c.notNull().references('eco_actors.id').onDelete('cascade'))
      .addColumn('kind', types.text, (c) => c.notNull())
      .addColumn('topics', types.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('note', types.text, (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('eco_relations_one').on('eco_relations').columns(['from_actor', 'to_actor', 'kind']).unique().execute();
    await db.schema.createIndex('eco_relations_to').on('eco_relations').columns(['to_actor']).execute();
  },
};
