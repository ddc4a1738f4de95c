import { describe, expect, it } from 'vitest';
import { filtersOf, sortOf } from '../../src/domain/compat/ckan/search-params.ts';
import { parseSolr, SolrQueryError } from '../../src/domain/compat/ckan/solr-query.ts';

describe('CKAN search syntax (q and fq)', () => {
  it('reads field terms, quoted values, groups, ranges, AND, OR, + and -', () => {
    expect(parseSolr('organization:parks +tags:"street trees" AND -organization:x')).toEqual([
      { kind: 'field', field: 'organization', values: ['parks'], negate: false },
      { kind: 'field', field: 'tags', values: ['street trees'], negate: false },
      { kind: 'field', field: 'organization', values: ['x'], negate: true },
    ]);
    expect(parseSolr('tags:a OR tags:b')).toEqual([{ kind: 'field', field: 'tags', values: ['a', 'b'], negate: false }]);
    expect(parseSolr('tags:(a OR "b c")')).toEqual([{ kind: 'field', field: 'tags', values: ['a', 'b c'], negate: false }]);
    expect(parseSolr('(metadata_modified:[2024-01-01T00:00:00.000000Z TO *])')).toEqual([{ kind: 'range', field: 'metadata_modified', from: '2024-01-01T00:00:00.000000Z', to: null, negate: false }]);
    expect(parseSolr('water quality *:*')).toEqual([{ kind: 'text', text: 'water', negate: false }, { kind: 'text', text: 'quality', negate: false }]);
    expect(parseSolr('NOT organization:a')[0]).toMatchObject({ negate: true });
  });

  it('refuses what it does not read, with a message', () => {
    for (const bad of ['tags:', 'tags:"open', 'tags:(a', 'a OR', 'OR a', 'tags:a OR groups:b', 'water OR fire', '9x:y', 'tags:[a b]', '(a', '- a']) {
      expect(() => filtersOf(parseSolr(bad)), bad).toThrow(SolrQueryError);
    }
    expect(() => filtersOf(parseSolr('colour:red'))).toThrow(/Unknown field "colour"/);
    expect(() => filtersOf(parseSolr('metadata_modified:[yesterday TO *]'))).toThrow(/not a date/);
    expect(() => filtersOf(parseSolr('-tags:a'))).toThrow(/organization and owner_org only/);
  });

  it('maps fields onto Plaza facets and ranges onto instants', () => {
    const f = filtersOf(parseSolr('groups:environment res_format:CSV license_id:cc-by-4.0 metadata_modified:[2024-01-01 TO 2024-02-01T10:00:00Z] name:a id:b'));
    expect(f.include).toEqual([{ facet: 'theme', values: ['environment'] }, { facet: 'format', values: ['CSV'] }, { facet: 'license', values: ['cc-by-4.0'] }]);
    expect(f.updated).toEqual({ from: '2024-01-01T00:00:00.000Z', to: '2024-02-01T10:00:00.000Z' });
    expect(f.names).toEqual([['a']]);
    expect(f.ids).toEqual([['b']]);
    expect(filtersOf(parseSolr('dataset_type:harvest')).none).toBe(true);
  });

  it('maps CKAN sorts onto Plaza orders', () => {
    expect(sortOf(undefined)).toBe('relevance');
    expect(sortOf('score desc, metadata_modified desc')).toBe('relevance');
    expect(sortOf('metadata_modified desc')).toBe('updated');
    expect(sortOf('views_recent desc')).toBe('popular');
    expect(sortOf('id asc')).toBe('title');
    expect(() => sortOf('metadata_created asc')).toThrow(/Invalid "sort"/);
  });
});
