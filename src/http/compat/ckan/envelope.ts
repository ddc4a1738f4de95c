import { AppError } from '../../../domain/errors.ts';

/** CKAN's error types (`error.__type`) and the status each is sent with. */
export const CKAN_ERRORS = {
  'Bad request': 400,
  'Authorization Error': 403,
  'Not Found Error': 404,
  'Validation Error': 409,
  'Search Query Error': 409,
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
  if (e instanceof AppError) {
    if (e.status === 404) return new CkanError('Not Found Error', e.message);
    if (e.status === 401 || e.status === 403) return new CkanError('Authorization Error', e.message);
    if (e.status === 400 || e.status === 409 || e.status === 422) {
      const param = typeof e.details?.param === 'string' ? e.details.param : undefined;
      return new CkanError('Validation Error', e.message, param ? { [param]: [e.message] } : {});
    }
  }
  return new CkanError('Internal Server Error', 'Internal Server Error');
}

/** `{ help, success: false, error: { __type, message, ...fields } }`. */
export function failure(baseUrl: string, action: string, e: CkanError): { help: string; success: false; error: Record<string, unknown> } {
  return { help: helpUrl(baseUrl, action), success: false, error: { ...e.fields, message: e.message, __type: e.type } };
}
