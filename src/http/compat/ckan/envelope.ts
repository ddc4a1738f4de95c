import { AppError } from '../../../domain/errors.ts';
import { CkanParamError, CkanSortError } from '../../../domain/compat/ckan/search-params.ts';
import { SolrQueryError } from '../../../domain/compat/ckan/solr-query.ts';

/** CKAN's error types (`error.__type`) and the status each is sent with. */
export const CKAN_ERRORS = {
  'Bad request': 400,
  'Authorization Error': 403,
  'Not Found Error': 404,
  'Validation Error': 409,
  'Search Query Error': 400,
  'Search Error': 409,
  'Internal Server Error': 500,
} as const;
export type CkanErrorType = keyof typeof CKAN_ERRORS;

/**
 * A refusal in CKAN's terms. `fields` become the error's other members, as
 * CKAN's validation errors name each field with its messages:
 * `{ "__type": "Validation Error", "resource_id": ["Not found: ..."] }`.
 */
export class CkanError extends Error {
  constructor(
    readonly type: CkanErrorType,
    message: string,
    readonly fields: Record<string, string[]> = {},
  ) {
    super(message);
  }
  get status(): number {
    return CKAN_ERRORS[this.type];
  }
}

/** The `help` member of every answer: where CKAN documents the action. */
export function helpUrl(baseUrl: string, action: string): string {
  return `${baseUrl}/api/3/action/help_show?name=${encodeURIComponent(action)}`;
}

/** `{ help, success: true, result }`. */
export function success(baseUrl: string, action: string, result: unknown): { help: string; success: true; result: unknown } {
  return { help: helpUrl(baseUrl, action), success: true, result };
}

/** Plaza's own errors in CKAN's shape: not found, authorization, validation (409); anything unexpected is a 500 without details. */
export function toCkanError(e: unknown): CkanError {
  if (e instanceof CkanError) return e;
  if (e instanceof CkanParamError) return new CkanError('Validation Error', e.message, e.fields);
  // As CKAN words the refusals of its search engine: a bad `sort` (400), a query Solr cannot run (409).
  if (e instanceof CkanSortError) return new CkanError('Search Query Error', `Search Query is invalid: ${e.message}`);
  if (e instanceof SolrQueryError) return new CkanError('Search Error', `Search error: ${e.message}`);
  if (e instanceof AppError) {
    if (e.status === 404) return new CkanError('Not Found Error', 'Not found');
    if (e.status === 401 || e.status === 403) return new CkanError('Authorization Error', `Access denied: ${e.message}`);
    if (e.status === 400 || e.status === 409 || e.status === 422) {
      const param = typeof e.details?.param === 'string' ? e.details.param : undefined;
      return new CkanError('Validation Error', e.message, param ? { [param]: [e.message] } : {});
    }
  }
  return new CkanError('Internal Server Error', 'Internal Server Error');
}

/**
 * `{ help, success: false, error: { __type, message } }`; a validation error
 * lists its fields instead of a message, as CKAN's do:
 * `{ "__type": "Validation Error", "id": ["Missing value"] }`.
 */
export function failure(baseUrl: string, action: string, e: CkanError): { help: string; success: false; error: Record<string, unknown> } {
  const fields = Object.keys(e.fields).length > 0;
  return { help: helpUrl(baseUrl, action), success: false, error: fields ? { ...e.fields, __type: e.type } : { __type: e.type, message: e.message } };
}

/**
 * What a refusal sends: CKAN answers a bad request (an unknown action, a body
 * that is not a JSON object) with a bare JSON string, "Bad request - ...",
 * and every other refusal in the envelope.
 */
export function refusal(baseUrl: string, action: string, e: CkanError): unknown {
  return e.type === 'Bad request' ? e.message : failure(baseUrl, action, e);
}
