import { FORMATS, MIX, type FormatId } from '../../domain/ingest/formats.ts';
import type { ColumnType } from '../../domain/table/types.ts';
import { sqlString } from './values.ts';

/**
 * One way a text column can be read as a typed one: a cheap RE2 pattern the
 * trimmed value must match, and the SQL that parses it (NULL on failure).
 * `v` in `parse` is the SQL expression of the trimmed, non-empty value.
 */
export interface Candidate {
  id: string;
  type: ColumnType;
  physical: string;
  pattern: string;
  parse: (v: string) => string;
  /** A label for people: the format, e.g. `MM/DD/YYYY`. */
  format?: string;
  /** The formats it reads (several for a column that mixes them), as publishers name them in overrides. */
  formats: FormatId[];
  /**
   * Whether `parse` alone is strict enough to check every row (it returns NULL
   * for anything off-pattern); when false, rows are also matched against the
   * pattern. Parsing is much cheaper than matching on millions of rows.
   */
  strictParse?: boolean;
}

/** SQL that is true when a non-null value does not fit the candidate. */
export function misfit(c: Candidate, v: string): string {
  if (c.id === 'text') return 'false';
  const parsed = `(${c.parse(v)}) IS NULL`;
  if (c.strictParse) return `(${v} IS NOT NULL AND ${parsed})`;
  return `(${v} IS NOT NULL AND (${parsed} OR NOT regexp_full_match(${v}, ${sqlString(c.pattern)})))`;
}

const num = '[0-9]+(\\.[0-9]*)?|\\.[0-9]+';
/**
 * True when `v` holds only characters of this class (a regular expression's
 * class body). DuckDB's casts take more than the patterns do, and read some
 * of it lossily ('7570.5' as the BIGINT 7571, a timestamp's offset dropped,
 * 'NaN'): a parser that checks every row without the pattern must refuse
 * what the pattern would. A class is matched about three times faster than
 * the whole pattern, and far faster than `translate`.
 */
const only = (v: string, chars: string): string => `regexp_full_match(${v}, ${sqlString(`[${chars}]*`)})`;
/** After the date part of an ISO timestamp: a time without an offset. */
const noOffset = (v: string): string => only(`substr(${v}, 11)`, '0-9:. T');
/** After the date part: an offset ('Z', '+hh:mm', '-hh'). */
const hasOffset = (v: string): string => `(upper(right(${v}, 1)) = 'Z' OR contains(substr(${v}, 11), '+') OR contains(substr(${v}, 11), '-'))`;
const grouped = '[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]*)?';
/** Dates and times start with a digit: DuckDB reads 'infinity' as a date, a timestamp and a time alike. */
const digitFirst = (v: string): string => `left(${v}, 1) BETWEEN '0' AND '9'`;
/**
 * strptime over a value and a format each ended by a literal '|': DuckDB's
 * StrpTimeFormat::Parse can read past the end of a value that stops inside a
 * field (a crash seen with DuckDB 1.5 on large staged files); the sentinel
 * keeps every read inside the string and changes no match.
 */
const strptime = (fmt: string) => (v: string) => `CASE WHEN ${digitFirst(v)} THEN TRY_STRPTIME(${v} || '|', ${sqlString(`${fmt}|`)}) END`;
const dateFrom = (fmt: string) => (v: string) => `CAST(${strptime(fmt)(v)} AS DATE)`;
/** strptime formats match the whole value, so they are strict. */
const exact = { strictParse: true } as const;
const hms = '[0-9]{1,2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?';

/** A candidate's id, type and labels from the registry of formats; `labelled` false for plain numbers and booleans. */
const named = (id: FormatId, labelled = true) => ({ id, type: FORMATS[id].type, formats: [id], ...(labelled ? { format: FORMATS[id].label } : {}) });
const ydmTime = (v: string): string =>
  `coalesce(${strptime('%Y/%d/%m %H:%M:%S.%f')(v)}, ${strptime('%Y/%d/%m %H:%M:%S')(v)}, ${strptime('%Y/%d/%m %H:%M')(v)})`;

