import { canSeeRequest } from '../../domain/community/request-policy.ts';
import type { DatasetRequest } from '../../domain/community/requests.ts';
import { notFound } from '../../domain/errors.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import type { Deps, Principal } from '../deps.ts';

/** A request the principal may see; a hidden one is "not found" to everyone else. */
export async function visibleRequest(deps: Deps, p: Principal, id: string, store: CatalogStore = deps.catalog): Promise<DatasetRequest> {
  const request = await store.requests.getRequest(id);
  if (!request || !canSeeRequest(p, request)) throw notFound('Request', id);
  return request;
}
