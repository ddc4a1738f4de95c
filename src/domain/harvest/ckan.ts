import type { HarvestError, HarvestedDistribution, HarvestedRecord } from './types.ts';
import { formatOf, matchFrequency, matchLicense } from './vocab-match.ts';
import { isObject, str, type Json } from './json-values.ts';

const isHttp = (v: string | null): v is string => !!v && /^https?:\/\/[^\s/]+/i.test(v);

/**
 * The site root of a CKAN Action API given as the root itself or as an
 * address under `/api/3/action/` or `/api/action/` (an action's name, a
 * query and a trailing slash set aside), and the action base to call.
 */
export function ckanApi(url: string): { root: string; actions: string } {
  const u = new URL(url.trim());
  u.search = '';
  u.hash = '';
  const m = /^(.*?)\/api(\/3)?\/action(\/.*)?$/.exec(u.pathname);
  const rootPath = (m ? m[1]! : u.pathname).replace(/\/+$/, '');
  const root = `${u.origin}${rootPath}`;
  return { root, actions: m ? `${root}/api${m[2] ?? ''}/action` : `${root}/api/3/action` };
}

/** A CKAN time stamp (UTC, often without a zone letter) as an ISO instant; null when it is not one. */
export function ckanInstant(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  const zoned = /[zZ]|[+-]\d{2}:?\d{2}$/.test(s.slice(10)) ? s : `${s}Z`;
  const t = Date.parse(zoned);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** The `extras` list as a map of its keys, lower case. */
function extrasMap(v: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (Array.isArray(v)) {
    for (const e of v) {
      if (!isObject(e)) continue;
      const key = str(e.key);
      const value = typeof e.value === 'string' ? e.value.trim() : e.value === null || e.value === undefined ? '' : JSON.stringify(e.value);
      if (key && value) out.set(key.toLowerCase(), value);
    }
  }
  return out;
}

/** A list written as JSON, else separated by commas. */
function listOf(v: string | undefined): string[] {
  if (!v) return [];
  if (v.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(v);
      if (Array.isArray(parsed)) return parsed.map(str).filter((s): s is string => s !== null);
    } catch {
      /* not JSON after all: read it as words */
    }
  }
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

/** The bounding box of a GeoJSON geometry (ckanext-spatial's `spatial` extra), west, south, east, north. */
export function geojsonBbox(v: string | undefined): [number, number, number, number] | null {
  if (!v) return null;
  let geometry: unknown;
  try {
    geometry = JSON.parse(v);
  } catch {
    return null;
  }
  const box = [Infinity, Infinity, -Infinity, -Infinity] as [number, number, number, number];
  const walk = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number') {
      box[0] = Math.min(box[0], c[0]);
      box[1] = Math.min(box[1], c[1]);
      box[2] = Math.max(box[2], c[0]);
      box[3] = Math.max(box[3], c[1]);
    } else c.forEach(walk);
  };
  if (isObject(geometry)) {
    if (Array.isArray(geometry.geometries)) geometry.geometries.forEach((g) => isObject(g) && walk(g.coordinates));
    else walk(geometry.coordinates);
  }
  return box.every(Number.isFinite) ? box : null;
}

/** A date, or a bare year (the first day of it as a start, the last as an end). */
function dateOf(v: string | undefined, end: boolean): string | null {
  if (!v) return null;
  if (/^\d{4}$/.test(v)) return end ? `${v}-12-31` : `${v}-01-01`;
  return /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : null;
}

const firstOf = (x: Map<string, string>, ...keys: string[]): string | undefined => keys.map((k) => x.get(k)).find((v) => v !== undefined);

function distributionsOf(v: unknown): HarvestedDistribution[] {
  if (!Array.isArray(v)) return [];
  const out: HarvestedDistribution[] = [];
  for (const r of v) {
    if (!isObject(r) || (str(r.state) && r.state !== 'active')) continue;
    const url = str(r.url);
    if (!isHttp(url)) continue;
    const mediaType = str(r.mimetype);
    const format = formatOf(str(r.format), mediaType, url) ?? (r.resource_type === 'api' ? 'api' : null);
    out.push({ title: str(r.name) ?? str(r.title) ?? str(r.format) ?? format?.toUpperCase() ?? 'Distribution', url, format, mediaType });
  }
  return out;
}

/** What differs between a CKAN site and a Plaza site read through its CKAN API. */
export interface CkanFlavour {
  /** The site root, for the addresses of datasets' pages. */
  root: string;
  /** `plaza`: the identifier is the dataset's page on that site (`/datasets/<slug>`), as its `data.json` gives it. */
  kind: 'ckan' | 'plaza';
}

/** Why a package is not harvested (private, not active, not a dataset); null when it is. */
export function ckanSkip(pkg: Json): string | null {
  if (pkg.private === true) return 'private';
  if (str(pkg.state) && pkg.state !== 'active') return 'not active';
  if (str(pkg.type) && pkg.type !== 'dataset') return 'not a dataset';
  const x = extrasMap(pkg.extras);
  if (x.get('access_level') === 'private') return 'private';
  return null;
}

