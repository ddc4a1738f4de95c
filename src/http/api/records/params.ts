import { z } from 'zod';
import type { RecordsRequest } from '../../../domain/query/index.ts';
import { invalidInput } from '../../../domain/catalog/schemas.ts';

const text = z.string().max(4000, 'at most 4,000 characters').optional();

/** Query parameters shared by records, facets and exports. */
export const recordsQuerySchema = z.object({
  select: text,
  where: text,
  group_by: text,
  order_by: text,
  q: text,
  limit: z.string().regex(/^\d+$/, 'a whole number').optional(),
  offset: z.string().regex(/^\d+$/, 'a whole number').optional(),
  cursor: z.string().max(16_384).optional(),
  version: z.coerce.number().int().min(1).optional(),
});

export function parseRecordsQuery(query: unknown): { req: RecordsRequest; version: number | undefined } {
  const parsed = recordsQuerySchema.safeParse(query);
  if (!parsed.success) throw invalidInput('The query is', parsed.error);
  const { version, ...rest } = parsed.data;
  const req: RecordsRequest = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined && v !== '') (req as Record<string, string>)[k] = v;
  return { req, version };
}
