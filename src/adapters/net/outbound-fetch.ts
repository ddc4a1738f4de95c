import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import type { Agent, fetch as UndiciFetch } from 'undici';
import { isPublicAddress } from '../../domain/net/addresses.ts';
import { PrivateAddressError, type HttpFetch } from '../../ports/http-fetch.ts';

const MAX_REDIRECTS = 5;

/** Why a request to `host` (found at `address`) is refused. */
export const refusal = (host: string, address: string): PrivateAddressError =>
  new PrivateAddressError(`${host} is ${host === address ? '' : `at ${address}, `}an address inside a private network, which Plaza does not reach on a user's behalf (setting PLAZA_ALLOW_PRIVATE_URLS)`);

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** DNS lookup that refuses private addresses: checked on the address the connection will use, so a name cannot change between check and use. */
const guardedLookup = (isPublic: (ip: string) => boolean) => (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
  lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const bad = addresses.find((a) => !isPublic(a.address));
    if (bad) return callback(refusal(hostname, bad.address) as NodeJS.ErrnoException, []);
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
    callback(null, first.address, first.family);
  });
};

/**
 * Outbound HTTP for requests made on users' behalf. Unless `allowPrivate`,
 * loopback, private, link-local and other non-public addresses are refused,
 * whether named by a literal IP, resolved from a name, or reached through a
 * redirect (each hop is checked; at most 5 are followed).
 */
export function outboundFetch(opts: { allowPrivate: boolean; isPublic?: (ip: string) => boolean }): HttpFetch {
  if (opts.allowPrivate) return (url, init) => fetch(url, init);
  const isPublic = opts.isPublic ?? isPublicAddress;
  // undici is loaded with the first request: most runs of the command make none.
  let client: Promise<{ agent: Agent; fetch: typeof UndiciFetch }> | undefined;
  const once = async (url: URL, init: Parameters<HttpFetch>[1]) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) && !isPublic(host)) throw refusal(host, host);
    client ??= import('undici').then((u) => ({ agent: new u.Agent({ connect: { lookup: guardedLookup(isPublic) } }), fetch: u.fetch }));
    const { agent, fetch: undiciFetch } = await client;
    // undici's Response is the same WHATWG Response the platform's fetch returns.
    return undiciFetch(url, { ...init, redirect: 'manual', dispatcher: agent }) as unknown as Promise<Response>;
  };
  return async (input, init = {}) => {
    let url = new URL(input);
    for (let hop = 0; ; hop++) {
      const res = await once(url, init);
      const location = res.headers.get('location');
      if (init.redirect === 'manual' || res.status < 300 || res.status >= 400 || !location) return res;
      if (hop >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
      await res.body?.cancel().catch(() => undefined);
      const next = new URL(location, url);
      // Credentials go to the origin they were given for, never on to another (as fetch itself does).
      if (next.origin !== url.origin && init.headers) init = { ...init, headers: Object.fromEntries(Object.entries(init.headers).filter(([k]) => k.toLowerCase() !== 'authorization')) };
      url = next;
    }
  };
}
