import { maskUrl, maskUrlsIn } from '../../domain/net/mask-url.ts';
import type { MissingReason } from '../../domain/peers/types.ts';
import { PrivateAddressError } from '../../ports/http-fetch.ts';
import type { Deps } from '../deps.ts';
import { rootCause } from '../../domain/net/root-cause.ts';

/** The most a peer's answer to one request may weigh. */
export const PEER_ANSWER_MAX_BYTES = 4 * 1024 * 1024;

/** A request to a peer that failed: why, in words for people, and of which kind. */
export class PeerFailure extends Error {
  constructor(readonly reason: MissingReason, message: string) {
    super(message);
    this.name = 'PeerFailure';
  }
}

/** A failure of any kind while asking a peer, as a `PeerFailure`. */
export function peerFailure(e: unknown, url: string, waitedMs: number): PeerFailure {
  if (e instanceof PeerFailure) return e;
  const shown = maskUrl(url);
  const cause = rootCause(e);
  if (cause instanceof PrivateAddressError) return new PeerFailure('refused', `${shown} is refused: ${maskUrlsIn(cause.message)}. Set PLAZA_ALLOW_PRIVATE_URLS=true to reach peers on a private network.`);
  if (cause.name === 'TimeoutError' || cause.name === 'AbortError') return new PeerFailure('timeout', `${shown} did not answer within ${(waitedMs / 1000).toFixed(1)} s.`);
  return new PeerFailure('error', `${shown} could not be reached: ${maskUrlsIn(cause.message)}.`);
}

/**
 * A peer's JSON answer, through the guarded outbound fetch (private
 * addresses refused unless allowed, at every redirect), stopped by the
 * signal and at `PEER_ANSWER_MAX_BYTES`. Every failure is a `PeerFailure`.
 */
export async function fetchPeerJson(deps: Deps, url: string, signal: AbortSignal, waitMs: number): Promise<unknown> {
  const shown = maskUrl(url);
  let text: string;
  try {
    const res = await deps.fetch(url, { signal, redirect: 'follow', headers: { accept: 'application/json', 'user-agent': 'Plaza peer network' } });
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new PeerFailure('error', `${shown} answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.`);
    }
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    for await (const chunk of (res.body ?? []) as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      if (bytes > PEER_ANSWER_MAX_BYTES) throw new PeerFailure('error', `${shown} sent more than ${PEER_ANSWER_MAX_BYTES / 1024 / 1024} MiB.`);
      chunks.push(chunk);
    }
    text = Buffer.concat(chunks).toString('utf8');
  } catch (e) {
    throw peerFailure(e, url, waitMs);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PeerFailure('error', `${shown} did not answer JSON (it began: "${text.slice(0, 60).replace(/\s+/g, ' ')}").`);
  }
}
