import { AppError } from '../../domain/errors.ts';
import { PeerFailure } from './peer-fetch.ts';

/** Runs the reading part of a copy: a peer that fails becomes a clear refusal, and nothing is kept. */
export async function fromPeer<T>(peerName: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (!(e instanceof PeerFailure)) throw e;
    const code = e.reason === 'refused' ? 'url_refused' : 'fetch_failed';
    throw new AppError(code, `Nothing was copied: ${peerName} did not give it. ${e.message}`, { reason: e.reason });
  }
}
