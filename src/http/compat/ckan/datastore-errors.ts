import { AppError } from '../../../domain/errors.ts';
import { DatastoreError, resourceNotFound } from '../../../domain/compat/ckan/datastore-errors.ts';
import { QueryError } from '../../../domain/query/index.ts';
import { queryError } from '../../../actions/records/query-records.ts';
import { CkanError } from './envelope.ts';

/** The `datastore_search` parameter a records-query parameter stands for, to name it in errors. */
const SEARCH_PARAM: Record<string, string> = { where: 'filters', q: 'q', order_by: 'sort', select: 'fields', group_by: 'fields', limit: 'limit', offset: 'offset' };
const QUERY_CODES = new Set(['query_syntax', 'unknown_column', 'query_invalid']);

const validation = (field: string, message: string): CkanError => new CkanError('Validation Error', message, { [field]: [message] });

/** A records-query refusal as one readable sentence, with its position in the SQL and its hint. */
function sqlSentence(e: AppError): string {
  const position = typeof e.details?.position === 'number' ? e.details.position : undefined;
  const hint = typeof e.details?.hint === 'string' ? ` Hint: ${e.details.hint}` : '';
  const text = e.message
    .replace(/ of (select|where|group_by|order_by|having)\b/, ' of the query')
    .replace(/^(Select|Where|Group_by|Order_by|Having) is longer than/, 'The query is longer than');
  const at = position !== undefined ? ` (at character ${position + 1})` : '';
  return `${text.replace(/\.$/, '')}${at}.${hint}`;
}

/**
 * Any failure of a DataStore action in CKAN's terms: unknown and unreadable
 * resources as CKAN's "Not found", bad parameters as a Validation Error
 * naming the parameter (`query` for SQL), a query over the time budget as
 * CKAN's "took too long". Plaza's other errors go on to the envelope.
 */
export function datastoreError(e: unknown, resourceId: string | undefined, sql: boolean): unknown {
  if (e instanceof DatastoreError) {
    if (e.notFound) return new CkanError('Not Found Error', e.message);
    return validation(e.field, e.message);
  }
  const app = e instanceof QueryError ? queryError(e) : e;
  if (!(app instanceof AppError)) return app;
  if (app.code === 'not_found' || app.code === 'conflict') return datastoreError(resourceNotFound(resourceId ?? ''), resourceId, sql);
  if (app.code === 'query_timeout') return validation('query', sql ? 'Query took too long' : 'Search took too long');
  if (QUERY_CODES.has(app.code) || app.status === 400) {
    if (sql) return validation('query', sqlSentence(app));
    const param = typeof app.details?.param === 'string' ? app.details.param : 'query';
    return validation(SEARCH_PARAM[param] ?? 'query', app.message);
  }
  return app;
}
