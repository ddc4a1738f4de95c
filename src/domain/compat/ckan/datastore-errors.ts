/**
 * A refusal of a DataStore request in CKAN's terms: `field` names the
 * parameter (CKAN's validation errors are `{ "<field>": ["<message>"] }`);
 * `notFound` marks an unknown or unreadable resource.
 */
export class DatastoreError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly notFound = false,
  ) {
    super(message);
    this.name = 'DatastoreError';
  }
}

/** CKAN's own wording for a value it does not accept: `invalid value "x"`. */
export const invalidValue = (field: string, value: string): DatastoreError => new DatastoreError(field, `invalid value "${value}"`);

/** CKAN's wording for an unknown resource, the same whether it does not exist or may not be seen. */
export const resourceNotFound = (id: string): DatastoreError => new DatastoreError('resource_id', `Not found: Resource "${id}" was not found.`, true);
