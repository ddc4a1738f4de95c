/** The part of `fetch` Plaza uses for outbound requests on behalf of users (loading URLs, webhooks). */
export interface HttpFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  redirect?: 'follow' | 'manual';
}

export type HttpFetch = (url: string | URL, init?: HttpFetchInit) => Promise<Response>;

/**
 * Checks, before an address is kept, that requests to it would not be
 * refused: its host, and every address its name resolves to, is on the
 * public internet (or private networks are allowed). Throws
 * `PrivateAddressError` when not; a name that does not resolve passes (it
 * reaches nothing; each request checks again).
 */
export type AddressCheck = (url: URL) => Promise<void>;

/** Refused because the address is inside a private network; the message says which and why. */
export class PrivateAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrivateAddressError';
  }
}
