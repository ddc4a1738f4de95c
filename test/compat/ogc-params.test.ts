import { describe, expect, it } from 'vitest';
import { collectionShape } from '../../src/domain/compat/ogc/collection.ts';
import { parseDatetime } from '../../src/domain/compat/ogc/datetime.ts';
import { OgcError } from '../../src/domain/compat/ogc/errors.ts';
import { itemsQuery } from '../../src/domain/compat/ogc/items-query.ts';
import { parseBbox, parseItemsRequest } from '../../src/domain/compat/ogc/items-request.ts';
import type { ColumnInfo } from '../../src/domain/table/types.ts';

/** The pure part of OGC API – Features: parameters read and checked, and the query tree they become. */

const col = (name: string, type: ColumnInfo['type'], extra: Partial<ColumnInfo> = {}): ColumnInfo => ({ name, label: name, type, physical: 'VARCHAR', ...extra });
const COLUMNS = [
  col('id', 'integer'),
  col('opened', 'date', { role: 'category' }),
  col('reported', 'timestamp', { role: 'date' }),
  col('latitude', 'decimal'),
  col('longitude', 'decimal'),
  col('location', 'geometry', { point: { lat: '__lat', lon: '__lon' }, derivedFrom: 'latitude' }),
];

describe('collectionShape', () => {
  it('takes the point as geometry, the date-role column as time, and leaves derived columns out of the properties', () => {
    const shape = collectionShape(COLUMNS)!;
    expect(shape.geometry.name).toBe('location');
    expect(shape.time?.name).toBe('reported');
    expect(shape.properties.map((c) => c.name)).toEqual(['id', 'opened', 'reported', 'latitude', 'longitude']);
    expect(collectionShape(COLUMNS.slice(0, 3))).toBeUndefined();
  });
});

describe('parameters', () => {
  const shape = collectionShape(COLUMNS)!;
  it('reads bbox with four or six numbers and refuses the rest', () => {
    expect(parseBbox('-87.7,41.85,-87.6,41.9')).toEqual([-87.7, 41.85, -87.6, 41.9]);
    expect(parseBbox('-87.7,41.85,0,-87.6,41.9,5')).toEqual([-87.7, 41.85, -87.6, 41.9]);
    for (const bad of ['', '1,2,3', '1,2,3,4,5', 'a,1,2,3', '1,95,2,96', '1,3,2,1', '1,,2,3']) expect(() => parseBbox(bad), bad).toThrow(OgcError);
  });

  it('reads datetime instants and intervals', () => {
    expect(parseDatetime('2014-09-15')).toEqual({ kind: 'instant', at: { value: '2014-09-15', dateOnly: true } });
    expect(parseDatetime('../2014-09-15T10:00:00z')).toEqual({ kind: 'interval', start: null, end: { value: '2014-09-15T10:00:00Z', dateOnly: false } });
    expect(parseDatetime('2014-09-15/')).toEqual({ kind: 'interval', start: { value: '2014-09-15', dateOnly: true }, end: null });
    for (const bad of ['2014-02-30', '2014-09-15T25:00:00Z', '../..', '/', 'now', '2014-09-15/2014-09-01']) expect(() => parseDatetime(bad), bad).toThrow(OgcError);
  });

  it('defaults limit to 10, lowers it to 10,000, and refuses unknown parameters', () => {
    expect(parseItemsRequest({}, shape)).toMatchObject({ limit: 10, offset: 0, bbox: null, datetime: null, filters: [] });
    expect(parseItemsRequest({ limit: '99999' }, shape).limit).toBe(10_000);
    expect(() => parseItemsRequest({ lmit: '5' }, shape)).toThrow(/"lmit" is not a parameter/);
    expect(() => parseItemsRequest({ location: 'x' }, shape)).toThrow(OgcError);
  });

  it('builds one query tree: bbox on the point, the day on the timestamp, typed property filters', () => {
    const parsed = itemsQuery(parseItemsRequest({ bbox: '-87.7,41.85,-87.6,41.9', datetime: '2014-09-15', id: '7', limit: '5', offset: '10' }, shape), shape);
    expect(parsed).toMatchObject({ limit: 5, offset: 10, order: [], group: [] });
    expect(parsed.select?.map((s) => (s.kind === 'expr' && s.expr.kind === 'column' ? s.expr.name : '*'))).toEqual(['location', 'id', 'opened', 'reported', 'latitude', 'longitude']);
    expect(JSON.stringify(parsed.where)).toContain('"name":"in_bbox"');
    expect(JSON.stringify(parsed.where)).toContain('"value":"2014-09-16"');
    expect(JSON.stringify(parsed.where)).toContain('{"kind":"literal","pos":0,"type":"integer","value":7}');
  });
});
