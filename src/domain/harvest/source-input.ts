import { z } from 'zod';
import { HARVEST_KINDS } from './types.ts';

const httpUrl = z
  .string()
  .trim()
  .min(1, 'Give the catalog\'s address.')
  .max(2000)
  .refine((u) => {
    try {
      const p = new URL(u).protocol;
      return p === 'http:' || p === 'https:';
    } catch {
      return false;
    }
  }, 'is not an http or https address.');

/** A new source or peer as the API, the pages and the CLI take it (snake_case). */
export const sourceFields = z.object({
  kind: z.enum(HARVEST_KINDS, { message: `is not a kind of source; use one of: ${HARVEST_KINDS.join(', ')}` }),
  url: httpUrl,
  name: z.string().trim().min(1, 'Name the source.').max(200).optional(),
  /** The organization its datasets are listed under (id, slug or name); default: one named after the source, made for it. */
  organization: z.string().trim().min(1).max(200).optional(),
  harvest: z.boolean().default(true),
  peer: z.boolean().default(false),
  /** Hours between scheduled runs; null: on demand only. */
  schedule_hours: z.number().int().min(1, 'Run at most every hour.').max(24 * 365).nullable().default(24),
});
export type SourceInput = z.infer<typeof sourceFields>;

/** What may change on a source. */
export const sourcePatchFields = z.object({
  name: z.string().trim().min(1, 'Name the source.').max(200).optional(),
  url: httpUrl.optional(),
  harvest: z.boolean().optional(),
  peer: z.boolean().optional(),
  schedule_hours: z.number().int().min(1, 'Run at most every hour.').max(24 * 365).nullable().optional(),
});
