import { sql } from 'kysely';
import type { SharedMigration } from './hooks.ts';

/**
 * Jobs shared by several workers (ADR 54): who holds a running job and until
 * when (`owner`, `lease_expires_at`: a lease the worker renews while it works,
 * so that the job of a worker that died is taken by another), how many times
 * it was taken (`attempts`), when a job waiting for its next attempt may run
 * (`run_after`), and the request that queued it (`request_id`). A job that
 * used all its attempts stays in the table as `dead` for an administrator.
 * `step_leases` says which worker runs each background step (mail, webhooks,
 * digests…) right now, so that no two run the same step at once.
 */
export const jobLeases: SharedMigration = {
  async up(db, { types }) {
    await db.schema.alterTable('jobs').addColumn('attempts', types.integer, (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('jobs').addColumn('owner', types.text).execute();
    await db.schema.alterTable('jobs').addColumn('lease_expires_at', types.instant).execute();
    await db.schema.alterTable('jobs').addColumn('run_after', types.instant).execute();
    await db.schema.alterTable('jobs').addColumn('request_id', types.text).execute();
    // Jobs left running by the single process of before: taken again by the first claim.
    await sql`UPDATE jobs SET lease_expires_at = '1970-01-01T00:00:00.000Z' WHERE status = 'running'`.execute(db);
    await db.schema
      .createTable('step_leases')
      .addColumn('name', types.text, (c) => c.primaryKey())
      .addColumn('owner', types.text, (c) => c.notNull())
      .addColumn('expires_at', types.instant, (c) => c.notNull())
      .execute();
  },
};
