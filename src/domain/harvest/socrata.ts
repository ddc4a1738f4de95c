import { podRecord } from './dcat-us.ts';
import type { HarvestError, HarvestedRecord } from './types.ts';
import { matchFrequency, matchLicense } from './vocab-match.ts';
import { isObject, str, strings } from './json-values.ts';


/** Socrata's ids: four-by-four, letters and digits. */
const FOUR_BY_FOUR = /(?:^|\/)([a-z0-9]{4}-[a-z0-9]{4})(?=$|[/?#.])/;

/** The four-by-four in a Socrata address (`/api/views/<id>`, `/d/<id>`, `/Category/Name/<id>`), or null. */
export function fourByFour(url: string | null): string | null {
  if (!url) return null;
  try {
    return FOUR_BY_FOUR.exec(new URL(url).pathname)?.[1] ?? null;
  } catch {
    return null;
  }
}

/** What other catalogs know a Socrata asset by: its address under `/api/views/`, as Socrata's own `data.json` writes it. */
export const socrataIdentifier = (domain: string, id: string): string => `https://${domain}/api/views/${id}`;

/**
 * One dataset of a Socrata domain's `data.json` (DCAT-US), kept by its
 * four-by-four so that the same asset read from the Discovery API is the
 * same record.
 */
export function socrataPodRecord(d: unknown): HarvestedRecord | HarvestError {
  const r = podRecord(d);
  if ('reason' in r) return r;
  const id = fourByFour(r.identifier) ?? fourByFour(r.landingPage);
  return id ? { ...r, remoteId: id } : r;
}

/** The Discovery API's results of a page and the total, or null when the answer is not one. */
export function discoveryPage(answer: unknown): { results: unknown[]; total: number } | null {
  if (!isObject(answer) || !Array.isArray(answer.results)) return null;
  return { results: answer.results, total: typeof answer.resultSetSize === 'number' ? answer.resultSetSize : answer.results.length };
}

const hostOf = (url: string | null): string | null => {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
};

/** Asset types harvested from the Discovery API: tables. Charts, maps, stories and filtered views are views of them. */
const HARVESTED_TYPES = new Set(['dataset']);

/** A domain metadata value whose key ends with one of the names (`Refresh-Frequency_Frequency`, `Data-Owner_Owner`). */
function domainMeta(list: unknown, ...names: string[]): string | null {
  if (!Array.isArray(list)) return null;
  for (const m of list) {
    if (!isObject(m)) continue;
    const key = str(m.key)?.toLowerCase() ?? '';
    if (names.some((n) => key.endsWith(n))) return str(m.value);
  }
  return null;
}

/**
 * One result of the Socrata Discovery API (`/api/catalog/v1`) in Plaza's
 * terms; null for assets that are not tables (charts, maps, stories), an
 * error when it has no id or name.
 */
export function discoveryRecord(item: unknown): HarvestedRecord | HarvestError | null {
  if (!isObject(item) || !isObject(item.resource)) return { identifier: null, title: null, reason: 'A result of the catalog has no "resource".' };
  const res = item.resource;
  const type = str(res.type);
  if (type && !HARVESTED_TYPES.has(type)) return null;
  const id = str(res.id);
  const title = str(res.name);
  const meta = isObject(item.metadata) ? item.metadata : {};
  const cls = isObject(item.classification) ? item.classification : {};
  const permalink = str(item.permalink) ?? str(item.link);
  const domain = str(meta.domain) ?? hostOf(permalink);
  if (!id || !domain) return { identifier: null, title, reason: 'The asset has no four-by-four id or domain.' };
  const identifier = socrataIdentifier(domain, id);
  if (!title) return { identifier, title: null, reason: 'The asset has no name.' };
  const email = str(res.contact_email);
  const category = str(cls.domain_category);
  const owner = domainMeta(cls.domain_metadata, '_owner', 'owner');
  const modified = str(res.updatedAt) ?? str(res.metadata_updated_at) ?? str(res.data_updated_at);
  return {
    remoteId: id,
    identifier,
    title,
    description: str(res.description) ?? '',
    keywords: [...new Set([...strings(cls.domain_tags), ...strings(cls.tags)])],
    themes: [...new Set([...(category ? [category] : []), ...strings(cls.categories)])],
    publisher: str(res.attribution) ?? owner,
    contactPoint: email ? { name: owner ?? str(res.attribution) ?? email, email } : null,
    license: matchLicense(str(meta.license)),
    frequency: matchFrequency(domainMeta(cls.domain_metadata, 'frequency')),
    temporal: null,
    spatial: null,
    issued: str(res.createdAt),
    modified,
    language: [],
    landingPage: permalink ?? `https://${domain}/d/${id}`,
    distributions: [{ title: 'CSV', url: `https://${domain}/api/views/${id}/rows.csv?accessType=DOWNLOAD`, format: 'csv', mediaType: 'text/csv' }],
  };
}
