import { describe, expect, test } from 'vitest';
import { compileRecordsQuery, QueryError, type RecordsRequest } from '../../src/domain/query/index.ts';
import { COLUMNS } from './fixture.ts';

interface Bad {
  req: RecordsRequest;
  code: QueryError['code'];
  param: QueryError['param'];
  position: number;
  hint?: string | RegExp;
  message?: RegExp;
}

const SRC = 'crimes';
const cursorFor = (req: RecordsRequest): string => {
  const q = compileRecordsQuery({ ...req, limit: 1 }, COLUMNS, SRC);
  const body = { v: 1, h: q.paging.hash, k: q.paging.kind === 'keyset' ? q.paging.keyColumns.map(() => '1') : undefined, r: '1' };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
};
const bigPolygon = 'POLYGON((' + Array.from({ length: 502 }, (_, i) => `${i % 10} ${Math.floor(i / 10) % 10}`).join(', ') + '))';

const BAD: Bad[] = [
  { req: { where: 'ward = ' }, code: 'query_syntax', param: 'where', position: 7, hint: 'expected a value after `=`', message: /unexpected end of where/ },
  { req: { where: "ward = '06" }, code: 'query_syntax', param: 'where', position: 7, message: /unterminated text/ },
  { req: { where: 'district = 1 district = 2' }, code: 'query_syntax', param: 'where', position: 13, message: /unexpected `district`/ },
  { req: { where: 'district == 1' }, code: 'query_syntax', param: 'where', position: 9, hint: 'use `=`' },
  { req: { where: '(district = 1' }, code: 'query_syntax', param: 'where', position: 13, hint: 'expected `)`' },
  { req: { where: 'district = 1 -- trailing comment' }, code: 'query_syntax', param: 'where', position: 13, message: /comments are not allowed/ },
  { req: { where: "ward = '42' | ward = '41'" }, code: 'query_syntax', param: 'where', position: 12, hint: 'use `OR`, or `||` to join texts' },
  { req: { where: 'primary_type = "THEFT"' }, code: 'query_syntax', param: 'where', position: 15, hint: /single quotes/ },
  { req: { select: 'id,' }, code: 'query_syntax', param: 'select', position: 3, hint: 'expected a value after `,`' },
  { req: { order_by: 'loss descending' }, code: 'query_syntax', param: 'order_by', position: 5 },
  { req: { where: 'distrct = 1' }, code: 'unknown_column', param: 'where', position: 0, hint: 'did you mean `district`?' },
  { req: { select: 'id, primary_typ' }, code: 'unknown_column', param: 'select', position: 4, hint: 'did you mean `primary_type`?' },
  { req: { order_by: 'lose desc' }, code: 'unknown_column', param: 'order_by', position: 0, hint: 'did you mean `loss`?' },
  { req: { group_by: 'wrd' }, code: 'unknown_column', param: 'group_by', position: 0, hint: 'did you mean `ward`?' },
  { req: { where: "`Primary Typ` = 'THEFT'" }, code: 'unknown_column', param: 'where', position: 0, hint: 'did you mean `primary_type`?' },
  { req: { where: '__rowid = 1' }, code: 'unknown_column', param: 'where', position: 0 },
  { req: { select: '__location_lat' }, code: 'unknown_column', param: 'select', position: 0 },
  { req: { where: 'x = 1' }, code: 'unknown_column', param: 'where', position: 0, hint: /^available: `id`, `case_number`/ },
  { req: { where: "wadr = '42'" }, code: 'unknown_column', param: 'where', position: 0, hint: 'did you mean `ward`?' },
  { req: { select: 'ward, count(*)', group_by: 'district' }, code: 'query_invalid', param: 'select', position: 0, message: /`ward` must be listed in group_by/ },
  { req: { select: 'ward, count(*)' }, code: 'query_invalid', param: 'select', position: 0, message: /`ward` must be listed in group_by/ },
  { req: { select: 'district, count(*)', group_by: 'district', order_by: 'loss' }, code: 'query_invalid', param: 'order_by', position: 0 },
  { req: { where: 'count(*) > 1' }, code: 'query_invalid', param: 'where', position: 0, message: /not allowed in where/ },
  { req: { group_by: 'count(*)' }, code: 'query_invalid', param: 'group_by', position: 0, message: /not allowed in group_by/ },
  { req: { select: 'sum(count(*))' }, code: 'query_invalid', param: 'select', position: 4, message: /cannot be nested/ },
  { req: { select: 'id', order_by: 'count(*)' }, code: 'query_invalid', param: 'order_by', position: 0 },
  { req: { select: 'id', order_by: 'null' }, code: 'query_invalid', param: 'order_by', position: 0, message: /constant/ },
  { req: { select: 'id', order_by: 'loss, 1 desc' }, code: 'query_invalid', param: 'order_by', position: 6, message: /constant/ },
  { req: { select: '*', group_by: 'ward' }, code: 'query_invalid', param: 'select', position: 0 },
  { req: { select: "date_trunc('hour', date)" }, code: 'query_invalid', param: 'select', position: 11, hint: "use e.g. date_trunc('month', date)" },
  { req: { select: 'date_trunc(ward, date)' }, code: 'query_invalid', param: 'select', position: 11 },
  { req: { select: "date_trunc('month', ward)" }, code: 'query_invalid', param: 'select', position: 20, message: /expects a date or timestamp, got text/ },
  { req: { where: 'year(ward) = 2024' }, code: 'query_invalid', param: 'where', position: 5 },
  { req: { where: 'sqrt(loss) > 1' }, code: 'query_invalid', param: 'where', position: 0, message: /unknown function `sqrt`/ },
  { req: { where: 'avg(distinct loss) > 1' }, code: 'query_invalid', param: 'where', position: 0 },
  { req: { limit: 10001 }, code: 'query_invalid', param: 'limit', position: 0, message: /at most 10000/ },
  { req: { limit: -1 }, code: 'query_invalid', param: 'limit', position: 0 },
  { req: { limit: 'ten' }, code: 'query_invalid', param: 'limit', position: 0 },
  { req: { limit: 2.5 }, code: 'query_invalid', param: 'limit', position: 0 },
  { req: { offset: -5 }, code: 'query_invalid', param: 'offset', position: 0 },
  { req: { where: 'within_distance(primary_type, 41.88, -87.63, 100)' }, code: 'query_invalid', param: 'where', position: 16, message: /`primary_type` is a text column/, hint: 'point columns: `location`' },
  { req: { where: "within_polygon(beat_area, 'POLYGON((0 0, 1 0, 1 1, 0 0))')" }, code: 'query_invalid', param: 'where', position: 15, message: /`beat_area` is a geometry column without point locations/ },
  { req: { where: 'in_bbox(location, 41.8, -87.7, 41.9)' }, code: 'query_invalid', param: 'where', position: 0, message: /takes 5 arguments/ },
  { req: { order_by: 'distance(location, 41.88, -187.63)' }, code: 'query_invalid', param: 'order_by', position: 26, message: /longitude must be between -180 and 180/ },
  { req: { order_by: 'distance(location, 41.88)' }, code: 'query_invalid', param: 'order_by', position: 0, message: /distance\(\) takes 3 arguments/, hint: 'use distance(location, 41.8781, -87.6298)' },
  { req: { select: 'distance(beat_area, 41.88, -87.63)' }, code: 'query_invalid', param: 'select', position: 9, message: /`beat_area` is a geometry column without point locations/ },
  { req: { order_by: 'distance(location, district, -87.63)' }, code: 'query_invalid', param: 'order_by', position: 19, message: /expects numbers after the column/ },
  { req: { select: 'primary_type, count(*)', group_by: 'primary_type', order_by: 'distance(location, 41.88, -87.63)' }, code: 'query_invalid', param: 'order_by', position: 0, message: /reads row values/ },
  { req: { where: 'within_distance(location, 95, -87.6, 100)' }, code: 'query_invalid', param: 'where', position: 26, message: /latitude must be between -90 and 90/ },
  { req: { where: 'within_distance(location, 41.9, -87.6, loss)' }, code: 'query_invalid', param: 'where', position: 39 },
  { req: { where: "within_polygon(location, 'POLYGON((-87.6 41.8, -87.5 41.8))')" }, code: 'query_invalid', param: 'where', position: 34, message: /at least 3 distinct points/ },
  { req: { where: "within_polygon(location, 'POLYGON((-87.6 41.8, -87.5 41.8, -87.5 x))')" }, code: 'query_invalid', param: 'where', position: 65, message: /expected a number/ },
  { req: { where: `within_polygon(location, '${bigPolygon}')` }, code: 'query_invalid', param: 'where', position: 25, message: /502 vertices; at most 500/ },
  { req: { where: "district = '1'" }, code: 'query_invalid', param: 'where', position: 9, hint: 'remove the quotes to compare with a number: 1' },
  { req: { where: 'ward = 6' }, code: 'query_invalid', param: 'where', position: 5, hint: "put the value in quotes: '6'" },
  { req: { where: "date > '2024-13-01'" }, code: 'query_invalid', param: 'where', position: 7, message: /is not a timestamp/ },
  { req: { where: "occurred_on = date'2024-02-30'" }, code: 'query_invalid', param: 'where', position: 14, message: /is not a date/ },
  { req: { where: "description like 5" }, code: 'query_invalid', param: 'where', position: 17 },
  { req: { where: 'loss' }, code: 'query_invalid', param: 'where', position: 0, message: /must be a condition/ },
  { req: { where: 'loss = null' }, code: 'query_invalid', param: 'where', position: 5, hint: 'use IS NULL' },
  { req: { where: 'arrest and loss' }, code: 'query_invalid', param: 'where', position: 11 },
  { req: { where: "primary_type + 1 > 2" }, code: 'query_invalid', param: 'where', position: 0 },
  { req: { where: '('.repeat(70) + 'district = 1' + ')'.repeat(70) }, code: 'query_invalid', param: 'where', position: 64, message: /nested more than 64/ },
  { req: { where: Array.from({ length: 70 }, () => 'loss').join(' + ') + ' > 1' }, code: 'query_invalid', param: 'where', position: 40 /* the 6th `+`, 65 levels below the root */, message: /nested more than 64/ },
  { req: { where: 'a'.repeat(4001) }, code: 'query_invalid', param: 'where', position: 4000, message: /longer than 4000/ },
  { req: { q: 'x'.repeat(4001) }, code: 'query_invalid', param: 'q', position: 4000 },
  { req: { q: Array.from({ length: 33 }, (_, i) => `w${i}`).join(' ') }, code: 'query_invalid', param: 'q', position: 0 },
  { req: { where: 'district in (' + Array.from({ length: 1001 }, (_, i) => i).join(',') + ')' }, code: 'query_invalid', param: 'where', position: 9 },
  { req: { select: 'id as __c0' }, code: 'query_invalid', param: 'select', position: 6, hint: /reserved/ },
  { req: { select: 'id as x, ward as X' }, code: 'query_invalid', param: 'select', position: 17, message: /duplicate output name/ },
  { req: { select: 'id as `x`' }, code: 'query_syntax', param: 'select', position: 6 },
  { req: { select: 'id', order_by: 'district', cursor: cursorFor({ select: 'id', order_by: 'loss' }) }, code: 'query_invalid', param: 'cursor', position: 0, message: /different query/ },
  { req: { select: 'id', cursor: 'not-a-cursor!' }, code: 'query_invalid', param: 'cursor', position: 0 },
  { req: { select: 'id', cursor: 'bm90IGpzb24' }, code: 'query_invalid', param: 'cursor', position: 0 },
  { req: { select: 'id', offset: 5, cursor: cursorFor({ select: 'id' }) }, code: 'query_invalid', param: 'offset', position: 0 },
  { req: { group_by: 'ward', cursor: cursorFor({ select: 'id' }) }, code: 'query_invalid', param: 'cursor', position: 0 },
];

describe('invalid queries fail with code, param and position', () => {
  test('there are at least 20 cases', () => {
    expect(BAD.length).toBeGreaterThanOrEqual(20);
  });
  test.each(BAD.map((b, i) => ({ ...b, i })))('#$i $req', ({ req, code, param, position, hint, message }) => {
    let error: unknown;
    try {
      compileRecordsQuery(req, COLUMNS, SRC);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(QueryError);
    const qe = error as QueryError;
    expect({ code: qe.code, param: qe.param, position: qe.position }).toEqual({ code, param, position });
    if (hint instanceof RegExp) expect(qe.hint).toMatch(hint);
    else if (hint !== undefined) expect(qe.hint).toBe(hint);
    if (message) expect(qe.message).toMatch(message);
  });
});

describe('QueryError', () => {
  test('details for the HTTP error body', () => {
    const e = new QueryError('unknown_column', 'where', 3, 'unknown column wrd', 'did you mean `ward`?');
    expect(e.toDetails()).toEqual({ param: 'where', position: 3, hint: 'did you mean `ward`?' });
    expect(new QueryError('query_syntax', 'select', 0, 'x').toDetails()).toEqual({ param: 'select', position: 0 });
    expect(e).toBeInstanceOf(Error);
  });
});
