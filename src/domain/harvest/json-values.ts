/** Reading values out of a source's JSON, which may hold anything: what is not there, or not text, is null. */

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text with something in it, trimmed; else null. */
export const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** A list of texts (its empty and non-text entries left out); with `commas`, one text is split at its commas. */
export const strings = (v: unknown, commas = false): string[] =>
  Array.isArray(v) ? v.map(str).filter((s): s is string => s !== null) : commas && typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];
