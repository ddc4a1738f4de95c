import { describe, expect, it } from 'vitest';
import { RecordCounter, type RecordShape } from '../../src/domain/ingest/record-count.ts';
import { parseCsv } from './support.ts';

/** Counts a text fed in pieces of every size from 1 to 7 bytes, so records split across pieces are counted once. */
function countInPieces(text: string, shape: RecordShape): number[] {
  const bytes = Buffer.from(text, 'utf8');
  const counts: number[] = [];
  for (let size = 1; size <= 7; size++) {
    const c = new RecordCounter(shape);
    for (let i = 0; i < bytes.length; i += size) c.push(bytes.subarray(i, i + size));
    counts.push(c.records);
  }
  return counts;
}

/** Records an independent RFC 4180 reader finds, blank lines left out. */
const expected = (text: string): number => parseCsv(text).filter((r) => !(r.length === 1 && r[0] === '')).length;

describe('counting records as bytes stream by', () => {
  const files = [
    'a,b,c\n1,2,3\n4,5,6\n',
    'a,b,c\r\n1,2,3\r\n4,5,6',
    'name,address\n"Ann","12 Main St\nApt 4"\n"Bo ""the"" Bear","x"\n',
    'a,b\n\n1,2\n\r\n3,4\n\n',
    'a\n"unclosed\n1\n2\n',
    'id,note\n1,"line one\r\nline two\r\nline three"\n2,plain\n',
  ];
  for (const text of files) {
    it(`counts ${JSON.stringify(text).slice(0, 40)} as the reader does, in pieces of any size`, () => {
      const n = expected(text);
      expect(countInPieces(text, 'delimited')).toEqual(Array(7).fill(n));
    });
  }

  it('counts NDJSON lines, with quotes and escaped quotes inside values', () => {
    const text = '{"a":"x \\" y"}\n{"a":"he said \\"hi\\""}\n\n{"a":3}';
    expect(countInPieces(text, 'lines')).toEqual(Array(7).fill(3));
  });

  it('counts a real file as the reader does', async () => {
    const { readFileSync } = await import('node:fs');
    const { fixture } = await import('../support/plaza.ts');
    const text = readFileSync(fixture('tabular/austin_food_establishment_inspection_scores.csv'), 'utf8');
    const c = new RecordCounter('delimited');
    c.push(Buffer.from(text));
    expect(c.records).toBe(expected(text));
  });
});