/**
 * One CKAN package dict (as `package_show` and `package_search` give it)
 * in Plaza's terms, or the reason it cannot be read. Private and inactive
 * packages are the caller's to leave out (`ckanSkip`).
 */
export function ckanRecord(pkg: unknown, flavour: CkanFlavour): HarvestedRecord | HarvestError {
  if (!isObject(pkg)) return { identifier: null, title: null, reason: 'An entry of the results is not an object.' };
  const id = str(pkg.id);
  const name = str(pkg.name) ?? id;
  const title = str(pkg.title) ?? str(pkg.name);
  if (!id || !name) return { identifier: null, title, reason: 'The package has no "id".' };
  const x = extrasMap(pkg.extras);
  const page = flavour.kind === 'plaza' ? `${flavour.root}/datasets/${name}` : `${flavour.root}/dataset/${name}`;
  // A Plaza site's own datasets are known by their page there; one it harvested keeps the identifier it came with, when it says it.
  const identifier = firstOf(x, 'identifier', 'guid', 'dcat_identifier') ?? page;
  if (!title) return { identifier, title: null, reason: 'The package has no "title".' };
  const org = isObject(pkg.organization) ? pkg.organization : null;
  const tags = Array.isArray(pkg.tags) ? pkg.tags.map((t) => (isObject(t) ? str(t.display_name) ?? str(t.name) : str(t))).filter((t): t is string => t !== null) : [];
  const groups = Array.isArray(pkg.groups) ? pkg.groups.map((g) => (isObject(g) ? str(g.title) ?? str(g.display_name) ?? str(g.name) : null)).filter((g): g is string => g !== null) : [];
  // A Plaza site writes its publisher as `author`: only `maintainer` is a contact there.
  const contactName = str(pkg.maintainer) ?? (flavour.kind === 'plaza' ? null : str(pkg.author));
  const contactEmail = (str(pkg.maintainer) ? str(pkg.maintainer_email) : str(pkg.author_email)) ?? str(pkg.maintainer_email) ?? str(pkg.author_email);
  const contactExtra = firstOf(x, 'contact_email', 'contact_point', 'contact-email');
  const contact = contactName ?? firstOf(x, 'contact_name', 'contact-name') ?? contactExtra;
  const email = (contactName ? contactEmail : null) ?? (contactExtra && /@/.test(contactExtra) ? contactExtra : null);
  const temporalStart = dateOf(firstOf(x, 'temporal_start', 'temporal_coverage_from', 'temporal-extent-begin'), false);
  const temporalEnd = dateOf(firstOf(x, 'temporal_end', 'temporal_coverage_to', 'temporal-extent-end'), true);
  const bbox = geojsonBbox(x.get('spatial'));
  const place = firstOf(x, 'spatial_text', 'spatial_coverage', 'geographic_coverage') ?? (x.get('spatial') && !bbox ? x.get('spatial') : undefined) ?? null;
  const url = str(pkg.url);
  return {
    remoteId: id,
    identifier,
    title,
    description: str(pkg.notes) ?? '',
    keywords: tags,
    themes: groups.length ? groups : listOf(x.get('theme')),
    publisher: x.get('publisher_name') ?? (org ? str(org.title) ?? str(org.name) : null) ?? str(pkg.author) ?? str(pkg.maintainer),
    contactPoint: contact ? { name: contact, email: (email ?? '').replace(/^mailto:/i, '') } : null,
    license: matchLicense(str(pkg.license_id)) ?? matchLicense(str(pkg.license_url)) ?? matchLicense(str(pkg.license_title)),
    frequency: matchFrequency(firstOf(x, 'frequency', 'accrualperiodicity', 'accrual_periodicity', 'update_frequency')),
    temporal: temporalStart || temporalEnd ? { start: temporalStart, end: temporalEnd } : null,
    spatial: bbox || place ? { place, bbox } : null,
    issued: x.get('issued')?.slice(0, 10) ?? ckanInstant(pkg.metadata_created)?.slice(0, 10) ?? null,
    modified: ckanInstant(pkg.metadata_modified),
    language: listOf(x.get('language')),
    landingPage: flavour.kind === 'plaza' ? page : isHttp(url) ? url : page,
    distributions: distributionsOf(pkg.resources),
  };
}

/** The result of a CKAN Action API answer, or why it is not one. */
export function ckanResult(answer: unknown): { result: unknown } | { problem: string } {
  if (!isObject(answer) || !('success' in answer)) return { problem: 'it is not a CKAN Action API answer' };
  if (answer.success !== true) {
    const err = isObject(answer.error) ? str(answer.error.message) ?? JSON.stringify(answer.error) : 'no reason given';
    return { problem: `the action failed: ${err}` };
  }
  return { result: answer.result };
}

/** A `package_search` result: the total and this page's packages. */
export function searchPage(result: unknown): { count: number; results: unknown[] } | null {
  if (!isObject(result) || !Array.isArray(result.results)) return null;
  const count = typeof result.count === 'number' ? result.count : result.results.length;
  return { count, results: result.results };
}
