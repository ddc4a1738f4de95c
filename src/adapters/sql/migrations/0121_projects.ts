import { sql } from 'kysely';
import type { SharedMigration } from './hooks.ts';

/**
 * Co-design projects: a project starts from a problem statement with its
 * partners (ecosystem actors) and datasets, copies its phases from a template
 * (kept as JSON on the project, so editing a template never changes a
 * project), and keeps an adoption constraints checklist, milestones, updates
 * and, once launched, what launched. The default template, "Co-design
 * sprint", is seeded here.
 */
export const projects: SharedMigration = {
  async up(db, { types, serialKey }) {
    await db.schema
      .createTable('project_templates')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('id', types.text, (c) => c.notNull().unique())
      .addColumn('name', types.text, (c) => c.notNull())
      .addColumn('phases', types.json, (c) => c.notNull())
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .addColumn('updated_at', types.instant, (c) => c.notNull())
      .execute();
    const now = new Date().toISOString();
    const phases = [
      { key: 'research', name: 'Research', weeks: 4 },
      { key: 'co-design', name: 'Co-design', weeks: 4 },
      { key: 'build', name: 'Build', weeks: 6 },
      { key: 'launch', name: 'Launch', weeks: 2 },
    ];
    await sql`insert into project_templates (id, name, phases, created_at, updated_at) values ('co-design-sprint', 'Co-design sprint', ${JSON.stringify(phases)}, ${now}, ${now})`.execute(db);

    await db.schema
      .createTable('projects')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('id', types.text, (c) => c.notNull().unique())
      .addColumn('slug', types.text, (c) => c.notNull().unique())
      .addColumn('title', types.text, (c) => c.notNull())
      .addColumn('summary', types.text, (c) => c.notNull())
      .addColumn('statement_id', types.text, (c) => c.notNull().references('problem_statements.id'))
      .addColumn('start_date', types.text, (c) => c.notNull())
      .addColumn('template_id', types.text, (c) => c.notNull())
      .addColumn('phases', types.json, (c) => c.notNull())
      .addColumn('current_phase', types.text, (c) => c.notNull())
      .addColumn('launch', types.json)
      .addColumn('created_by', types.text, (c) => c.notNull())
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .addColumn('updated_at', types.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('projects_statement').on('projects').columns(['statement_id']).execute();

    await db.schema
      .createTable('project_partners')
      .addColumn('project_id', types.text, (c) => c.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('actor_id', types.text, (c) => c.notNull().references('eco_actors.id'))
      .addPrimaryKeyConstraint('project_partners_pk', ['project_id', 'actor_id'])
      .execute();

    await db.schema
      .createTable('project_datasets')
      .addColumn('project_id', types.text, (c) => c.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('dataset_id', types.text, (c) => c.notNull().references('datasets.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('project_datasets_pk', ['project_id', 'dataset_id'])
      .execute();

    await db.schema
      .createTable('project_checklist')
      .addColumn('project_id', types.text, (c) => c.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('item', types.text, (c) => c.notNull())
      .addColumn('status', types.text, (c) => c.notNull())
      .addColumn('notes', types.text, (c) => c.notNull().defaultTo(''))
      .addColumn('owner', types.text, (c) => c.notNull().defaultTo(''))
      .addPrimaryKeyConstraint('project_checklist_pk', ['project_id', 'item'])
      .execute();

    await db.schema
      .createTable('project_milestones')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('id', types.text, (c) => c.notNull().unique())
      .addColumn('project_id', types.text, (c) => c.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('title', types.text, (c) => c.notNull())
      .addColumn('due_date', types.text, (c) => c.notNull())
      .addColumn('status', types.text, (c) => c.notNull())
      .addColumn('phase', types.text, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('project_milestones_project').on('project_milestones').columns(['project_id']).execute();

    await db.schema
      .createTable('project_updates')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('id', types.text, (c) => c.notNull().unique())
      .addColumn('project_id', types.text, (c) => c.notNull().references('projects.id').onDelete('cascade'))
      .addColumn('body', types.text, (c) => c.notNull())
      .addColumn('author_id', types.text, (c) => c.notNull())
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('project_updates_project').on('project_updates').columns(['project_id']).execute();
  },
};
