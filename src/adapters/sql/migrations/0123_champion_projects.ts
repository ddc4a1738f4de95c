import type { SharedMigration } from './hooks.ts';

/**
 * The co-design projects each data champion looks after (gone with the
 * champion or the project); indexed by project for the project's page.
 */
export const championProjects: SharedMigration = {
  async up(db, { types }) {
    await db.schema
      .createTable('champion_projects')
      .addColumn('champion_id', types.text, (c) => c.notNull().references('champions.id').onDelete('cascade'))
      .addColumn('project_id', types.text, (c) => c.notNull().references('projects.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('champion_projects_pk', ['champion_id', 'project_id'])
      .execute();
    await db.schema.createIndex('champion_projects_project').on('champion_projects').columns(['project_id']).execute();
  },
};
