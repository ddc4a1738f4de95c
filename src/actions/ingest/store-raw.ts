import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AppError } from '../../domain/errors.ts';
import { maskUrl, maskUrlsIn, splitCredentials } from '../../domain/net/mask-url.ts';
import { PrivateAddressError } from '../../ports/http-fetch.ts';
import type { Deps } from '../deps.ts';
import { rootCause } from '../../domain/net/root-cause.ts';

export interface StoredRaw {
  key: string;
  size: number;
  sha256: string;
}

const tooLarge = (limit: number): AppError =>
  new AppError('payload_too_large', `The file is larger than the ${Math.round(limit / 1024 / 1024)} MiB limit (setting PLAZA_MAX_UPLOAD_MB).`, { limit_bytes: limit });

/** Free disk space is checked again after each this many bytes of an upload. */
const ROOM_CHECK_BYTES = 32 * 1024 * 1024;

/**
 * Streams bytes into the blob store under their SHA-256, enforcing the size
 * limit and the disk space kept free (`declaredBytes`, when the sender said
 * how many, is checked before anything is written); nothing is kept on failure.
 */
export async function storeRaw(deps: Deps, body: Readable | AsyncIterable<Uint8Array>, opts: { declaredBytes?: number } = {}): Promise<StoredRaw> {
  const limit = deps.limits.maxUploadBytes;
  const scratch = await deps.scratch.acquire('upload', { needBytes: Math.min(opts.declaredBytes ?? 0, limit) });
  const tmp = join(scratch.path, 'raw');
  const hash = createHash('sha256');
  let size = 0;
  let nextCheck = ROOM_CHECK_BYTES;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limit) return done(tooLarge(limit));
      hash.update(chunk);
      if (size < nextCheck) return done(null, chunk);
      nextCheck = size + ROOM_CHECK_BYTES;
      deps.scratch.checkRoom().then(() => done(null, chunk), done);
    },
  });
  try {
    await pipeline(body instanceof Readable ? body : Readable.from(body), meter, scratch.writeStream('raw'));
    const sha256 = hash.digest('hex');
    const key = `raw/${sha256.slice(0, 2)}/${sha256}`;
    if (!(await deps.blobs.has(key))) await deps.blobs.putFile(key, tmp, { move: true });
    return { key, size, sha256 };
  } finally {
    await scratch.release();
  }
}

/**
 * Downloads a URL into the blob store, within the size and time limits.
 * Credentials written into the URL are sent as HTTP Basic authentication
 * and never echoed: every message shows the URL masked (ADR 15).
 */
export async function fetchRaw(deps: Deps, typed: string): Promise<StoredRaw & { filename: string }> {
  const url = maskUrl(typed);
  let parsed: URL;
  try {
    parsed = new URL(typed);
  } catch {
    throw new AppError('validation_failed', `"${url}" is not a URL.`, { field: 'url' });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AppError('validation_failed', 'Only http and https URLs can be loaded.', { field: 'url' });
  }
  const { url: bare, authorization } = splitCredentials(parsed);
  let res: Response;
  try {
    res = await deps.fetch(bare, { signal: AbortSignal.timeout(deps.limits.fetchTimeoutMs), redirect: 'follow', ...(authorization ? { headers: { authorization } } : {}) });
  } catch (e) {
    const cause = rootCause(e);
    if (cause instanceof PrivateAddressError) throw new AppError('url_refused', `The file at ${url} was not loaded: ${maskUrlsIn(cause.message)}.`, { url });
    throw new AppError('fetch_failed', `The file at ${url} could not be downloaded: ${maskUrlsIn(cause.message)}.`, { url });
  }
  if (!res.ok || !res.body) throw new AppError('fetch_failed', `The server at ${parsed.host} answered ${res.status} ${res.statusText} for ${url}.`, { url, status: res.status });
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > deps.limits.maxUploadBytes) throw tooLarge(deps.limits.maxUploadBytes);
  const disposition = /filename="?([^";]+)"?/i.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const filename = disposition ?? decodeURIComponent(parsed.pathname.split('/').pop() || 'download');
  try {
    const stored = await storeRaw(deps, Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), declared > 0 ? { declaredBytes: declared } : {});
    return { ...stored, filename };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('fetch_failed', `The download from ${url} broke off: ${maskUrlsIn((e as Error).message)}.`, { url });
  }
}
