import { z } from 'zod';
import { ROWID } from '../table/types.ts';
import { invalid } from './errors.ts';
import { ident, join, param, raw, sql, type Sql } from './sql.ts';
import { castTypeFor, type ExprType, type Typed } from './typing.ts';

/** Longest accepted cursor token. */
export const MAX_CURSOR_LENGTH = 16_384;

/** Position after the last row of a page of an ungrouped query. */
export interface KeysetPosition {
  kind: 'keyset';
  /** Order-by values of the last row, as DuckDB VARCHAR text (null for NULL). */
  values: (string | null)[];
  /** `__rowid` of the last row, as decimal text. */
  rowid: string;
}
/** Position of the next page of a grouped or aggregate query. */
export interface OffsetPosition {
  kind: 'offset';
  offset: number;
}
export type CursorPosition = KeysetPosition | OffsetPosition;

const payload = z.object({
  v: z.literal(1),
  h: z.string().max(64),
  k: z.array(z.string().nullable()).max(256).optional(),
  r: z.string().regex(/^-?[0-9]{1,20}$/).optional(),
  o: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

/** A 64-bit, non-cryptographic hash (cyrb53 twice) as 16 hex digits. */
export function shapeHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/** Builds the opaque token: base64url JSON `{v, h, k, r}` or `{v, h, o}`. */
export function encodeCursor(hash: string, position: CursorPosition): string {
  const body = position.kind === 'keyset' ? { v: 1, h: hash, k: position.values, r: position.rowid } : { v: 1, h: hash, o: position.offset };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

const VALUE_FORMATS: Partial<Record<ExprType, RegExp>> = {
  integer: /^-?[0-9]{1,20}$/,
  decimal: /^(-?([0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?|inf)|nan)$/,
  boolean: /^(true|false)$/,
  date: /^(-?infinity|[0-9]{4,}-[0-9]{2}-[0-9]{2}( \(BC\))?)$/,
  timestamp: /^(-?infinity|[0-9]{4,}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?([+-][0-9]{2}(:[0-9]{2}){0,2})?( \(BC\))?)$/,
  time: /^[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,9})?$/,
  null: /^$/,
};

/**
 * Reads a cursor token for a query with the given shape hash. Keyset cursors
 * must carry one value per order key, each in the format DuckDB prints for its
 * type. Any mismatch is a `query_invalid` error on `cursor`.
 */
export function decodeCursor(token: string, hash: string, expect: 'keyset' | 'offset', keyTypes: ExprType[]): CursorPosition {
  const bad = (message: string, hint?: string): never => {
    throw invalid('cursor', 0, message, hint);
  };
  if (token.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(token)) bad('cursor is not a valid token', 'pass next_cursor exactly as returned');
  let parsed: z.infer<typeof payload> | undefined;
  try {
    parsed = payload.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
  } catch {
    bad('cursor is not a valid token', 'pass next_cursor exactly as returned');
  }
  if (parsed === undefined) return bad('cursor is not a valid token');
  if (parsed.h !== hash) {
    bad('cursor belongs to a different query', 'use a cursor only with the same select, where, group_by, order_by and q; start again without cursor');
  }
  if (expect === 'offset') {
    if (parsed.o === undefined) bad('cursor is not valid for this query');
    return { kind: 'offset', offset: parsed.o ?? 0 };
  }
  const values = parsed.k;
  if (values === undefined || parsed.r === undefined || values.length !== keyTypes.length) return bad('cursor is not valid for this query');
  values.forEach((v, i) => {
    const format = VALUE_FORMATS[keyTypes[i] ?? 'text'];
    if (v !== null && format !== undefined && !format.test(v)) bad('cursor is not valid for this query');
  });
  return { kind: 'keyset', values, rowid: parsed.r };
}

/** An order key of an ungrouped query. */
export interface OrderKey {
  expr: Typed;
  descending: boolean;
}

/** ORDER BY text for a key: NULLs always sort last, in both directions. */
export function orderSql(key: OrderKey): Sql {
  return sql`${key.expr.sql}${raw(key.descending ? ' DESC NULLS LAST' : ' ASC NULLS LAST')}`;
}

function valueSql(key: OrderKey, value: string): Sql {
  const cast = castTypeFor(key.expr.type, key.expr.tz);
  return cast === null ? param(value) : sql`CAST(${param(value)} AS ${raw(cast)})`;
}

/**
 * Rows strictly after the cursor position in the order
 * `keys..., __rowid ASC` with NULLS LAST for every key:
 * OR over i of (k0 = v0 AND … AND k(i-1) = v(i-1) AND ki after vi).
 */
export function keysetCondition(keys: OrderKey[], position: KeysetPosition): Sql {
  const equal: Sql[] = [];
  const disjuncts: Sql[] = [];
  keys.forEach((key, i) => {
    const v = position.values[i] ?? null;
    const k = key.expr.sql;
    if (v !== null) {
      const val = valueSql(key, v);
      const after = key.descending ? sql`(${k} < ${val} OR ${k} IS NULL)` : sql`(${k} > ${val} OR ${k} IS NULL)`;
      disjuncts.push(join([...equal, after], ' AND '));
      equal.push(sql`${k} = ${val}`);
    } else {
      equal.push(sql`${k} IS NULL`);
    }
  });
  const rowAfter = sql`${ident(ROWID)} > CAST(${param(position.rowid)} AS BIGINT)`;
  disjuncts.push(join([...equal, rowAfter], ' AND '));
  return sql`(${join(disjuncts.map((d) => sql`(${d})`), ' OR ')})`;
}
