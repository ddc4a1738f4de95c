/** One webhook delivery: a JSON body posted to a subscriber's URL. */
export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/** What came of one delivery attempt. */
export interface WebhookResponse {
  /** The HTTP status, or null when no response arrived (network error, timeout). */
  status: number | null;
  /** Why the attempt failed, or null when the receiver answered with a 2xx status. */
  error: string | null;
  /** How long the attempt took, in milliseconds. */
  durationMs: number;
  /** The start of the response body (at most 1 KB), for the delivery log. */
  responseSnippet: string;
}

/** Posts webhooks. */
export interface WebhookSender {
  /** Posts once, giving up after `timeoutMs`. Never throws: failures are in the response. */
  post(req: WebhookRequest, timeoutMs: number): Promise<WebhookResponse>;
}
