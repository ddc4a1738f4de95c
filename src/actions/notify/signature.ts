import { createHmac, timingSafeEqual } from 'node:crypto';

/** Carries the signature of a webhook body: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Plaza-Signature';
/** Names the event a webhook reports, such as `dataset.published`. */
export const WEBHOOK_EVENT_HEADER = 'X-Plaza-Event';
/** Identifies one delivery; a retry of the same delivery keeps it. */
export const WEBHOOK_DELIVERY_HEADER = 'X-Plaza-Delivery';

function hmacHex(secret: string, timestampSec: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSec}.${body}`).digest('hex');
}

/**
 * The signature header value for a body sent at `timestampSec`: the HMAC-SHA256
 * of `"<timestampSec>.<body>"` keyed by the subscription's secret. Signing the
 * time along with the body stops an old delivery from being replayed later.
 */
export function signWebhook(secret: string, timestampSec: number, body: string): string {
  if (!Number.isSafeInteger(timestampSec) || timestampSec < 0) throw new Error('The webhook timestamp must be whole seconds');
  return `t=${timestampSec},v1=${hmacHex(secret, timestampSec, body)}`;
}

/**
 * Whether a signature header matches the body and the secret, and was made
 * within `toleranceSec` of `nowSec`. A header may carry several `v1` values
 * (while a secret is being rotated); one match is enough. Any malformed header
 * is simply not valid.
 */
export function verifyWebhookSignature(secret: string, header: string | undefined, body: string, nowSec: number, toleranceSec = 300): boolean {
  if (!header) return false;
  let timestamp: number | null = null;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return false;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== null || !/^\d{1,12}$/.test(value)) return false;
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/.test(value)) return false;
      candidates.push(value);
    }
  }
  if (timestamp === null || candidates.length === 0) return false;
  if (Math.abs(nowSec - timestamp) > toleranceSec) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  let match = false;
  for (const c of candidates) {
    // Compare every candidate so the time taken does not say which one matched.
    if (timingSafeEqual(expected, Buffer.from(c, 'hex'))) match = true;
  }
  return match;
}
