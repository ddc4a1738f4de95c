import { describe, expect, test } from 'vitest';
import { editDistance, suggest } from '../../src/domain/query/columns.ts';
import { compileRecordsQuery, nextCursor, presentRow } from '../../src/domain/query/index.ts';
import { tokenize } from '../../src/domain/query/lexer.ts';
import { parseExpression } from '../../src/domain/query/parser.ts';
import { param, render, sql } from '../../src/domain/query/sql.ts';
import { parsePolygonWkt } from '../../src/domain/query/wkt.ts';
import { COLUMNS } from './fixture.ts';

describe('sql fragments', () => {
  test('parameters are numbered in order; the same part keeps its number', () => {
    const a = param('x');
    const r = render(sql`SELECT ${a}, ${param(1)} GROUP BY ${a}`);
    expect(r).toEqual({ sql: 'SELECT $1, $2 GROUP BY $1', params: ['x', 1] });
  });
});

describe('lexer', () => {
  test('tokens carry positions; quotes unescape', () => {
    const t = tokenize("`Primary Type` = 'O''Hare' and x>=1.5e3", 'where');
    expect(t.map((x) => [x.kind, x.text, x.pos])).toEqual([
      ['quoted', 'Primary Type', 0],
      ['op', '=', 15],
      ['string', "O'Hare", 17],
      ['ident', 'and', 27],
      ['ident', 'x', 31],
      ['op', '>=', 32],
      ['number', '1.5e3', 34],
      ['eof', '', 39],
    ]);
  });
});

describe('parser', () => {
  test('precedence: NOT > AND > OR, comparisons over arithmetic', () => {
    const e = parseExpression('not a = 1 + 2 * 3 or b and c', 'where');
    expect(e).toMatchObject({
      kind: 'logical',
      op: 'OR',
      operands: [
        { kind: 'unary', op: 'NOT', operand: { kind: 'binary', op: '=', right: { kind: 'binary', op: '+', right: { op: '*' } } } },
        { kind: 'logical', op: 'AND' },
      ],
    });
  });
});

describe('WKT', () => {
  test('closes rings and keeps holes', () => {
    expect(parsePolygonWkt('polygon ((0 0, 1 0, 1 1), (0.2 0.2, 0.4 0.2, 0.4 0.4, 0.2 0.2))', 'where', 0)).toEqual([
      [[0, 0], [1, 0], [1, 1], [0, 0]],
      [[0.2, 0.2], [0.4, 0.2], [0.4, 0.4], [0.2, 0.2]],
    ]);
  });
});

describe('hints', () => {
  test('edit distance counts a transposition once', () => {
    expect(editDistance('wadr', 'ward')).toBe(1);
    expect(editDistance('District', 'district')).toBe(0);
    expect(suggest('distrcit', ['district', 'ward'])).toBe('did you mean `district`?');
  });
});

describe('paging helpers', () => {
  const q = compileRecordsQuery({ select: 'id', order_by: 'loss desc', limit: 2 }, COLUMNS, 'crimes');
  test('no cursor after a short page or limit 0', () => {
    expect(nextCursor(q, { id: 1, __rowid: '1', __c0: null }, 1)).toBeNull();
    expect(nextCursor(compileRecordsQuery({ limit: 0 }, COLUMNS, 'crimes'), undefined, 0)).toBeNull();
  });
  test('a full page gives an opaque base64url token', () => {
    expect(nextCursor(q, { id: 1, __rowid: 7n, __c0: '650.0' }, 2)).toMatch(/^[A-Za-z0-9_-]+$/);
  });
  test('cursors survive whitespace and case changes in the query text', () => {
    const token = nextCursor(q, { id: 1, __rowid: 7n, __c0: '650.0' }, 2) ?? '';
    expect(() => compileRecordsQuery({ select: ' ID ', order_by: 'LOSS   DESC', cursor: token }, COLUMNS, 'crimes')).not.toThrow();
  });
  test('presentRow keeps only fields, in order', () => {
    expect(presentRow(q, { __c0: 'x', id: 5, __rowid: 3 })).toEqual({ id: 5 });
  });
  test('sql shape: reserved columns, NULLS LAST, __rowid tiebreaker, LIMIT/OFFSET bound', () => {
    expect(q.sql).toBe(
      'SELECT "id" AS "id", "__rowid", CAST("loss" AS VARCHAR) AS "__c0" FROM crimes ORDER BY "loss" DESC NULLS LAST, "__rowid" ASC LIMIT $1 OFFSET $2',
    );
    expect(q.params).toEqual([2, 0]);
    expect(q.countSql).toBe('SELECT count(*) AS total_count FROM crimes');
    expect(q.countParams).toEqual([]);
  });
});
