import { describe, expect, it } from 'vitest';
import { exampleFilter } from '../../src/domain/query/example.ts';
import type { ColumnProfile } from '../../src/domain/ingest/profile-types.ts';
import type { ColumnInfo } from '../../src/domain/table/types.ts';

/** The map's filter placeholder: a category column of the dataset and its commonest value, written as the query language reads it. */

const text = (name: string): ColumnInfo => ({ name, label: name, type: 'text', physical: 'VARCHAR' });
const profileOf = (distinct: number, top: [string, number][]): ColumnProfile => ({ count: 100, nulls: 0, distinct, min: null, max: null, top: top.map(([value, count]) => ({ value, count })) });

describe('exampleFilter', () => {
  it('prefers a category whose commonest value is a word, quoting the value as the language does', () => {
    const columns = [text('type'), text('program'), text('borough')];
    const profile = { type: profileOf(8, [['FP', 80]]), program: profileOf(95, [['ABRAHAM HOUSE', 2]]), borough: profileOf(5, [["ST. JOHN'S", 40]]) };
    expect(exampleFilter(columns, profile)).toBe("borough = 'ST. JOHN''S'");
  });
  it('takes a code when no category has a word', () => {
    expect(exampleFilter([text('type')], { type: profileOf(8, [['FP', 80]]) })).toBe("type = 'FP'");
  });
  it('quotes a column named like a word of the language', () => {
    expect(exampleFilter([text('not')], { not: profileOf(3, [['Yes', 50]]) })).toBe("`not` = 'Yes'");
  });
  it('gives nothing when no column is a category', () => {
    const columns = [text('name'), { name: 'count', label: 'count', type: 'integer', physical: 'BIGINT' } as ColumnInfo];
    expect(exampleFilter(columns, { name: profileOf(100, [['A', 1]]), count: profileOf(3, [['1', 60]]) })).toBeUndefined();
    expect(exampleFilter([text('status')], { status: profileOf(1, [['Open', 100]]) })).toBeUndefined();
  });
});
