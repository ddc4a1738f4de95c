import { catalogPage } from '../../../actions/catalog/catalog-pages.ts';
import { entryOf, resourceEntry } from '../../../actions/catalog/search-entries.ts';
import { anonymous } from '../../../domain/accounts/principal.ts';
import { AppError } from '../../../domain/errors.ts';
import { CkanParamError, intParam, textParam } from '../../../domain/compat/ckan/search-params.ts';
import type { CkanAction } from './action.ts';
import { packageDict, resourceDict } from './dictize.ts';
import { CkanError } from './envelope.ts';
import { packageSearch, ROWS_MAX } from './package-search.ts';

/** The `id` parameter, required. */
function idParam(params: Record<string, unknown>): string {
  const id = textParam(params, 'id')?.trim();
  if (!id) throw new CkanParamError({ id: ['Missing value'] });
  return id;
}

/** Plaza's "not found" (which covers what the caller may not see) as CKAN's: 404, "Not found: ...". */
async function orNotFound<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError && e.status === 404) throw new CkanError('Not Found Error', what === 'Resource' ? 'Not found: Resource was not found.' : 'Not found');
    throw e;
  }
}

/** Datasets and their resources. */
export const PACKAGE_ACTIONS: Readonly<Record<string, CkanAction>> = {
  /** The names of the public datasets (CKAN lists only public, active ones, whoever asks), by title. */
  package_list: async ({ deps, params }) => {
    const limit = intParam(params, 'limit', ROWS_MAX, { min: 0, max: ROWS_MAX });
    const offset = intParam(params, 'offset', 0, { min: 0 });
    const page = await catalogPage(deps, anonymous, { offset, limit, sort: 'title' });
    return page.entries.map((e) => e.dataset.slug);
  },
  /** Public datasets, most recently modified first, as full package dicts. */
  current_package_list_with_resources: async ({ deps, params, baseUrl }) => {
    const limit = intParam(params, 'limit', ROWS_MAX, { min: 0, max: ROWS_MAX });
    const offset = intParam(params, 'offset', intParam(params, 'page', 0, { min: 0 }), { min: 0 });
    const page = await catalogPage(deps, anonymous, { offset, limit, sort: 'updated' });
    return page.entries.map((e) => packageDict(e, baseUrl));
  },
  package_show: async ({ deps, principal, params, baseUrl }) => {
    const id = idParam(params);
    return packageDict(await orNotFound('Package', () => entryOf(deps, principal, id)), baseUrl);
  },
  package_search: packageSearch,
  resource_show: async ({ deps, principal, params, baseUrl }) => {
    const id = idParam(params);
    const found = await orNotFound('Resource', () => resourceEntry(deps, principal, id));
    if (!found) throw new CkanError('Not Found Error', 'Not found: Resource was not found.');
    const { resource, entry } = found;
    const position = Math.max(0, entry.resources.findIndex((r) => r.id === resource.id));
    return resourceDict(resource, entry.dataset, entry.live, baseUrl, position);
  },
};
