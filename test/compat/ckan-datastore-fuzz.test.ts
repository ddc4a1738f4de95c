import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKER, startDatastoreSite, type DatastoreSite } from './ckan-datastore-setup.ts';

/**
 * Whatever `filters`, `q`, `sort`, `fields` or SQL text is sent, the DataStore
 * answers with CKAN's shapes: never a 5xx, never the engine's own error text,
 * never a row of a private or draft dataset.
 */
let s: DatastoreSite;
let hiddenIds: string[] = [];
const ENGINE = /duckdb|binder error|parser error|catalog error|conversion error|__rowid|internal server error/i;

beforeAll(async () => {
  s = await startDatastoreSite();
  hiddenIds = [...Object.values(s.hidden), ...(await Promise.all(Object.values(s.hidden).map((h) => s.resourceOf(h))))];
});
afterAll(() => s?.close());

async function call(name: string, payload: Record<string, unknown>): Promise<{ status: number; text: string }> {
  const r = await s.app.inject({ method: 'POST', url: `/api/3/action/${name}`, payload });
  return { status: r.statusCode, text: r.body };
}
function checked(r: { status: number; text: string }, what: unknown): void {
  const label = JSON.stringify(what);
  expect([200, 403, 404, 409], label).toContain(r.status);
  expect(r.text, label).not.toMatch(ENGINE);
  if (label.includes(MARKER)) {
    // CKAN echoes the filters (and an error may quote a value) sent: the marker asked for may come back, its rows never.
    const records: unknown = (JSON.parse(r.text) as { result?: { records?: unknown } }).result?.records ?? [];
    expect(JSON.stringify(records), label).not.toContain(MARKER);
  } else {
    expect(r.text, label).not.toContain(MARKER);
  }
  // The engine's source text names the data folder: it must never show.
  expect(r.text, label).not.toContain(s.t.dir);
  expect(JSON.parse(r.text).success, label).toBe(r.status === 200);
}

const COLUMNS = ['case_number', 'primary_type', 'district', 'nope', '_id', '$or', '$and', '$not', '$$district', ''];
const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(MARKER, "'; DROP TABLE x; --", '2014-09-01', '1e999'));
const opValue = fc.dictionary(fc.constantFrom('eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'like', '$or'), fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })), { maxKeys: 3 });
const filters: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  filter: fc.dictionary(fc.constantFrom(...COLUMNS), fc.oneof({ depthSize: 'small' }, scalar, fc.array(scalar, { maxLength: 4 }), opValue, fc.array(tie('filter'), { maxLength: 2 })), { maxKeys: 4 }),
})).filter;

describe('fuzzed datastore_search', () => {
  it('random filters never fail badly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(filters, fc.jsonValue(), fc.string()), fc.constantFrom('open-crimes', ...hiddenIds), async (f, id) => {
        const sent = typeof f === 'string' ? f : JSON.stringify(f);
        const r = await call('datastore_search', { resource_id: id, filters: sent });
        checked(r, f);
        if (hiddenIds.includes(id)) {
          // Parameters are checked before the resource is looked up, as in CKAN: a hidden one answers as one that does not exist.
          const unknown = await call('datastore_search', { resource_id: 'no-such-resource', filters: sent });
          expect(r.status).toBe(unknown.status);
          expect(r.text.replaceAll(id, 'ID')).toBe(unknown.text.replaceAll('no-such-resource', 'ID'));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('random q, sort, fields, limit and formats never fail badly', async () => {
    const text = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('district desc', '"district" asc', '_id desc', 'nope', 'district, case_number', '[1]', '{"x":1}', '{"case_number":"A"}'));
    await fc.assert(
      fc.asyncProperty(text, text, text, fc.oneof(fc.string({ maxLength: 6 }), fc.integer()), fc.constantFrom('objects', 'lists', 'csv', 'tsv', 'x'), fc.boolean(), async (q, sort, fields, limit, format, distinct) => {
        const params = { resource_id: 'open-crimes', q, sort, fields, limit, records_format: format, distinct };
        checked(await call('datastore_search', params), params);
      }),
      { numRuns: 120 },
    );
  });
});

describe('fuzzed datastore_search_sql', () => {
  const VALID = [
    'SELECT * FROM "open-crimes"',
    'SELECT primary_type, count(*) AS n FROM "open-crimes" GROUP BY primary_type HAVING count(*) > 0 ORDER BY n DESC LIMIT 5',
    `SELECT t.case_number FROM "open-crimes" AS t WHERE t.district BETWEEN 1 AND 2 OR t.primary_type = 'THEFT' ORDER BY 1 OFFSET 1`,
    'SELECT DISTINCT primary_type FROM "open-crimes" WHERE lower(primary_type) LIKE \'%t%\'',
  ];
  const TOKENS = [';', '--', '/*', '*/', "'", '"', '(', ')', ',', '.', '::', '*', 'SELECT', 'FROM', 'WHERE', 'UNION', 'JOIN', 'DROP TABLE x', 'ATTACH \'x\'',
    'PRAGMA', 'COPY', 'read_parquet(\'/etc/passwd\')', 'pg_sleep(1)', 'count(*)', '1=1', 'OR', 'LIMIT 1', '\u0000', '"_table_metadata"', '\\', 'AS', 'GROUP BY', 'ORDER BY'];
  const hiddenTable = () => fc.constantFrom(...hiddenIds.map((h) => `"${h}"`));
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ kind: fc.constant('table' as const), at: fc.nat(), token: fc.constant('') }),
  );

  it('mutated and random SQL never fails badly nor reads a hidden dataset', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...VALID), fc.array(mutation, { maxLength: 4 }), fc.nat(), async (base, mutations, pick) => {
        let text = base;
        for (const m of mutations) {
          const at = m.at % (text.length + 1);
          if (m.kind === 'insert') text = `${text.slice(0, at)} ${m.token} ${text.slice(at)}`;
          else if (m.kind === 'delete') text = text.slice(0, at) + text.slice(at + m.length);
          else text = text.replaceAll('"open-crimes"', `"${hiddenIds[pick % hiddenIds.length]}"`);
        }
        checked(await call('datastore_search_sql', { sql: text }), text);
      }),
      { numRuns: 250 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constantFrom(...TOKENS), hiddenTable(), fc.string({ maxLength: 5 })), { maxLength: 12 }), async (tokens) => {
        const text = tokens.join(' ');
        checked(await call('datastore_search_sql', { sql: text }), text);
      }),
      { numRuns: 120 },
    );
  });

  it('the valid queries answer', async () => {
    for (const text of VALID) {
      const r = await call('datastore_search_sql', { sql: text });
      expect(r.status, `${text}: ${r.text}`).toBe(200);
    }
  });
});
