import { describe, expect, it } from 'vitest';
import { openPostgresCatalog } from '../../src/adapters/postgres/catalog-store.ts';
import { POSTGRES_TEST_URL, postgresAvailable } from '../support/stores.ts';

const serverUp = await postgresAvailable();

describe('opening the PostgreSQL catalog', () => {
  it('names the server, never the password, when nothing listens there', async () => {
    const open = openPostgresCatalog('postgres://plaza:hunter2@127.0.0.1:1/catalog');
    await expect(open).rejects.toThrow('Cannot open the PostgreSQL catalog at 127.0.0.1:1/catalog: the server is unreachable (connection refused)');
    await expect(open).rejects.not.toThrow(/hunter2/);
  });

  it.skipIf(!serverUp && process.env.PLAZA_REQUIRE_SERVICES !== '1')('says when the database does not exist', async () => {
    const u = new URL(POSTGRES_TEST_URL);
    u.pathname = '/plaza_no_such_database';
    u.password = 'not-shown';
    const open = openPostgresCatalog(u.toString());
    const error = await open.then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(new RegExp(`^Cannot open the PostgreSQL catalog at ${u.hostname}:${u.port || '5432'}/plaza_no_such_database: `));
    // Trust authentication ignores the password; a server that checks it says so instead.
    expect(error?.message).toMatch(/the database does not exist|password authentication failed/);
    expect(error?.message).not.toContain('not-shown');
  });
});
