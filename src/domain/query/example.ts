import type { ColumnProfile } from '../ingest/profile-types.ts';
import type { ColumnInfo } from '../table/types.ts';
import { compileRecordsQuery } from './compile.ts';

/** A category has at least two and at most this many distinct values. */
const MAX_CATEGORIES = 50;
/** A value longer than this makes a poor example. */
const MAX_VALUE_LENGTH = 40;

const literal = (v: string): string => `'${v.replaceAll("'", "''")}'`;

/** Whether a filter reads as the query language reads it, against these columns. */
function reads(where: string, columns: readonly ColumnInfo[]): boolean {
  try {
    compileRecordsQuery({ where, limit: 1 }, [...columns], 'example');
    return true;
  } catch {
    return false;
  }
}

/**
 * An example filter made from a dataset's own columns, for a filter field's
 * placeholder: a text column that looks like a category (two to fifty
 * distinct values, its commonest value found more than once) compared with
 * its commonest value, as in `boro = 'BROOKLYN'`. The first such column whose
 * value is a word rather than a code of one or two letters is preferred.
 * Undefined when no column fits, so the caller says something generic instead.
 */
export function exampleFilter(columns: readonly ColumnInfo[], profile: Readonly<Record<string, ColumnProfile>>): string | undefined {
  const found: string[] = [];
  for (const c of columns) {
    if (c.type !== 'text' || c.name.startsWith('_')) continue;
    const p = profile[c.name];
    const top = p?.top[0];
    if (!p || !top || typeof top.value !== 'string' || top.count < 2 || p.distinct < 2 || p.distinct > MAX_CATEGORIES) continue;
    const value = top.value;
    if (!value.trim() || value !== value.trim() || value.length > MAX_VALUE_LENGTH || /[\r\n\t]/.test(value)) continue;
    // A name the language takes as a word of its own (`and`, `not`, ...) is quoted.
    const where = [`${c.name} = ${literal(value)}`, `\`${c.name}\` = ${literal(value)}`].find((w) => reads(w, columns));
    if (!where) continue;
    if (value.length > 2) return where;
    found.push(where);
  }
  return found[0];
}
