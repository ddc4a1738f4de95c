/**
 * Where each kind of peer is asked for a search, in one place (docs/peers.md).
 * Plaza, CKAN and Socrata peers have a search API; DCAT catalogs have none
 * and are read whole (`actions/peers/catalog-match.ts`).
 */

/** Socrata's Discovery API, which searches every Socrata domain (`domains=` picks one). */
export const SOCRATA_DISCOVERY = 'https://api.us.socrata.com/api/catalog/v1';

/** A site's root: its address without a trailing slash, query or fragment. */
export function siteRoot(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

/** A CKAN site's root, when the address given names its Action API. */
const ckanRoot = (url: string): string => siteRoot(url).replace(/\/api(\/3)?(\/action)?(\/[a-z_]+)?$/, '');

/** Names that stay on this machine: a peer there is a stand-in, asked itself. */
const isLoopback = (host: string): boolean => host === 'localhost' || host === '[::1]' || /^127\./.test(host);

/**
 * The Discovery API a Socrata peer is searched through: an address that
 * names one (`…/api/catalog/v1`, as the EU instance at
 * `https://api.eu.socrata.com/api/catalog/v1`) is used as it is; a peer on
 * this machine (a stand-in) answers itself; any other is searched through
 * Socrata's shared Discovery API.
 */
export function socrataDiscoveryBase(peerUrl: string): string {
  const u = new URL(peerUrl);
  if (/\/api\/catalog\/v1\/?$/.test(u.pathname)) return siteRoot(peerUrl);
  if (isLoopback(u.hostname)) return `${u.origin}/api/catalog/v1`;
  return SOCRATA_DISCOVERY;
}

/** The Socrata domain a peer's address names (its `domains=` value). */
export function socrataDomain(peerUrl: string): string {
  const u = new URL(peerUrl);
  return u.searchParams.get('domains') ?? u.host;
}

/** The address a peer of a kind with a search API is asked, for words and a number of results. */
export function peerSearchUrl(kind: 'plaza' | 'ckan' | 'socrata', peerUrl: string, q: string, limit: number): string {
  switch (kind) {
    case 'plaza': {
      const u = new URL(`${siteRoot(peerUrl)}/api/v1/datasets`);
      if (q) u.searchParams.set('q', q);
      u.searchParams.set('limit', String(limit));
      u.searchParams.set('facets', 'organization');
      u.searchParams.set('facet_limit', '1');
      return u.toString();
    }
    case 'ckan': {
      const u = new URL(`${ckanRoot(peerUrl)}/api/3/action/package_search`);
      if (q) u.searchParams.set('q', q);
      u.searchParams.set('rows', String(limit));
      return u.toString();
    }
    case 'socrata': {
      const u = new URL(socrataDiscoveryBase(peerUrl));
      u.searchParams.set('domains', socrataDomain(peerUrl));
      if (q) u.searchParams.set('q', q);
      u.searchParams.set('limit', String(limit));
      return u.toString();
    }
  }
}

/** A CKAN dataset's page at its site. */
export const ckanDatasetPage = (peerUrl: string, name: string): string => `${ckanRoot(peerUrl)}/dataset/${encodeURIComponent(name)}`;
