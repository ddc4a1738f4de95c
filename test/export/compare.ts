import { expect } from 'vitest';
import type { ColumnInfo } from '../../src/domain/table/types.ts';
import type { Table } from './support.ts';

export interface RoundTrip {
  /**
   * Whether the format carries geometry as geometry (GeoJSON). Elsewhere a
   * geometry column travels as its GeoJSON text, which Plaza's ingest reads
   * back as text (it does not recognise GeoJSON text in a column), and the
   * ingest may then derive a point column again from latitude/longitude.
   */
  geometry: boolean;
  /** Extra columns the ingest of this format adds, besides derived ones. */
  extraColumns?: RegExp;
  /** Whether the original's columns keep their order (GeoJSON moves the geometry after the properties). */
  sameOrder?: boolean;
}

/** Values as comparable across formats: geometry as an object, timestamps as instants. */
function comparable(type: ColumnInfo['type'], value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'geometry' && typeof value === 'string') return JSON.parse(value) as unknown;
  if (type === 'timestamp' && typeof value === 'string') return Date.parse(/(Z|[+-]\d{2}(:?\d{2})?)$/.test(value) ? value : `${value}Z`);
  return value;
}

/** Spread sample of row positions: the first, the last, and `n` between. */
export function sample(count: number, n = 60): number[] {
  if (count === 0) return [];
  const at = new Set([0, count - 1]);
  for (let i = 1; i <= n; i++) at.add(Math.floor((i * (count - 1)) / (n + 1)));
  return [...at].sort((a, b) => a - b);
}

/** Asserts that a re-loaded export holds the original's rows, column names, column types and values. */
export function expectSameTable(original: Table, reloaded: Table, rules: RoundTrip): void {
  expect(reloaded.rows.length).toBe(original.rows.length);
  expect(original.rows.length).toBeGreaterThan(0);

  const reloadedByName = new Map(reloaded.columns.map((c) => [c.name, c]));
  for (const col of original.columns) {
    const again = reloadedByName.get(col.name);
    expect(again, `column ${col.name} is missing after the round trip`).toBeDefined();
    const allowed = col.type === 'geometry' && !rules.geometry ? ['geometry', 'text'] : [col.type];
    expect(allowed, `type of ${col.name}`).toContain(again?.type);
  }
  const originalNames = new Set(original.columns.map((c) => c.name));
  if (rules.sameOrder !== false) {
    expect(reloaded.columns.map((c) => c.name).filter((n) => originalNames.has(n)), 'column order').toEqual(original.columns.map((c) => c.name));
  }
  const extra = reloaded.columns.filter((c) => !originalNames.has(c.name) && !c.derivedFrom && !rules.extraColumns?.test(c.name));
  expect(extra.map((c) => c.name), 'unexpected extra columns').toEqual([]);

  for (const i of sample(original.rows.length)) {
    const a = original.rows[i] ?? {};
    const b = reloaded.rows[i] ?? {};
    for (const col of original.columns) {
      expect(comparable(col.type, b[col.name]), `row ${i + 1}, column ${col.name}`).toEqual(comparable(col.type, a[col.name]));
    }
  }
}
