import { createHash } from 'node:crypto';
import type { ReadableVersion } from '../../../actions/records/resolve-version.ts';
import type { RecordsRequest } from '../../../domain/query/index.ts';

/** The query's parameters in one order, empty ones left out: the same query always reads the same. */
export function normalizedQuery(req: RecordsRequest, extra: Record<string, string | boolean | undefined> = {}): string {
  const all: Record<string, unknown> = { ...req, ...extra };
  const keys = Object.keys(all).filter((k) => all[k] !== undefined && all[k] !== '').sort();
  return JSON.stringify(keys.map((k) => [k, all[k]]));
}

/**
 * The entity tag of a records answer or an export: the dataset, the version
 * read (its id: a new version is a new tag), whether it was asked for by
 * number (the file name says so), what is answered (records, or an export's
 * format) and the normalized query. Weak, as the same rows may come in
 * another order or encoding.
 */
export function recordsEtag(readable: ReadableVersion, what: string, query: string): string {
  const hash = createHash('sha256').update([readable.dataset.id, readable.version.id, readable.numbered ? 'numbered' : 'live', what, query].join('\n')).digest('base64url');
  return `W/"${hash.slice(0, 32)}"`;
}
