import { AppError } from '../../../domain/errors.ts';

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
