import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { isPublicAddress } from '../../domain/net/addresses.ts';
import type { AddressCheck } from '../../ports/http-fetch.ts';
import { refusal } from './outbound-fetch.ts';

/** Every address the system's resolver gives for a name. */
const resolveAll = async (host: string): Promise<string[]> => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * The check `outboundFetch` makes on every connection, made once ahead of
 * time: a literal IP, or every address a name resolves to, must be public
 * unless `allowPrivate`. A name that does not resolve passes.
 */
export function addressCheck(opts: { allowPrivate: boolean; isPublic?: (ip: string) => boolean; resolve?: (host: string) => Promise<string[]> }): AddressCheck {
  if (opts.allowPrivate) return async () => undefined;
  const isPublic = opts.isPublic ?? isPublicAddress;
  const resolve = opts.resolve ?? resolveAll;
  return async (url) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) {
      if (!isPublic(host)) throw refusal(host, host);
      return;
    }
    let addresses: string[];
    try {
      addresses = await resolve(host);
    } catch {
      return;
    }
    const bad = addresses.find((a) => !isPublic(a));
    if (bad) throw refusal(host, bad);
  };
}