/** Candidates in order of preference: the first that fits the whole column wins. */
export const CANDIDATES: Candidate[] = [
  {
    ...named('boolean', false),
    physical: 'BOOLEAN',
    pattern: '(?i)(true|false|yes|no|y|n|t|f)',
    parse: (v) => `CASE WHEN lower(${v}) IN ('true','yes','y','t') THEN true WHEN lower(${v}) IN ('false','no','n','f') THEN false END`,
    strictParse: true,
  },
  {
    ...named('integer', false),
    physical: 'BIGINT',
    pattern: `[+-]?([0-9]{1,19}|[0-9]{1,3}(,[0-9]{3}){1,5})`,
    // Commas are thousands separators only where the pattern says so.
    parse: (v) => `CASE WHEN ${only(v, '0-9,+-')} AND (NOT contains(${v}, ',') OR regexp_full_match(${v}, '[+-]?[0-9]{1,3}(,[0-9]{3}){1,5}')) THEN TRY_CAST(replace(${v}, ',', '') AS BIGINT) END`,
    strictParse: true,
  },
  {
    ...named('decimal', false),
    physical: 'DOUBLE',
    // Whole numbers too long for a double to keep exactly are identifiers, not decimals.
    pattern: `[+-]?([0-9]{1,15}(\\.[0-9]*)?|[0-9]*\\.[0-9]+|${grouped})([eE][+-]?[0-9]+)?`,
    parse: (v) => `CASE WHEN ${only(v, '0-9,.eE+-')} AND (NOT contains(${v}, ',') OR regexp_full_match(${v}, ${sqlString(`[+-]?${grouped}`)})) THEN TRY_CAST(replace(${v}, ',', '') AS DOUBLE) END`,
    ...exact,
  },
  {
    ...named('money'),
    physical: 'DOUBLE',
    pattern: `(-\\$|\\$-?|\\(\\$)\\s?(${num}|${grouped})\\)?`,
    parse: (v) =>
      `(CASE WHEN ${v} LIKE '(%)' OR ${v} LIKE '-%' OR ${v} LIKE '$-%' THEN -1 ELSE 1 END) * TRY_CAST(regexp_replace(${v}, '[$,()\\s+-]', '', 'g') AS DOUBLE)`,
  },
  { ...named('date-iso'), physical: 'DATE', pattern: '[0-9]{4}-[0-9]{2}-[0-9]{2}', parse: (v) => `CASE WHEN length(${v}) = 10 AND substr(${v}, 5, 1) = '-' THEN TRY_CAST(${v} AS DATE) END`, ...exact },
  { ...named('date-ymd-slash'), physical: 'DATE', pattern: '[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}', parse: dateFrom('%Y/%m/%d'), ...exact },
  { ...named('date-ydm-slash'), physical: 'DATE', pattern: '[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}', parse: dateFrom('%Y/%d/%m'), ...exact },
  { ...named('date-mdy'), physical: 'DATE', pattern: '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}', parse: dateFrom('%m/%d/%Y'), ...exact },
  { ...named('date-dmy'), physical: 'DATE', pattern: '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}', parse: dateFrom('%d/%m/%Y'), ...exact },
  { ...named('date-mdy-dash'), physical: 'DATE', pattern: '[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}', parse: dateFrom('%m-%d-%Y'), ...exact },
  { ...named('date-dmy-dash'), physical: 'DATE', pattern: '[0-9]{1,2}-[0-9]{1,2}-[0-9]{4}', parse: dateFrom('%d-%m-%Y'), ...exact },
  { ...named('date-dmy-dot'), physical: 'DATE', pattern: '[0-9]{1,2}\\.[0-9]{1,2}\\.[0-9]{4}', parse: dateFrom('%d.%m.%Y'), ...exact },
  {
    ...named('timestamp-iso'),
    physical: 'TIMESTAMP',
    pattern: `[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]${hms}`,
    parse: (v) => `CASE WHEN ${digitFirst(v)} AND ${noOffset(v)} THEN TRY_CAST(${v} AS TIMESTAMP) END`,
    ...exact,
  },
  {
    ...named('timestamptz-iso'),
    physical: 'TIMESTAMPTZ',
    pattern: `[0-9]{4}[-/][0-9]{2}[-/][0-9]{2}[T ]${hms}\\s?(Z|[+-][0-9]{2}(:?[0-9]{2})?)`,
    parse: (v) => `CASE WHEN ${hasOffset(v)} THEN TRY_CAST(replace(${v}, '/', '-') AS TIMESTAMPTZ) END`,
    ...exact,
  },
  {
    ...named('timestamp-ymd-slash'),
    physical: 'TIMESTAMP',
    pattern: `[0-9]{4}/[0-9]{2}/[0-9]{2} ${hms}`,
    parse: (v) => `CASE WHEN ${digitFirst(v)} AND ${noOffset(v)} THEN TRY_CAST(replace(${v}, '/', '-') AS TIMESTAMP) END`,
    ...exact,
  },
  {
    ...named('timestamp-ydm-slash'),
    physical: 'TIMESTAMP',
    pattern: `[0-9]{4}/[0-9]{2}/[0-9]{2} ${hms}`,
    parse: (v) => `CASE WHEN ${noOffset(v)} THEN ${ydmTime(v)} END`,
    ...exact,
  },
  {
    ...named('timestamp-mdy-12h'),
    physical: 'TIMESTAMP',
    pattern: '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}(:[0-9]{2})? ?(?i:[AP]M)',
    parse: (v) => `coalesce(${strptime('%m/%d/%Y %I:%M:%S %p')(v)}, ${strptime('%m/%d/%Y %I:%M %p')(v)})`,
    ...exact,
  },
  {
    ...named('timestamp-dmy-12h'),
    physical: 'TIMESTAMP',
    pattern: '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}(:[0-9]{2})? ?(?i:[AP]M)',
    parse: (v) => `coalesce(${strptime('%d/%m/%Y %I:%M:%S %p')(v)}, ${strptime('%d/%m/%Y %I:%M %p')(v)})`,
    ...exact,
  },
  {
    ...named('timestamp-mdy'),
    physical: 'TIMESTAMP',
    pattern: '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?',
    parse: (v) => `coalesce(${strptime('%m/%d/%Y %H:%M:%S')(v)}, ${strptime('%m/%d/%Y %H:%M')(v)})`,
    ...exact,
  },
  {
    ...named('timestamp-dmy'),
    physical: 'TIMESTAMP',
    pattern: '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4} [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?',
    parse: (v) => `coalesce(${strptime('%d/%m/%Y %H:%M:%S')(v)}, ${strptime('%d/%m/%Y %H:%M')(v)})`,
    ...exact,
  },
  { ...named('time'), physical: 'TIME', pattern: hms, parse: (v) => `CASE WHEN ${only(v, '0-9:.')} THEN TRY_CAST(${v} AS TIME) END`, ...exact },
  {
    ...named('time-12h'),
    physical: 'TIME',
    pattern: '[0-9]{1,2}:[0-9]{2}(:[0-9]{2})? ?(?i:[AP]M)',
    parse: (v) => `CAST(coalesce(${strptime('%I:%M:%S %p')(v)}, ${strptime('%I:%M %p')(v)}) AS TIME)`,
    ...exact,
  },
  {
    ...named('point-latlon'),
    physical: 'VARCHAR',
    pattern: '\\(\\s*-?[0-9]{1,2}(\\.[0-9]+)?\\s*,\\s*-?[0-9]{1,3}(\\.[0-9]+)?\\s*\\)',
    parse: (v) => pointFromLatLonText(v),
  },
  {
    ...named('point-wkt'),
    physical: 'VARCHAR',
    pattern: '(?i)POINT\\s*\\(\\s*-?[0-9]{1,3}(\\.[0-9]+)?\\s+-?[0-9]{1,2}(\\.[0-9]+)?\\s*\\)',
    parse: (v) => pointFromWkt(v),
  },
];

