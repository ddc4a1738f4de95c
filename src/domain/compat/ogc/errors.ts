/**
 * An OGC API exception: the status and the JSON body
 * `{ "code", "description" }` the standard's OpenAPI fragments define.
 */
export class OgcError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 406 | 409 | 500 | 504,
    readonly code: string,
    description: string,
  ) {
    super(description);
  }

  get body(): { code: string; description: string } {
    return { code: this.code, description: this.message };
  }
}

/** A query parameter the request got wrong: 400 `InvalidParameterValue`. */
export const badParameter = (description: string): OgcError => new OgcError(400, 'InvalidParameterValue', description);
