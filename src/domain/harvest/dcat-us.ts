import type { HarvestError, HarvestedDistribution, HarvestedRecord } from './types.ts';
import { formatOf, matchFrequency, matchLicense } from './vocab-match.ts';
import { isObject, str, strings } from './json-values.ts';

const commaStrings = (v: unknown): string[] => strings(v, true);

/** `w,s,e,n` numbers, else a place name. */
function spatialOf(v: unknown): HarvestedRecord['spatial'] {
  const s = str(v);
  if (!s) return null;
  const nums = s.split(',').map((n) => Number(n.trim()));
  if (nums.length === 4 && nums.every(Number.isFinite)) return { place: null, bbox: nums as [number, number, number, number] };
  return { place: s, bbox: null };
}

/** `start/end` (dates or instants; either may be a duration, which is dropped). */
function temporalOf(v: unknown): HarvestedRecord['temporal'] {
  const s = str(v);
  if (!s) return null;
  const [a, b] = s.split('/');
  const date = (x: string | undefined) => (x && /^\d{4}-\d{2}-\d{2}/.test(x) ? x.slice(0, 10) : x && /^\d{4}$/.test(x) ? `${x}-01-01` : null);
  const start = date(a);
  const end = date(b);
  return start || end ? { start, end } : null;
}

function distributionsOf(v: unknown): HarvestedDistribution[] {
  if (!Array.isArray(v)) return [];
  const out: HarvestedDistribution[] = [];
  for (const d of v) {
    if (!isObject(d)) continue;
    const url = str(d.downloadURL) ?? str(d.accessURL);
    if (!url) continue;
    const mediaType = str(d.mediaType);
    const format = formatOf(str(d.format), mediaType, url) ?? (str(d.accessURL) && !str(d.downloadURL) ? 'api' : null);
    out.push({ title: str(d.title) ?? str(d.format) ?? format?.toUpperCase() ?? 'Distribution', url, format, mediaType });
  }
  return out;
}

/** One DCAT-US 1.1 dataset of a `data.json`, or the reason it cannot be read. */
export function podRecord(d: unknown): HarvestedRecord | HarvestError {
  if (!isObject(d)) return { identifier: null, title: null, reason: 'An entry of "dataset" is not an object.' };
  const identifier = str(d.identifier);
  const title = str(d.title);
  if (!identifier) return { identifier: null, title, reason: 'The dataset has no "identifier".' };
  if (!title) return { identifier, title: null, reason: 'The dataset has no "title".' };
  const contact = isObject(d.contactPoint) ? d.contactPoint : null;
  const publisher = isObject(d.publisher) ? str(d.publisher.name) : null;
  const modified = str(d.modified);
  return {
    remoteId: identifier,
    identifier,
    title,
    description: str(d.description) ?? '',
    keywords: commaStrings(d.keyword),
    themes: commaStrings(d.theme),
    publisher,
    contactPoint: contact && str(contact.fn) ? { name: str(contact.fn) ?? '', email: (str(contact.hasEmail) ?? '').replace(/^mailto:/i, '') } : null,
    license: matchLicense(str(d.license)),
    frequency: matchFrequency(str(d.accrualPeriodicity)),
    temporal: temporalOf(d.temporal),
    spatial: spatialOf(d.spatial),
    issued: str(d.issued),
    modified: modified && /^R\//.test(modified) ? null : modified,
    language: commaStrings(d.language),
    landingPage: str(d.landingPage),
    distributions: distributionsOf(d.distribution),
  };
}

/** The datasets of a `data.json` catalog; anything else is refused with the reason. */
export function podDatasets(catalog: unknown): unknown[] | string {
  if (!isObject(catalog)) return Array.isArray(catalog) ? catalog : 'The answer is not a DCAT-US catalog: it is not a JSON object.';
  if (!Array.isArray(catalog.dataset)) return 'The answer is not a DCAT-US catalog: it has no "dataset" list.';
  return catalog.dataset as unknown[];
}
