import { z } from 'zod';
import { listParam } from '../datasets/params.ts';
import type { ProblemListRequest } from '../../../actions/community/read-problems.ts';
import { PROBLEM_SORTS, PROBLEM_STATUSES } from '../../../domain/community/problems.ts';


/** The problem list's query parameters, as the API reference documents them. */
export const problemParams = z.object({
  q: z.string().trim().max(500).optional().describe('Text to search for: words in English or Spanish, any form of them, accents or not, with a typo or two; problems matching more of the words come first'),
  sort: z.enum(PROBLEM_SORTS, { message: `is not a sort; use ${PROBLEM_SORTS.join(', ')}` }).optional().describe('votes (the default without `q`), newest, trending (most votes in the last 30 days), or relevance (the default with `q`)'),
  status: listParam.pipe(z.array(z.enum(PROBLEM_STATUSES, { message: `is not a status; use ${PROBLEM_STATUSES.join(', ')}` })).optional()),
  category: listParam,
  area: listParam,
  organization: z.string().trim().min(1).max(200).optional().describe('The slug of the organization problems are assigned to'),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

/** The list route's query schema: `route()` reads the parameters once into the action's request. */
export const problemQuerySchema = problemParams.transform(
  (q): ProblemListRequest => ({
    ...(q.q ? { q: q.q } : {}),
    ...(q.sort ? { sort: q.sort } : {}),
    ...(q.status?.length ? { statuses: q.status } : {}),
    ...(q.category?.length ? { categories: q.category } : {}),
    ...(q.area?.length ? { areas: q.area } : {}),
    ...(q.organization ? { organization: q.organization } : {}),
    limit: q.limit,
    offset: q.offset,
    facets: true,
  }),
);

export const problemIdParams = z.object({ id: z.string().min(1).max(200).describe('Problem id') });
