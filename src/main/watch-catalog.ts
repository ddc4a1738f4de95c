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
  /** A method as it runs here: bound to the store, and telling of its writes. */
  const wrap = (name: string | symbol, value: Method): Method => {
    if (name === 'transaction') {
      return async (fn) => {
        let changed = false;
        const result = await store.transaction((tx) => (fn as (tx: CatalogStore) => Promise<unknown>)(watch(tx, () => (changed = true))));
        if (changed) wrote();
        return result;
      };
    }
    if (typeof name !== 'string' || !CONTENT_WRITES.has(name)) return value.bind(store);
    return (...args) => {
      const result = value.apply(store, args);
      // Reported whether it succeeded or not: a failed write outside a transaction may have done part of its work.
      if (result instanceof Promise) return result.finally(wrote);
      wrote();
      return result;
    };
  };
  // Each method is wrapped once (every catalog call passes through here), again only if the store's method is replaced.
  const wrapped = new Map<string | symbol, { value: Method; method: Method }>();
  return new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      let kept = wrapped.get(name);
      if (kept?.value !== value) {
        kept = { value: value as Method, method: wrap(name, value as Method) };
        wrapped.set(name, kept);
      }
      return kept.method;
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
