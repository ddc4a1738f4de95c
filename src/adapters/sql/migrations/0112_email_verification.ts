import { sql } from 'kysely';
import type { SharedMigration } from './hooks.ts';

/**
 * Confirmed email addresses: when each account's address was confirmed, and
 * the links sent to confirm one (only their SHA-256 is kept). Every account
 * that exists when this runs counts as confirmed from its creation (ADR 34).
 */
export const emailVerification: SharedMigration = {
  async up(db, { types }) {
    await db.schema.alterTable('users').addColumn('email_verified_at', types.instant).execute();
    await sql`update users set email_verified_at = created_at`.execute(db);
    await db.schema
      .createTable('email_verifications')
      .addColumn('token_hash', types.text, (c) => c.primaryKey())
      .addColumn('user_id', types.text, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('email', types.text, (c) => c.notNull())
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .addColumn('expires_at', types.instant, (c) => c.notNull())
      .addColumn('used_at', types.instant)
      .execute();
    await db.schema.createIndex('email_verifications_user').on('email_verifications').columns(['user_id', 'created_at']).execute();
  },
};
