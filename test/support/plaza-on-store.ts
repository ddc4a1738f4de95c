import type { Deps } from '../../src/actions/deps.ts';
import type { Config } from '../../src/config.ts';
import { startTestPlaza, type TestPlaza } from './plaza.ts';
import type { StoreKind } from './stores.ts';

/**
 * A real Plaza (as `startTestPlaza`) whose catalog is a store of the given
 * kind on a database of its own: a SQLite file, or a PostgreSQL database
 * made for it. Closing the Plaza drops the database.
 */
export async function startTestPlazaOn(kind: StoreKind, overrides: Partial<Deps> = {}, config: Partial<Config> = {}): Promise<TestPlaza> {
  const opened = await kind.open();
  let t: TestPlaza;
  try {
    t = await startTestPlaza({ ...overrides, catalog: opened.store }, config);
  } catch (e) {
    await opened.drop();
    throw e;
  }
  return {
    ...t,
    async close() {
      try {
        await t.close();
      } finally {
        await opened.drop();
      }
    },
  };
}
