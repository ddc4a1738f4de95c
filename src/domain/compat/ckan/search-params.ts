import type { SearchFacet, SearchSort } from '../../catalog/search.ts';
import { SolrQueryError, type SolrClause } from './solr-query.ts';

/** A parameter CKAN's validators would refuse: `{ field: [messages] }`, as its Validation Error lists them. */
export class CkanParamError extends Error {
  constructor(readonly fields: Record<string, string[]>) {
    super(Object.entries(fields).map(([k, v]) => `${k}: ${v.join(' ')}`).join('; '));
  }
}

/** A `sort` CKAN's search would refuse ("Search Query Error"). */
export class CkanSortError extends Error {}

/** An integer parameter, as CKAN's `int_validator` and `natural_number_validator` read it. */
export function intParam(params: Record<string, unknown>, name: string, fallback: number, opts: { min?: number; max?: number } = {}): number {
  const raw = params[name];
  if (raw === undefined || raw === null || raw === '') return fallback;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n)) throw new CkanParamError({ [name]: ['Invalid integer'] });
  if (opts.min !== undefined && n < opts.min) throw new CkanParamError({ [name]: [opts.min === 0 ? 'Must be a natural number' : 'Must be a positive integer'] });
  return opts.max !== undefined ? Math.min(n, opts.max) : n;
}

/** A boolean parameter, as CKAN's `asbool` reads it (true, yes, on, 1). */
export function boolParam(params: Record<string, unknown>, name: string): boolean {
  const raw = params[name];
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw !== 0;
  return typeof raw === 'string' && ['true', 'yes', 'on', '1', 'y', 't'].includes(raw.trim().toLowerCase());
}

/** A text parameter; anything else (a list, an object) is refused. */
export function textParam(params: Record<string, unknown>, name: string): string | undefined {
  const raw = params[name];
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  throw new CkanParamError({ [name]: ['Must be a string'] });
}

/** CKAN's facet fields and the Plaza facets they count. */
export const CKAN_FACETS: Readonly<Record<string, SearchFacet>> = {
  organization: 'organization',
  groups: 'theme',
  tags: 'keyword',
  res_format: 'format',
  license_id: 'license',
};

/** `facet.field`: a JSON list of CKAN facet fields (or one field's name). */
export function facetFields(params: Record<string, unknown>): string[] {
  const raw = params['facet.field'];
  if (raw === undefined || raw === null || raw === '') return [];
  let list: unknown = raw;
  if (typeof raw === 'string') {
    try {
      list = raw.trim().startsWith('[') ? JSON.parse(raw) : [raw];
    } catch {
      throw new CkanParamError({ 'facet.field': ['Could not parse as valid JSON'] });
    }
  }
  if (!Array.isArray(list) || !list.every((f): f is string => typeof f === 'string')) throw new CkanParamError({ 'facet.field': ['Not a list of strings'] });
  const unknown = list.filter((f) => !Object.hasOwn(CKAN_FACETS, f));
  if (unknown.length) throw new SolrQueryError(`Cannot count facets of ${unknown.map((f) => `"${f}"`).join(', ')}: the facet fields are ${Object.keys(CKAN_FACETS).join(', ')}.`);
  return [...new Set(list)];
}

/** CKAN's default order of search results. */
export const DEFAULT_SORT = 'score desc, metadata_modified desc';

/**
 * `sort` onto Plaza's orders. Relevance, most recently modified, most popular
 * and by title; `name asc` and `id asc` (which harvesters send to page
 * steadily) are read as by title, an order as stable, tie-broken by name.
 */
export function sortOf(raw: string | undefined): SearchSort {
  const s = (raw ?? '').trim().toLowerCase().replace(/\s+/g, ' ');
  if (s === '' || s === 'rank' || s === DEFAULT_SORT || s === 'score desc' || s === 'relevance asc' || s === 'relevance desc') return 'relevance';
  const first = s.split(',')[0]!.trim();
  if (first === 'metadata_modified desc') return 'updated';
  if (first === 'views_recent desc' || first === 'views_total desc') return 'popular';
  if (['title_string asc', 'title asc', 'name asc', 'id asc'].includes(first)) return 'title';
  throw new CkanSortError(`Invalid "sort" parameter: sorts are "${DEFAULT_SORT}", "metadata_modified desc", "views_recent desc", "title_string asc" and "name asc".`);
}

