import { FREQUENCIES, LICENSES } from '../catalog/vocab.ts';

/** Licence names and addresses other catalogs use, by Plaza's licence id (CKAN's ids, SPDX ids, short names). */
const LICENSE_ALIASES: Readonly<Record<string, string>> = {
  'cc-by': 'cc-by-4.0', 'cc-by-4.0': 'cc-by-4.0', 'cc-by 4.0': 'cc-by-4.0', 'creative commons attribution': 'cc-by-4.0',
  'cc-by-sa': 'cc-by-sa-4.0', 'cc-by-sa-4.0': 'cc-by-sa-4.0', 'creative commons attribution share-alike': 'cc-by-sa-4.0',
  'cc-zero': 'cc0-1.0', 'cc0': 'cc0-1.0', 'cc0-1.0': 'cc0-1.0', 'creative commons cczero': 'cc0-1.0',
  'odc-by': 'odc-by-1.0', 'odc-by-1.0': 'odc-by-1.0',
  'odc-odbl': 'odbl-1.0', 'odbl': 'odbl-1.0', 'odbl-1.0': 'odbl-1.0',
  'odc-pddl': 'pddl-1.0', 'pddl': 'pddl-1.0', 'pddl-1.0': 'pddl-1.0',
  'uk-ogl': 'ogl-uk-3.0', 'ogl-uk-3.0': 'ogl-uk-3.0', 'ogl': 'ogl-uk-3.0',
  'us-pd': 'us-pd', 'public domain': 'us-pd', 'other-pd': 'us-pd',
  'other-open': 'other-open', 'other-at': 'other-open', 'gfdl': 'other-open',
  'other-closed': 'other-closed', 'other-nc': 'other-closed', 'cc-nc': 'other-closed',
};

/** An address without scheme, `www.` and trailing slash, for comparing licence URLs. */
const bareUrl = (u: string): string => u.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '').replace(/\/+$/, '');

/** Plaza's licence id for a source's licence id, title or address; null when none matches. */
export function matchLicense(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  const lower = v.toLowerCase();
  if (LICENSES.some((l) => l.id === lower)) return lower;
  if (LICENSE_ALIASES[lower]) return LICENSE_ALIASES[lower];
  const bare = bareUrl(v);
  const byUrl = LICENSES.find((l) => bareUrl(l.url) === bare || (bare.startsWith('creativecommons.org/') && bareUrl(l.url).startsWith(bare)));
  if (byUrl) return byUrl.id;
  const byTitle = LICENSES.find((l) => l.title.toLowerCase() === lower);
  return byTitle?.id ?? null;
}

/** Frequency words other catalogs use (CKAN, Socrata, the EU's frequency vocabulary) by Plaza's id. */
const FREQUENCY_ALIASES: Readonly<Record<string, string>> = {
  continuous: 'continuous', cont: 'continuous', realtime: 'continuous', 'real-time': 'continuous', update_cont: 'continuous',
  hourly: 'hourly', daily: 'daily', weekly: 'weekly', monthly: 'monthly', quarterly: 'quarterly',
  biannual: 'semiannual', semiannual: 'semiannual', annual: 'annual', annually: 'annual', yearly: 'annual',
  irregular: 'irregular', irreg: 'irregular', 'as needed': 'irregular', never: 'never', historical: 'never', 'not updated': 'never',
};

/** Plaza's frequency id for an ISO 8601 repeating duration (`R/P1D`), a vocabulary address or a word; null when none matches. */
export function matchFrequency(value: string | null | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  const byIso = FREQUENCIES.find((f) => f.iso !== null && f.iso.toLowerCase() === v.toLowerCase());
  if (byIso) return byIso.id;
  const word = (v.split(/[/#]/).pop() ?? v).toLowerCase().replace(/_/g, ' ').trim();
  return FREQUENCY_ALIASES[word] ?? FREQUENCY_ALIASES[word.replace(/ /g, '_')] ?? (FREQUENCIES.some((f) => f.id === word) ? word : null);
}

const MEDIA_FORMATS: Readonly<Record<string, string>> = {
  'text/csv': 'csv', 'application/csv': 'csv', 'application/geo+json': 'geojson', 'application/vnd.geo+json': 'geojson',
  'application/json': 'json', 'application/x-ndjson': 'ndjson', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-excel': 'xls', 'application/xml': 'xml', 'text/xml': 'xml', 'application/rdf+xml': 'rdf', 'application/pdf': 'pdf',
  'application/zip': 'zip', 'text/html': 'html', 'application/vnd.google-earth.kml+xml': 'kml', 'application/x-parquet': 'parquet',
};

/**
 * A distribution's format in lower case, from what the source says (a name
 * like "CSV", a media type, an EU file-type address), else from the file
 * name's extension; null when nothing tells.
 */
export function formatOf(declared: string | null | undefined, mediaType: string | null | undefined, url: string | null | undefined): string | null {
  const d = declared?.trim();
  if (d) {
    const last = (d.split(/[/#]/).pop() ?? d).toLowerCase();
    if (MEDIA_FORMATS[d.toLowerCase()]) return MEDIA_FORMATS[d.toLowerCase()] ?? null;
    if (/^[a-z0-9+.-]{1,12}$/.test(last)) return last === 'json_ld' ? 'jsonld' : last.replace(/^geo\+json$/, 'geojson');
  }
  const m = mediaType?.split(';')[0]?.trim().toLowerCase();
  if (m && MEDIA_FORMATS[m]) return MEDIA_FORMATS[m] ?? null;
  try {
    const path = new URL(url ?? '').pathname.toLowerCase();
    const ext = /\.([a-z0-9]{2,8})$/.exec(path)?.[1];
    if (ext) return ext;
  } catch {
    /* not an address: nothing to tell by */
  }
  return null;
}

/** Formats Plaza loads into a version when an admin asks for a harvested dataset's data. */
export const LOADABLE_FORMATS: ReadonlySet<string> = new Set(['csv', 'geojson', 'tsv', 'json', 'ndjson', 'xlsx']);
