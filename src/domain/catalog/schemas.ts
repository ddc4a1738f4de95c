import { z } from 'zod';
import { COLUMN_TYPES } from '../table/types.ts';
import { AppError } from '../errors.ts';

export const columnTypeSchema = z.enum(COLUMN_TYPES, { message: `is not a column type; use one of: ${COLUMN_TYPES.join(', ')}` });

export const ingestOptionsSchema = z.object({
  types: z.record(z.string(), columnTypeSchema).default({}),
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
