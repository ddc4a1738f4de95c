import { z } from 'zod';
import type { SearchRequest } from '../../../actions/catalog/read-datasets.ts';
import { SEARCH_FACETS, SEARCH_SORTS, type SearchFacet } from '../../../domain/catalog/search.ts';
import { DATASET_STATUSES } from '../../../domain/catalog/vocab.ts';
import { AppError } from '../../../domain/errors.ts';

/** A repeatable or comma-separated query parameter, as a list of its non-empty values. */
export const listParam = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
  .optional();

/** The catalog search's query parameters, as the API reference documents them. */
export const searchParams = z.object({
  q: z.string().trim().max(500).optional(),
  organization: listParam,
  theme: listParam,
  keyword: listParam,
  format: listParam,
  license: listParam,
  frequency: listParam,
  status: listParam.pipe(z.array(z.enum(DATASET_STATUSES, { message: `is not a status; use ${DATASET_STATUSES.join(', ')}` })).optional()),
  overdue: z.enum(['true', 'false']).optional(),
  sort: z.enum(SEARCH_SORTS, { message: `is not a sort; use ${SEARCH_SORTS.join(', ')}` }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  facets: listParam.pipe(z.array(z.enum(SEARCH_FACETS, { message: `is not a facet; use ${SEARCH_FACETS.join(', ')}` })).optional()),
  facet_limit: z.coerce.number().int().min(1).max(200).default(20),
});

function toSearchRequest(s: z.infer<typeof searchParams>): SearchRequest {
  const filters: Partial<Record<SearchFacet, string[]>> = {};
  for (const f of SEARCH_FACETS) if (s[f]?.length) filters[f] = s[f];
  return {
    ...(s.q ? { q: s.q } : {}),
    filters,
    ...(s.status?.length ? { statuses: s.status } : {}),
    overdue: s.overdue === 'true',
    ...(s.sort ? { sort: s.sort } : {}),
    limit: s.limit,
    offset: s.offset,
    ...(s.facets ? { facets: s.facets } : {}),
    facetLimit: s.facet_limit,
  };
}

/**
 * The search route's query schema: `route()` validates the parameters with
 * it, once, and hands the handler the action's request.
 */
export const searchQuerySchema = searchParams.transform(toSearchRequest);

/** `types=a:integer,b:text` or a JSON object, from a query string or a form field. */
export function parseTypes(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw.trim() === '') return raw ?? {};
  if (raw.trim().startsWith('{')) {
    try {
      return JSON.parse(raw);
    } catch {
      throw new AppError('validation_failed', 'The "types" field is not valid JSON.', { field: 'types' });
    }
  }
  return Object.fromEntries(
    raw.split(',').map((pair) => {
      const at = pair.lastIndexOf(':') >= 0 ? pair.lastIndexOf(':') : pair.lastIndexOf('=');
      if (at < 0) throw new AppError('validation_failed', `"${pair}" is not column:type.`, { field: 'types' });
      return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
    }),
  );
}
