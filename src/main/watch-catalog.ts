import type { CatalogStore } from '../ports/catalog-store.ts';
import type { CatalogChanges } from '../ports/catalog-changes.ts';

/** The store's methods that change what pages show. */
const CONTENT_WRITES = new Set<string>([
  'createDataset', 'updateDataset', 'deleteDataset', 'createResource', 'deleteResource', 'createVersion', 'completeVersion', 'failVersion',
  'setLiveVersion', 'putDictionary', 'createOrganization', 'updateOrganization', 'putSiteSettings', 'addPopularity',
]);

type Method = (...args: unknown[]) => unknown;

/** The store with its content writes reported to `wrote` once they finish; a transaction reports once, after it commits, if it made any. */
function watch(store: CatalogStore, wrote: () => void): CatalogStore {
  return new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      if (name === 'transaction') {
        return async (fn: (tx: CatalogStore) => Promise<unknown>) => {
          let changed = false;
          const result = await target.transaction((tx) => fn(watch(tx, () => (changed = true))));
          if (changed) wrote();
          return result;
        };
      }
      if (typeof name !== 'string' || !CONTENT_WRITES.has(name)) return (value as Method).bind(target);
      return (...args: unknown[]) => {
        const result = (value as Method).apply(target, args);
        // Reported whether it succeeded or not: a failed write outside a transaction may have done part of its work.
        if (result instanceof Promise) return result.finally(wrote);
        wrote();
        return result;
      };
    },
  });
}

/** The catalog store, counting the changes this process makes to what pages show. Reads pass straight through. */
export function watchCatalog(store: CatalogStore): { store: CatalogStore; changes: CatalogChanges } {
  let version = 0;
  return {
    store: watch(store, () => {
      version++;
    }),
    changes: { version: () => version },
  };
}
