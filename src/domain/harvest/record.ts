import type { DatasetMetadata, SpatialCoverage, TemporalCoverage } from '../catalog/types.ts';
import type { HarvestOrigin, HarvestedRecord } from './types.ts';

/** Why a record cannot become a dataset, in words for the run's report; null when it can. */
export function recordProblem(r: HarvestedRecord): string | null {
  if (!r.remoteId.trim()) return 'The record has no identifier at the source.';
  if (!r.title.trim()) return 'The record has no title.';
  return null;
}

/**
 * The key that makes two sources' records one dataset: the identifier with
 * case, scheme and trailing slashes set aside, so that `HTTPS://x.org/d/1/`
 * and `http://x.org/d/1` meet.
 */
export function identifierKey(identifier: string): string {
  return identifier.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
}

const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const isoDate = (s: string | null): string | null => {
  const d = s?.trim().slice(0, 10) ?? '';
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d)) ? d : null;
};

function temporalOf(t: TemporalCoverage | null): TemporalCoverage | null {
  if (!t) return null;
  const start = isoDate(t.start);
  const end = isoDate(t.end);
  if (!start && !end) return null;
  return start && end && start > end ? { start: end, end: start } : { start, end };
}

function spatialOf(s: SpatialCoverage | null): SpatialCoverage | null {
  if (!s) return null;
  const place = s.place?.trim() ? clip(s.place.trim(), 200) : null;
  const b = s.bbox;
  const bbox = b && b.every(Number.isFinite) && b[0] >= -180 && b[2] <= 180 && b[1] >= -90 && b[3] <= 90 && b[0] <= b[2] && b[1] <= b[3] ? b : null;
  return place || bbox ? { place, bbox } : null;
}

/**
 * The dataset's metadata from a record, within the limits publishers' own
 * metadata keeps: the site's themes are matched without regard to case and
 * the source's other categories become keywords; keywords are lower case,
 * unique and at most 30; dates are kept only when they are dates.
 */
export function metadataOf(r: HarvestedRecord, siteThemes: readonly string[]): DatasetMetadata {
  const byLower = new Map(siteThemes.map((t) => [t.toLowerCase(), t]));
  const themes: string[] = [];
  const extra: string[] = [];
  for (const t of r.themes) {
    const mine = byLower.get(t.trim().toLowerCase());
    if (mine && !themes.includes(mine)) themes.push(mine);
    else if (!mine && t.trim()) extra.push(t);
  }
  const keywords = [...new Set([...r.keywords, ...extra].map((k) => clip(k.trim().toLowerCase(), 60)).filter(Boolean))].slice(0, 30);
  const contact = r.contactPoint && r.contactPoint.name.trim() ? { name: clip(r.contactPoint.name.trim(), 200), email: r.contactPoint.email.trim() } : null;
  return {
    title: clip(r.title.trim(), 200),
    description: clip(r.description.trim(), 20_000),
    keywords,
    themes: themes.slice(0, 5),
    publisher: r.publisher?.trim() ? clip(r.publisher.trim(), 200) : null,
    contactPoint: contact,
    license: r.license,
    frequency: r.frequency,
    temporal: temporalOf(r.temporal),
    spatial: spatialOf(r.spatial),
    issued: isoDate(r.issued),
    language: [...new Set(r.language.map((l) => l.trim().toLowerCase().slice(0, 2)).filter((l) => /^[a-z]{2}$/.test(l)))].slice(0, 10),
    accessLevel: 'public',
    suggestedUses: '',
    knownLimitations: '',
  };
}

/**
 * Each dataset's leading origin, by dataset id: the earliest one whose source
 * still lists it, else its earliest. It is the origin lists and metadata
 * formats name a harvested dataset by.
 */
export function leadingOrigins(origins: readonly HarvestOrigin[]): Map<string, HarvestOrigin> {
  const ordered = [...origins].sort((a, b) => Number(Boolean(a.removedAt)) - Number(Boolean(b.removedAt)) || a.firstSeenAt.localeCompare(b.firstSeenAt));
  const lead = new Map<string, HarvestOrigin>();
  for (const o of ordered) if (!lead.has(o.datasetId)) lead.set(o.datasetId, o);
  return lead;
}
