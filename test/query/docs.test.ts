import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { FUNCTION_NAMES } from '../../src/domain/query/functions.ts';

const doc = readFileSync(new URL('../../docs/query-language.md', import.meta.url), 'utf8');

describe('docs/query-language.md', () => {
  test.each(FUNCTION_NAMES)('documents %s()', (name) => {
    expect(doc).toContain('`' + name + '(');
  });
  test.each(['=', '!=', '<>', '<', '<=', '>', '>=', '+', '-', '*', '/', '%', 'IN (...)', 'NOT IN (...)', 'BETWEEN a AND b', 'LIKE', 'NOT LIKE', 'ILIKE', 'IS NULL', 'IS NOT NULL', 'AND', 'OR', 'NOT'])('documents %s', (op) => {
    expect(doc).toContain('`' + op + '`');
  });
  test.each(['select', 'where', 'group_by', 'having', 'order_by', 'q', 'limit', 'offset', 'cursor', 'version'])('documents the %s parameter', (p) => {
    expect(doc).toContain('| `' + p + '` |');
  });
  test.each(['query_syntax', 'unknown_column', 'query_invalid', 'total_count', 'next_cursor', '/api/v1/datasets/{id}/facets', '```ebnf'])('mentions %s', (s) => {
    expect(doc).toContain(s);
  });
});
