import { z } from 'zod';
import type { RecordsRequest } from '../../../domain/query/index.ts';

const text = z.string().max(4000, 'at most 4,000 characters').optional();

/** The query parameters shared by records, facets and exports, as the API reference documents them. */
export const recordsParams = z.object({
  select: text,
  where: text,
  group_by: text,
  having: text,
  order_by: text,
  q: text,
  limit: z.string().regex(/^\d+$/, 'a whole number').optional(),
  offset: z.string().regex(/^\d+$/, 'a whole number').optional(),
  cursor: z.string().max(16_384).optional(),
  version: z.coerce.number().int().min(1).optional(),
});

/** What the records actions take: the query (empty parameters left out) and the version asked for. */
export interface RecordsQuery {
  req: RecordsRequest;
  version: number | undefined;
}

function toRecordsQuery({ version, ...rest }: z.infer<typeof recordsParams>): RecordsQuery {
  const req: RecordsRequest = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined && v !== '') (req as Record<string, string>)[k] = v;
  return { req, version };
}

/**
 * The records and export routes' query schema: `route()` validates the
 * parameters with it, once, and hands the handler the action's request.
 */
export const recordsQuerySchema = recordsParams.transform(toRecordsQuery);

/**
 * The export route's: the records parameters plus `derived=true`, which adds
 * the columns Plaza derived on ingest to a download that does not name its columns.
 */
export const exportQuerySchema = recordsParams
  .extend({ derived: z.enum(['true', 'false'], { message: 'true or false' }).optional() })
  .transform(({ derived, ...rest }) => ({ ...toRecordsQuery(rest), derived: derived === 'true' }));

/** The facets route's: the records parameters plus `facet` (repeatable) and `facet_limit`. */
export const facetsQuerySchema = recordsParams
  .extend({ facet: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]), facet_limit: z.coerce.number().int().min(1).max(10_000).optional() })
  .transform(({ facet, facet_limit, ...rest }) => ({ ...toRecordsQuery(rest), facets: Array.isArray(facet) ? facet : [facet], facetLimit: facet_limit }));
