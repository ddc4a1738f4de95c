import type { CatalogStore } from '../../ports/catalog-store.ts';
import { recordActivity, type ActivityInput } from '../activity/record.ts';
import type { Deps, Principal } from '../deps.ts';

/** Writes a new item (a problem, a request, a comment) and its activity entry in one transaction, and answers the item. */
export async function saveRecorded<T>(deps: Deps, p: Principal, item: T, write: (tx: CatalogStore) => Promise<void>, activity: ActivityInput): Promise<T> {
  await deps.catalog.transaction(async (tx) => {
    await write(tx);
    await recordActivity(deps, tx, p, activity);
  });
  return item;
}
