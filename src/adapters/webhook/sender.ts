import type { HttpFetch } from '../../ports/http-fetch.ts';
import type { WebhookRequest, WebhookResponse, WebhookSender } from '../../ports/webhook-sender.ts';

/** How much of a response body is kept for the delivery log. */
export const RESPONSE_SNIPPET_BYTES = 1024;

/**
 * Posts webhooks with the built-in `fetch`. Redirects are not followed: the
 * receiver must answer at the URL it registered, so a 3xx counts as a failure.
 */
export class FetchWebhookSender implements WebhookSender {
  constructor(private readonly fetch: HttpFetch = (url, init) => globalThis.fetch(url, init)) {}

  async post(req: WebhookRequest, timeoutMs: number): Promise<WebhookResponse> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const res = await this.fetch(req.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...req.headers },
        body: req.body,
        redirect: 'manual',
        signal,
      });
      const responseSnippet = await readSnippet(res);
      const ok = res.status >= 200 && res.status < 300;
      return { status: res.status, error: ok ? null : failureFor(res), durationMs: elapsed(), responseSnippet };
    } catch (err) {
      const error = signal.aborted ? `No response within ${timeoutMs} ms` : `Could not reach ${hostOf(req.url)}: ${causeOf(err)}`;
      return { status: null, error, durationMs: elapsed(), responseSnippet: '' };
    }
  }
}

/** Why a response that arrived is not a success. */
function failureFor(res: Response): string {
  if (res.status >= 300 && res.status < 400) {
    const to = res.headers.get('location');
    return `Redirected with status ${res.status}${to ? ` to ${to}` : ''}; redirects are not followed`;
  }
  return `Answered with status ${res.status}`;
}

/** The first bytes of the body as text; the rest is never downloaded. */
async function readSnippet(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_SNIPPET_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch {
    // A body cut short still gives what arrived.
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const bytes = Buffer.concat(chunks).subarray(0, RESPONSE_SNIPPET_BYTES);
  // A multi-byte character cut at the limit decodes as U+FFFD; drop it.
  return new TextDecoder().decode(bytes).replace(/\uFFFD$/, '');
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the URL';
  }
}

/** fetch wraps network errors in "fetch failed"; the cause says what happened. */
function causeOf(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code && !cause.message.includes(code) ? `${code} ${cause.message}` : cause.message;
  }
  return err.message;
}
