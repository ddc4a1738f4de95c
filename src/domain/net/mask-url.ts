/**
 * Credentials written into an address (`https://user:password@host/…`) are
 * never echoed: not in messages, logs, the catalog or pages. The password
 * becomes `***` and the user name stays, so a publisher can tell which
 * account was used; a user name alone (often a token, as in
 * `https://TOKEN@host/`) becomes `***` itself.
 */
export const MASK = '***';

/** The user-info part of an address inside text: a scheme, `//`, then everything up to the last `@` of the authority. */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#]*)@/gi;

const maskUserinfo = (userinfo: string): string => {
  const colon = userinfo.indexOf(':');
  return colon > 0 ? `${userinfo.slice(0, colon)}:${MASK}` : MASK;
};

/** Text with the credentials of every address in it masked; text without any comes back unchanged. */
export function maskUrlsIn(text: string): string {
  return text.replace(USERINFO, (_all, scheme: string, userinfo: string) => `${scheme}${maskUserinfo(userinfo)}@`);
}

/** One address as it may be shown and kept: its credentials masked. */
export const maskUrl = (url: string): string => maskUrlsIn(url);

/** Whether an address carries a user name or password. */
export const hasCredentials = (url: string): boolean => maskUrlsIn(url) !== url;

/**
 * The credentials of an http(s) address as a Basic `Authorization` header
 * value, and the address without them; the header is undefined when there
 * are none.
 */
export function splitCredentials(url: URL): { url: URL; authorization: string | undefined } {
  if (!url.username && !url.password) return { url, authorization: undefined };
  const bare = new URL(url);
  bare.username = '';
  bare.password = '';
  const pair = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return { url: bare, authorization: `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(pair)))}` };
}
