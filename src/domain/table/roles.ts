import type { ColumnProfile } from '../ingest/profile-types.ts';
import { COLUMN_ROLES, type ColumnInfo, type ColumnRole } from './types.ts';

/* Roles (ADR 27): charts and profiles follow them, so a ZIP code is never averaged. */

export const isColumnRole = (v: string): v is ColumnRole => (COLUMN_ROLES as readonly string[]).includes(v);

/** Words in a column's name that say it holds an identifier or a code, whatever its values look like. */
const ID_WORDS = /(^|_)(id|ids|uuid|guid|key|code|codes|zip|zipcode|zip_code|postal|postcode|postal_code|zcta|modzcta|fips|geoid|bbl|bin|phone|telephone|tel|fax|isbn|ein|permit_number|case_number|license_number|licence_number|account_number|parcel|pin|apn)($|_)|(zip|postal|zcta|fips|phone|_id$|_no$|_num$|_number$)/;
/** Names of codes that group rows into a handful of areas or kinds: a category when few, never a measure. */
const GROUP_WORDS = /(^|_)(district|ward|beat|precinct|zone|region|area|community_area|borough|boro|council_district|tract|sector|division|year|yr|month|quarter|fy|fiscal_year|type|class|category|status|grade|level)($|_)/;
/** Names of coordinates, which are parts of a place rather than quantities. */
const PLACE_WORDS = /^(lat|lon|lng|long|latitude|longitude|x_coord|y_coord|x_coordinate|y_coordinate|easting|northing|coords|coordinates)$|(^|_)(latitude|longitude|lat|lon|lng)$/;
/** A value made of digits and the punctuation of codes and phone numbers only. */
const CODE_VALUE = /^[0-9][0-9 ()+.\-/,]*$/;
/** Two numbers separated by a comma: a coordinate pair written as text. */
const PAIR_VALUE = /^\s*\(?-?\d{1,3}\.\d+\s*,\s*-?\d{1,3}\.\d+\)?\s*$/;

/** At most this many distinct values make a category, whatever the number of rows. */
export const FEW_VALUES = 30;
/** Text with more distinct values than this share of its rows is too varied to be a category. */
const CATEGORY_SHARE = 0.05;
/** Text this long somewhere is prose. */
const LONG_TEXT = 80;

const nonNull = (p: ColumnProfile | undefined): number => (p ? p.count - p.nulls : 0);
const topText = (p: ColumnProfile | undefined): string[] => (p?.top ?? []).map((v) => String(v.value ?? ''));

/** Whether the column's values are (nearly) all different: one per row. */
function unique(p: ColumnProfile | undefined): boolean {
  const n = nonNull(p);
  return n > 1 && (p?.distinct ?? 0) >= n * 0.98;
}

/** Whether a text column holds few enough different values to group rows by. */
function fewValues(p: ColumnProfile | undefined): boolean {
  const n = nonNull(p);
  const d = p?.distinct ?? 0;
  return d <= FEW_VALUES || (d <= 2000 && d <= n * CATEGORY_SHARE);
}

/** The role a column most likely plays, from its type, its name and its values over every row. */
export function inferRole(col: ColumnInfo, profile: ColumnProfile | undefined): ColumnRole {
  const name = col.name.toLowerCase();
  switch (col.type) {
    case 'geometry':
      return 'place';
    case 'date':
    case 'timestamp':
      return 'date';
    case 'boolean':
    case 'time':
      return 'category';
    case 'integer':
    case 'decimal': {
      if (PLACE_WORDS.test(name)) return 'place';
      if (ID_WORDS.test(name)) return col.type === 'integer' && !unique(profile) && (profile?.distinct ?? 0) <= FEW_VALUES ? 'category' : 'identifier';
      if (GROUP_WORDS.test(name) && col.type === 'integer') return (profile?.distinct ?? 0) <= 200 ? 'category' : 'identifier';
      // Whole numbers, each row its own, with a name that says nothing: a key more often than a quantity.
      if (col.type === 'integer' && unique(profile) && nonNull(profile) >= 20 && name.length <= 3) return 'identifier';
      return 'measure';
    }
    case 'text': {
      const top = topText(profile);
      if (PLACE_WORDS.test(name) || (top.length > 0 && top.every((v) => PAIR_VALUE.test(v)))) return 'place';
      if (ID_WORDS.test(name)) return 'identifier';
      if (nonNull(profile) === 0) return 'text';
      if ((profile?.maxLength ?? 0) > LONG_TEXT && !fewValues(profile)) return 'text';
      if (fewValues(profile)) return 'category';
      // Codes written with digits (leading zeros kept, dashes, spaces): postal codes, phone numbers, labels of ZIP areas.
      if (top.length > 0 && top.every((v) => CODE_VALUE.test(v))) return 'identifier';
      if (unique(profile) && top.every((v) => !/\s/.test(v))) return 'identifier';
      return 'text';
    }
  }
}

/** The columns with the role each plays: the publisher's choice where one was made, otherwise the one inferred at ingest (or now, for versions loaded before roles). */
export function withRoles(columns: ColumnInfo[], profile: Record<string, ColumnProfile>, chosen: ReadonlyMap<string, ColumnRole> = new Map()): ColumnInfo[] {
  return columns.map((c) => {
    const role = chosen.get(c.name) ?? c.role ?? inferRole(c, profile[c.name]);
    return role === c.role ? c : { ...c, role };
  });
}

/** A column's role: the one it carries, or the one its type alone suggests. */
export function roleOf(c: ColumnInfo): ColumnRole {
  return c.role ?? inferRole(c, undefined);
}

/** Whether a column's values may be added up or averaged. */
export const isMeasure = (c: ColumnInfo): boolean => roleOf(c) === 'measure';
