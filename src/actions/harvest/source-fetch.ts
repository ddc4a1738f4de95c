import { maskUrl, maskUrlsIn, splitCredentials } from '../../domain/net/mask-url.ts';
import { PrivateAddressError } from '../../ports/http-fetch.ts';
import type { Deps } from '../deps.ts';
import { rootCause } from '../../domain/net/root-cause.ts';

/** What stops a run as a whole: the source timed out, answered garbage, grew past a limit, was refused or is gone. The message is for people. */
export class HarvestFailure extends Error {
  /** The HTTP status when the source answered with an error; a reader may then try another address. */
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'HarvestFailure';
  }
}

/** The connection was closed by the other side before any answer: what a reused kept-alive connection meets when the server has just let it go. */
const closedUnderfoot = (cause: Error): boolean => /other side closed/i.test(cause.message) || (cause as Error & { code?: string }).code === 'ECONNRESET';

/** A time limit in words: "300 ms", "30 s". */
const duration = (ms: number): string => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`);

export interface FetchedText {
  text: string;
  contentType: string;
  /** The address answered from, after redirects. */
  url: string;
}

/**
 * Reads a source's pages for one run, through the guarded outbound fetch
 * (private addresses refused unless allowed, at every redirect), each
 * request within the time budget and all of them within the run's byte
 * budget. Every failure is a `HarvestFailure` saying what happened, with
 * the address masked of credentials.
 */
export class SourceFetch {
  /** Bytes read so far in this run. */
  bytes = 0;

  constructor(private readonly deps: Deps) {}

  async text(url: string, accept: string): Promise<FetchedText> {
    const shown = maskUrl(url);
    const { maxBytes, timeoutMs } = this.deps.limits.harvest;
    let res: Response;
    // Credentials written into the address go as Basic authentication: a request cannot carry them in its URL.
    const { url: bare, authorization } = splitCredentials(new URL(url));
    const ask = () => this.deps.fetch(bare, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow', headers: { accept, 'user-agent': 'Plaza harvester', ...(authorization ? { authorization } : {}) } });
    try {
      try {
        res = await ask();
      } catch (e) {
        // A kept-alive connection the source closed as the request went out: asked once more, on a new one.
        if (!closedUnderfoot(rootCause(e))) throw e;
        res = await ask();
      }
    } catch (e) {
      const cause = rootCause(e);
      if (cause instanceof PrivateAddressError) throw new HarvestFailure(`${shown} was refused: ${maskUrlsIn(cause.message)}. Set PLAZA_ALLOW_PRIVATE_URLS=true to harvest sources on a private network.`);
      if (cause.name === 'TimeoutError' || cause.name === 'AbortError') throw new HarvestFailure(`${shown} did not answer within ${duration(timeoutMs)} (setting PLAZA_HARVEST_TIMEOUT_MS).`);
      throw new HarvestFailure(`${shown} could not be reached: ${maskUrlsIn(cause.message)}.`);
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new HarvestFailure(`${shown} answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.`, res.status);
    }
    const tooBig = () => new HarvestFailure(`The source sent more than the ${Math.round(maxBytes / 1024 / 1024)} MiB one run may read (setting PLAZA_HARVEST_MAX_MB); the run stopped at ${shown}.`);
    const declared = Number(res.headers.get('content-length') ?? 0);
    if (declared && this.bytes + declared > maxBytes) {
      await res.body?.cancel().catch(() => undefined);
      throw tooBig();
    }
    const chunks: Uint8Array[] = [];
    try {
      if (res.body) {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          this.bytes += chunk.length;
          if (this.bytes > maxBytes) throw tooBig();
          chunks.push(chunk);
        }
      }
    } catch (e) {
      if (e instanceof HarvestFailure) throw e;
      const cause = rootCause(e);
      if (cause.name === 'TimeoutError' || cause.name === 'AbortError') throw new HarvestFailure(`${shown} stopped sending before the end, after ${duration(timeoutMs)} (setting PLAZA_HARVEST_TIMEOUT_MS).`);
      throw new HarvestFailure(`The answer of ${shown} broke off: ${maskUrlsIn(cause.message)}.`);
    }
    return { text: Buffer.concat(chunks).toString('utf8'), contentType: res.headers.get('content-type') ?? '', url: res.url || url };
  }

  /** A JSON answer; anything else is garbage, said so with the start of what came. */
  async json(url: string): Promise<unknown> {
    const { text } = await this.text(url, 'application/json');
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new HarvestFailure(`${maskUrl(url)} did not answer JSON (it began: "${text.slice(0, 60).replace(/\s+/g, ' ')}").`);
    }
  }
}