export const TEXT: Candidate = { id: 'text', type: 'text', physical: 'VARCHAR', pattern: '.*', parse: (v) => v, formats: [] };

/** SQL for the latitude and longitude in a `(lat, lon)` string anywhere in the value (the last one). */
export const latFromText = (v: string): string =>
  `TRY_CAST(regexp_extract(${v}, '\\(\\s*(-?[0-9.]+)\\s*,\\s*(-?[0-9.]+)\\s*\\)\\s*$', 1) AS DOUBLE)`;
export const lonFromText = (v: string): string =>
  `TRY_CAST(regexp_extract(${v}, '\\(\\s*(-?[0-9.]+)\\s*,\\s*(-?[0-9.]+)\\s*\\)\\s*$', 2) AS DOUBLE)`;
const latFromWkt = (v: string): string => `TRY_CAST(regexp_extract(${v}, '(?i)POINT\\s*\\(\\s*(-?[0-9.]+)\\s+(-?[0-9.]+)', 2) AS DOUBLE)`;
const lonFromWkt = (v: string): string => `TRY_CAST(regexp_extract(${v}, '(?i)POINT\\s*\\(\\s*(-?[0-9.]+)\\s+(-?[0-9.]+)', 1) AS DOUBLE)`;

/** GeoJSON point text from latitude and longitude SQL expressions; NULL when either is missing or out of range. */
export const pointJson = (lat: string, lon: string): string =>
  `CASE WHEN ${lat} BETWEEN -90 AND 90 AND ${lon} BETWEEN -180 AND 180 THEN '{"type":"Point","coordinates":[' || CAST(${lon} AS VARCHAR) || ',' || CAST(${lat} AS VARCHAR) || ']}' END`;

