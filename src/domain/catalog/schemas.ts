import { z } from 'zod';
import { OVERRIDE_HINT, parseOverride } from '../ingest/formats.ts';
import { AppError } from '../errors.ts';

/** A column's override: a column type (`date`), or the formats to read it in (`date-dmy`, `timestamp-mdy-12h+timestamp-ydm-slash`). */
export const columnOverrideSchema = z.string().refine((v) => parseOverride(v) !== undefined, { message: OVERRIDE_HINT });

export const ingestOptionsSchema = z.object({
  types: z.record(z.string(), columnOverrideSchema).default({}),
  policy: z.enum(['strict', 'lenient']).default('lenient'),
  sheet: z.string().min(1).optional(),
});
export type IngestOptions = z.infer<typeof ingestOptionsSchema>;

/**
 * A validation failure as the catalog's error: one readable message, and
 * each field's problem in details. `subject` reads like "The dataset is".
 */
export function invalidInput(subject: string, error: z.ZodError): AppError {
  const fields = error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  const text = fields.map((f) => (f.field ? `${f.field}: ${f.message}` : f.message)).join('; ');
  return new AppError('validation_failed', `${subject} not valid: ${text.replace(/\.$/, '')}.`, { fields });
}
