import { describe, expect, it } from 'vitest';
import { defaultChart } from '../../src/domain/chart/default-chart.ts';
import type { ColumnProfile } from '../../src/domain/ingest/profile-types.ts';
import { inferRole, withRoles } from '../../src/domain/table/roles.ts';
import type { ColumnInfo, ColumnType } from '../../src/domain/table/types.ts';

const col = (name: string, type: ColumnType): ColumnInfo => ({ name, label: name, type, physical: 'VARCHAR' });
/** A profile of `count` filled rows with `distinct` values, the given top values and longest text. */
const prof = (count: number, distinct: number, top: Array<string | number> = [], maxLength?: number, min?: string, max?: string): ColumnProfile => ({
  count,
  nulls: 0,
  distinct,
  min: min ?? null,
  max: max ?? null,
  top: top.map((value) => ({ value, count: 1 })),
  ...(maxLength === undefined ? {} : { minLength: 1, maxLength }),
});

describe('a column’s role', () => {
  it('follows the type for places, dates and yes/no', () => {
    expect(inferRole(col('the_geom', 'geometry'), undefined)).toBe('place');
    expect(inferRole(col('opened', 'timestamp'), undefined)).toBe('date');
    expect(inferRole(col('open_now', 'boolean'), undefined)).toBe('category');
  });

  it('reads codes from names: IDs, ZIP codes, FIPS, phone numbers, whatever their values', () => {
    for (const name of ['id', 'case_id', 'zip', 'zip_code', 'zipcode', 'postal_code', 'fips', 'county_fips', 'geoid', 'phone', 'bbl', 'permit_number']) expect(`${name}: ${inferRole(col(name, 'integer'), prof(1000, 900))}`).toBe(`${name}: identifier`);
    // A code with a handful of values groups rows.
    expect(inferRole(col('zone_code', 'integer'), prof(1000, 7))).toBe('category');
    expect(inferRole(col('ward', 'integer'), prof(5000, 50))).toBe('category');
  });

  it('takes coordinates as parts of places, not quantities', () => {
    expect(inferRole(col('latitude', 'decimal'), prof(100, 100))).toBe('place');
    expect(inferRole(col('lon', 'decimal'), prof(100, 100))).toBe('place');
    expect(inferRole(col('x_coordinate', 'integer'), prof(100, 100))).toBe('place');
    expect(inferRole(col('where', 'text'), prof(50, 50, ['-73.74,40.69', '(40.1, -74.2)']))).toBe('place');
  });

  it('keeps numbers that are quantities as measures', () => {
    expect(inferRole(col('score', 'integer'), prof(25_000, 53))).toBe('measure');
    expect(inferRole(col('total_earnings', 'decimal'), prof(22_000, 20_000))).toBe('measure');
    // Each row its own, and a name that says nothing: a key.
    expect(inferRole(col('n', 'integer'), prof(500, 500))).toBe('identifier');
  });

  it('tells categories, codes written with digits and prose apart in text', () => {
    expect(inferRole(col('borough', 'text'), prof(22_000, 5, ['BRONX']))).toBe('category');
    expect(inferRole(col('description', 'text'), prof(22_000, 240, ['SIMPLE'], 59))).toBe('category');
    expect(inferRole(col('postcode_area', 'text'), prof(500, 300, ['02124', '02136']))).toBe('identifier');
    expect(inferRole(col('contact', 'text'), prof(500, 450, ['212-920-6202', '212 228-5254']))).toBe('identifier');
    expect(inferRole(col('case_ref', 'text'), prof(500, 500, ['HX123', 'HX124']))).toBe('identifier');
    expect(inferRole(col('comments', 'text'), prof(500, 480, ['A long note about the site'], 400))).toBe('text');
    expect(inferRole(col('restaurant', 'text'), prof(25_000, 6_000, ['Torchy’s Tacos']))).toBe('text');
    expect(inferRole(col('empty', 'text'), prof(0, 0))).toBe('text');
  });

  it('lets the publisher’s choice win over the inference', () => {
    const [c] = withRoles([col('score', 'integer')], { score: prof(100, 10) }, new Map([['score', 'category' as const]]));
    expect(c?.role).toBe('category');
  });
});

describe('a dataset’s first chart', () => {
  const when = col('when', 'date');
  const kind = col('kind', 'text');
  const amount = col('amount', 'decimal');
  const id = col('id', 'integer');
  const roles = (cols: ColumnInfo[], p: Record<string, ColumnProfile>) => withRoles(cols, p);

  it('counts rows over time, by day, month or year as the dates span', () => {
    const days = { when: prof(900, 30, [], undefined, '2014-09-01', '2014-09-30'), amount: prof(900, 800) };
    expect(defaultChart(roles([when, amount], days), days)).toMatchObject({ type: 'line', x: 'when', bucket: 'day', agg: 'count', y: '' });
    const years = { when: prof(900, 300, [], undefined, '2001-01-01', '2020-12-31') };
    expect(defaultChart(roles([when], years), years)).toMatchObject({ bucket: 'year' });
  });

  it('averages the main measure when each row is its own date', () => {
    const daily = { when: prof(365, 365, [], undefined, '2015-01-01', '2015-12-31'), id: prof(365, 365), amount: prof(365, 300) };
    expect(defaultChart(roles([when, id, amount], daily), daily)).toMatchObject({ x: 'when', bucket: 'month', agg: 'avg', y: 'amount' });
  });

  it('counts by a category with a few values, else shows the spread of a measure, else offers nothing', () => {
    const p = { id: prof(500, 500), kind: prof(500, 4, ['A']), amount: prof(500, 400) };
    expect(defaultChart(roles([id, kind, amount], p), p)).toMatchObject({ type: 'bar', x: 'kind', agg: 'count' });
    expect(defaultChart(roles([id, amount], p), p)).toMatchObject({ type: 'histogram', x: 'amount' });
    expect(defaultChart(roles([id], p), p)).toBeUndefined();
  });
});
