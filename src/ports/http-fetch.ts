/** The part of `fetch` Plaza uses for outbound requests on behalf of users (loading URLs, webhooks). */
export interface HttpFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  redirect?: 'follow' | 'manual';
}

export type HttpFetch = (url: string | URL, init?: HttpFetchInit) => Promise<Response>;

/** Refused because the address is inside a private network; the message says which and why. */
export class PrivateAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrivateAddressError';
  }
}