/** What a `q` and `fq` ask of the catalog, before names are resolved against the site's organizations and themes. */
export interface SolrFilters {
  text: string[];
  /** Values per Plaza facet, each list matching any of its values; several lists of one facet must all match. */
  include: { facet: SearchFacet; values: string[] }[];
  /** Organizations (by slug or id) excluded. */
  excludeOrganizations: string[];
  ids: string[][];
  names: string[][];
  updated: { from?: string; to?: string };
  /** A condition nothing can meet (a type other than dataset, a state other than active). */
  none: boolean;
  /** `capacity:public`: only what anyone may see, whatever `include_private` says. */
  publicOnly: boolean;
}

const FIELD_FACETS: Readonly<Record<string, SearchFacet>> = { ...CKAN_FACETS, owner_org: 'organization', tags: 'keyword', license: 'license' };
const TEXT_FIELDS = new Set(['text', 'title', 'notes']);

/** An instant of a range: `*`, `NOW`, a date or a date and time (UTC when no zone is given). */
function instant(v: string | null, field: string): string | undefined {
  if (v === null) return undefined;
  if (v.toUpperCase() === 'NOW') return new Date().toISOString();
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?$/.exec(v);
  const d = m ? new Date(`${m[1]}T${m[2] ?? '00:00:00'}${m[3] ?? 'Z'}`) : undefined;
  if (!d || Number.isNaN(d.getTime())) throw new SolrQueryError(`"${v}" is not a date for ${field}: write 2024-01-31T00:00:00Z, or * for an open end.`);
  return d.toISOString();
}

/** The conditions of `q` and `fq` clauses, or a refusal naming the field CKAN's search would not know. */
export function filtersOf(clauses: readonly SolrClause[]): SolrFilters {
  const f: SolrFilters = { text: [], include: [], excludeOrganizations: [], ids: [], names: [], updated: {}, none: false, publicOnly: false };
  for (const c of clauses) {
    if (c.kind === 'text') {
      if (c.negate) throw new SolrQueryError(`Excluding words (-${c.text}) is not supported: exclude a field's value, as in -organization:parks.`);
      f.text.push(c.text);
      continue;
    }
    if (c.kind === 'range') {
      if (c.field !== 'metadata_modified') throw new SolrQueryError(`Ranges are supported on metadata_modified only, not on "${c.field}".`);
      if (c.negate) throw new SolrQueryError('Excluding a range of metadata_modified is not supported.');
      const from = instant(c.from, c.field);
      const to = instant(c.to, c.field);
      if (from && (!f.updated.from || from > f.updated.from)) f.updated.from = from;
      if (to && (!f.updated.to || to < f.updated.to)) f.updated.to = to;
      continue;
    }
    const field = c.field;
    if (c.negate && field !== 'organization' && field !== 'owner_org') {
      throw new SolrQueryError(`Excluding values (-${field}:...) is supported for organization and owner_org only.`);
    }
    if (TEXT_FIELDS.has(field)) f.text.push(...c.values);
    else if (field === 'id') f.ids.push(c.values);
    else if (field === 'name') f.names.push(c.values);
    else if (field === 'dataset_type' || field === 'type') f.none ||= !c.values.includes('dataset');
    else if (field === 'state') f.none ||= !c.values.includes('active');
    else if (field === 'capacity') {
      if (c.values.includes('public')) f.publicOnly = true;
      else f.none = true;
    }
    else if (Object.hasOwn(FIELD_FACETS, field)) {
      const facet = FIELD_FACETS[field]!;
      if (c.negate) f.excludeOrganizations.push(...c.values);
      else f.include.push({ facet, values: field === 'owner_org' ? c.values.map((v) => `id:${v}`) : c.values });
    } else {
      throw new SolrQueryError(`Unknown field "${field}": the fields are organization, owner_org, groups, tags, res_format, license_id, name, id, metadata_modified, text, title, notes, dataset_type, state and capacity.`);
    }
  }
  return f;
}
