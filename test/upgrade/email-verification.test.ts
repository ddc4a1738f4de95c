import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { storeSuites } from '../support/stores.ts';
import { POSTGRES, SQLITE } from './engines.ts';

/**
 * Migration 0112 (ADR 34): every account a catalog held before counts as
 * confirmed from its creation, so nobody who could post before is locked out.
 */

const suites = await storeSuites('the PostgreSQL email verification upgrade test');
const AT = '2026-01-05T10:00:00.000Z';

describe.each([SQLITE, POSTGRES])('$name', (engine) => {
  const skip = suites.find((s) => s.name === engine.name)!.skip;
  it.skipIf(skip)('counts the accounts a catalog held before as confirmed from their creation', async () => {
    const db = await engine.empty();
    try {
      await db.migrate(engine.legacy);
      await db.use(async (k) => {
        await sql`INSERT INTO users (id, email, name, created_at) VALUES ('u1', 'early@example.org', 'Early', ${AT})`.execute(k);
      });
      const store = await db.open();
      try {
        expect((await store.accounts.getUser('u1'))?.emailVerifiedAt).toBe(AT);
      } finally {
        await store.close();
      }
    } finally {
      await db.drop();
    }
  });
});
