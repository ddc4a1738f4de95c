import { sql, type Kysely } from 'kysely';
import type { CatalogAreas, CatalogStore } from '../../ports/catalog-store.ts';
import { watchArea, type AreaScope } from './area.ts';
import { AREAS } from './areas.ts';
import type { Db, SqlDialect } from './dialect.ts';
import type { CatalogDb } from './schema.ts';

/** What a store and the transactions it opens share. */
interface Shared {
  dialect: SqlDialect;
  onClose: () => Promise<void>;
  listeners: Array<() => void>;
}

/** Tells every listener that pages changed; a listener that throws does not stop the others or the write. */
function tellPagesChanged(shared: Shared): void {
  for (const listener of shared.listeners) {
    try {
      listener();
    } catch {
      // A listener's failure is its own; the write it reports has happened.
    }
  }
}

/** Each area's SQL class over one scope, its page-changing writes reported to `changed`. */
function openAreas(scope: AreaScope, changed: () => void): CatalogAreas {
  const areas: Partial<Record<keyof CatalogAreas, object>> = {};
  for (const name of Object.keys(AREAS) as Array<keyof CatalogAreas>) {
    const Area = AREAS[name] as unknown as { new (scope: AreaScope): object; effects: Record<string, never> };
    areas[name] = watchArea(new Area(scope), Area.effects, changed);
  }
  // Every name of the registry is filled above, and the registry's type lists every area.
  return areas as CatalogAreas;
}

/** The store on a database, or on a transaction's connection (`tx` set). */
function storeOn(db: Db, shared: Shared, tx: { changed: boolean } | null): CatalogStore {
  const scope: AreaScope = {
    db,
    dialect: shared.dialect,
    atomically: tx ? (fn) => fn(db) : (fn) => db.transaction().execute(fn),
  };
  const changed = tx ? () => void (tx.changed = true) : () => tellPagesChanged(shared);
  const store: CatalogStore = {
    ...openAreas(scope, changed),
    async transaction(fn) {
      if (tx) return fn(store);
      const state = { changed: false };
      const result = await db.transaction().execute((trx) => fn(storeOn(trx, shared, state)));
      if (state.changed) tellPagesChanged(shared);
      return result;
    },
    onPagesChanged(listener) {
      shared.listeners.push(listener);
    },
    async ping() {
      await sql`SELECT 1`.execute(db);
    },
    async close() {
      if (!tx) await shared.onClose();
    },
  };
  return store;
}

/**
 * The catalog store over Kysely: the same queries on SQLite and PostgreSQL,
 * with the dialect supplying job claiming and the search. Each area is a
 * class (registered in `areas.ts`) declaring what each of its methods does to
 * pages; the store reports those that change pages to `onPagesChanged`.
 */
export function sqlCatalogStore(db: Kysely<CatalogDb>, dialect: SqlDialect, onClose: () => Promise<void>): CatalogStore {
  return storeOn(db, { dialect, onClose, listeners: [] }, null);
}