function pointFromLatLonText(v: string): string {
  return pointJson(latFromText(v), lonFromText(v));
}
function pointFromWkt(v: string): string {
  return pointJson(latFromWkt(v), lonFromWkt(v));
}

/** The SQL for a point candidate's latitude and longitude. */
export function pointParts(c: Candidate, v: string): { lat: string; lon: string } {
  return c.id === 'point-wkt' ? { lat: latFromWkt(v), lon: lonFromWkt(v) } : { lat: latFromText(v), lon: lonFromText(v) };
}

export const candidatesOfType = (type: ColumnType): Candidate[] => (type === 'text' ? [TEXT] : CANDIDATES.filter((c) => c.type === type));

/** Field orders that read the same values two ways: a mixture reads each family one way throughout. */
const FAMILY: Record<string, string> = { ymd: 'year-first', ydm: 'year-first', mdy: 'day-month', dmy: 'day-month' };

const orderOf = (c: Candidate): string | undefined => (c.formats.length === 1 ? (FORMATS[c.formats[0] as FormatId] as { order?: string }).order : undefined);
const isUnusual = (c: Candidate): boolean => c.formats.some((id) => (FORMATS[id] as { unusual?: boolean }).unusual === true);

/** Whether a mixture reads each family of field orders one way (not YYYY/MM/DD beside YYYY/DD/MM). */
function consistent(parts: Candidate[]): boolean {
  const chosen = new Map<string, string>();
  for (const p of parts) {
    const order = orderOf(p);
    if (!order) continue;
    const family = FAMILY[order] as string;
    if (chosen.has(family) && chosen.get(family) !== order) return false;
    chosen.set(family, order);
  }
  return true;
}

/**
 * One candidate made of several formats of the same type, for columns that
 * mix them (a file whose dates are `09/30/2014 12:00:00 AM` in some rows and
 * `2014/12/09 23:56:00` in others). The first format that matches a value parses it.
 */
export function combinations(type: ColumnType, parts: Candidate[]): Candidate[] {
  // Formats that share a pattern (M/D/YYYY and DD/MM/YYYY) cannot both be in one
  // combination: make one combination per reading, and let the data decide.
  let variants: Candidate[][] = [[]];
  const groups = new Map<string, Candidate[]>();
  for (const p of parts) groups.set(p.pattern, [...(groups.get(p.pattern) ?? []), p]);
  for (const group of groups.values()) variants = variants.flatMap((v) => group.map((g) => [...v, g]));
  // Usual readings first: a mixture with YYYY/DD/MM in it is chosen only on evidence.
  const usual = (v: Candidate[]): number => (v.some(isUnusual) ? 1 : 0);
  return variants
    .filter(consistent)
    .sort((a, b) => usual(a) - usual(b))
    .slice(0, 8)
    .map((v) => combine(type, v));
}

/** The candidate that reads exactly these formats: one format, or a mixture of them. */
export function candidateOf(type: ColumnType, ids: readonly FormatId[]): Candidate | undefined {
  const parts = ids.map((id) => CANDIDATES.find((c) => c.id === id));
  if (parts.some((p) => !p)) return undefined;
  return parts.length === 1 ? (parts[0] as Candidate) : combine(type, parts as Candidate[]);
}

/** Whether a candidate reads a format the usual reading of the same values would be preferred to. */
export const unusualReading = isUnusual;

function combine(type: ColumnType, distinct: Candidate[]): Candidate {
  const first = distinct.find((p) => p.type === type) ?? (distinct[0] as Candidate);
  const formats = distinct.flatMap((p) => p.formats);
  return {
    id: formats.join(MIX),
    type,
    physical: first.physical,
    formats,
    format: distinct.map((p) => p.format ?? p.id).join(' or '),
    pattern: distinct.map((p) => `(?:${p.pattern})`).join('|'),
    strictParse: true,
    parse: (v) =>
      `CASE ${distinct.map((p) => `WHEN regexp_full_match(${v}, ${sqlString(p.pattern)}) THEN CAST(${p.parse(v)} AS ${first.physical})`).join(' ')} END`,
  };
}
