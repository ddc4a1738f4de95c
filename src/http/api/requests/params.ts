import { z } from 'zod';
import { listParam } from '../datasets/params.ts';
import type { RequestListRequest } from '../../../actions/community/read-requests.ts';
import { REQUEST_SORTS, REQUEST_STATUSES } from '../../../domain/community/requests.ts';

/** The request list's query parameters, as the API reference documents them. */
export const requestParams = z.object({
  sort: z.enum(REQUEST_SORTS, { message: `is not a sort; use ${REQUEST_SORTS.join(', ')}` }).optional().describe('votes (the default) or newest'),
  status: listParam.pipe(z.array(z.enum(REQUEST_STATUSES, { message: `is not a status; use ${REQUEST_STATUSES.join(', ')}` })).optional()),
  organization: z.string().trim().min(1).max(200).optional().describe('The slug of the organization the requests name'),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  q: z.string().trim().max(500).optional().describe('Text to search for: words in English or Spanish, any form of them, accents or not, with a typo or two; without `sort`, requests matching more of the words come first'),
});

/** The list route's query schema, read once into the action's request. */
export const requestQuerySchema = requestParams.transform(
  (q): RequestListRequest => ({
    ...(q.sort ? { sort: q.sort } : {}),
    ...(q.status?.length ? { statuses: q.status } : {}),
    ...(q.organization ? { organization: q.organization } : {}),
    limit: q.limit,
    offset: q.offset,
    ...(q.q ? { q: q.q } : {}),
    facets: true,
  }),
);

export const requestIdParams = z.object({ id: z.string().min(1).max(200).describe('Request id') });
