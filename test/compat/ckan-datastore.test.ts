import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/plaza.ts';
import { MARKER, startDatastoreSite, type DatastoreSite } from './ckan-datastore-setup.ts';

/**
 * CKAN's DataStore over Plaza's tables: datastore_search and
 * datastore_search_sql answer the same questions as the records API, in
 * CKAN's shapes, errors and statuses, and never show a hidden dataset's rows.
 */
let s: DatastoreSite;
let crimes: string;
type Row = Record<string, unknown>;

beforeAll(async () => {
  s = await startDatastoreSite();
  crimes = await s.t.load(fixture('tabular/chicago_crimes_2014-09.csv'), { slug: 'crimes' }).then((r) => r.slug);
});
afterAll(() => s?.close());

async function action(name: string, params: Record<string, string>, headers: Record<string, string> = {}) {
  const r = await s.app.inject({ url: `/api/3/action/${name}?${new URLSearchParams(params).toString()}`, headers });
  return { status: r.statusCode, body: r.json() as { success: boolean; result: Record<string, unknown>; error: Record<string, unknown> } };
}
const search = (params: Record<string, string>, headers?: Record<string, string>) => action('datastore_search', params, headers);
const sql = (text: string, headers?: Record<string, string>) => action('datastore_search_sql', { sql: text }, headers);
async function native(params: Record<string, string>): Promise<{ total_count: number; results: Row[] }> {
  const r = await s.app.inject({ url: `/api/v1/datasets/${crimes}/records?${new URLSearchParams(params).toString()}` });
  expect(r.statusCode).toBe(200);
  return r.json();
}
const withoutId = (rows: Row[]): Row[] => rows.map(({ _id, ...rest }) => rest);

describe('the same question through three APIs', () => {
  it('a text filter, a number range, a sort and a limit give the same rows', async () => {
    const expected = await native({ where: "primary_type = 'THEFT' AND district >= 5 AND district < 10", order_by: 'date desc, id', limit: '25' });
    expect(expected.results).toHaveLength(25);
    const ds = await search({ resource_id: crimes, filters: JSON.stringify({ primary_type: 'THEFT', district: { gte: 5, lt: 10 } }), sort: 'date desc, id', limit: '25' });
    expect(ds.status).toBe(200);
    expect(withoutId(ds.body.result.records as Row[])).toEqual(expected.results);
    expect(ds.body.result.total).toBe(expected.total_count);
    const q = await sql(`SELECT * FROM "${crimes}" WHERE primary_type = 'THEFT' AND district >= 5 AND district < 10 ORDER BY date DESC, id LIMIT 25`);
    expect(q.status).toBe(200);
    expect(q.body.result.records).toEqual(expected.results);
  });

  it('a date range and a list of values give the same rows', async () => {
    const expected = await native({ where: "date >= '2014-09-15' AND date < '2014-09-16' AND primary_type IN ('BATTERY', 'ASSAULT')", order_by: 'id', limit: '200' });
    expect(expected.results.length).toBeGreaterThan(10);
    const ds = await search({ resource_id: crimes, filters: JSON.stringify({ date: { gte: '2014-09-15', lt: '2014-09-16' }, primary_type: ['BATTERY', 'ASSAULT'] }), sort: 'id', limit: '200' });
    expect(withoutId(ds.body.result.records as Row[])).toEqual(expected.results);
    const q = await sql(`SELECT * FROM "${crimes}" AS c WHERE c.date >= '2014-09-15' AND c.date < '2014-09-16' AND c.primary_type IN ('BATTERY', 'ASSAULT') ORDER BY c.id LIMIT 200`);
    expect(q.body.result.records).toEqual(expected.results);
  });

  it('a group-by count in SQL equals the records API group_by', async () => {
    const expected = await native({ select: 'primary_type, count(*) AS n', group_by: 'primary_type', order_by: 'n desc, primary_type', limit: '100' });
    const q = await sql(`SELECT primary_type, COUNT(*) AS n FROM "${crimes}" GROUP BY primary_type ORDER BY n DESC, primary_type`);
    expect(q.status).toBe(200);
    expect(q.body.result.records).toEqual(expected.results);
    expect(q.body.result.fields).toEqual([{ id: 'primary_type', type: 'text' }, { id: 'n', type: 'int8' }]);
    // Positions in the select list stand for its items, as in PostgreSQL.
    expect((await sql(`SELECT primary_type, COUNT(*) AS n FROM "${crimes}" GROUP BY 1 ORDER BY 2 DESC, 1`)).body.result.records).toEqual(expected.results);
  });

  it('date_trunc, CASE and ILIKE in SQL give the records API\'s rows', async () => {
    const expected = await native({ select: "date_trunc('day', date) AS day, sum(CASE WHEN arrest THEN 1 ELSE 0 END) AS arrests", where: "block ILIKE '%ottawa%' OR block ILIKE '%cermak%'", group_by: 'day', order_by: 'day', limit: '100' });
    expect(expected.results.length).toBeGreaterThan(3);
    const q = await sql(`SELECT date_trunc('day', "date") AS day, SUM(CASE WHEN arrest THEN 1 ELSE 0 END) AS arrests FROM "${crimes}" WHERE block ILIKE '%ottawa%' OR block ILIKE '%cermak%' GROUP BY day ORDER BY day`);
    expect(q.body.result.records).toEqual(expected.results);
  });

  it('distinct gives the distinct values of the fields, like a group-by', async () => {
    const expected = await native({ select: 'district', group_by: 'district', order_by: 'district', limit: '100' });
    const ds = await search({ resource_id: crimes, fields: 'district', distinct: 'true', sort: 'district', limit: '100' });
    expect(ds.body.result.records).toEqual(expected.results);
    expect(ds.body.result.fields).toEqual([{ id: 'district', type: 'int8', info: { label: 'District', notes: '' } }]);
    expect((await sql(`SELECT DISTINCT district FROM "${crimes}" ORDER BY district`)).body.result.records).toEqual(expected.results);
  });

  it('q searches every text column, or one column', async () => {
    const expected = await native({ q: 'ottawa', order_by: 'id', limit: '50' });
    const ds = await search({ resource_id: crimes, q: 'ottawa', sort: 'id', limit: '50' });
    expect(withoutId(ds.body.result.records as Row[])).toEqual(expected.results);
    const one = await search({ resource_id: crimes, q: JSON.stringify({ block: 'ottawa' }), sort: 'id', limit: '50' });
    expect((one.body.result.records as Row[]).every((r) => String(r.block).includes('OTTAWA'))).toBe(true);
  });
});

describe('answers in CKAN shapes', () => {
  it('objects: _id first, CKAN type names, total, limit and _links', async () => {
    const r = await search({ resource_id: crimes, limit: '3', offset: '6' });
    expect(r.status).toBe(200);
    const res = r.body.result;
    const fields = res.fields as Array<{ id: string; type: string }>;
    expect(fields[0]).toEqual({ id: '_id', type: 'int' });
    expect(Object.fromEntries(fields.map((f) => [f.id, f.type]))).toMatchObject({ id: 'int8', date: 'timestamp', primary_type: 'text', arrest: 'bool', latitude: 'numeric' });
    expect((res.records as Row[]).map((x) => x._id)).toEqual([7, 8, 9]);
    expect(Object.keys((res.records as Row[])[0]!)).toEqual(fields.map((f) => f.id));
    expect(res).toMatchObject({ limit: 3, offset: 6, total: 22334, total_was_estimated: false, records_format: 'objects', include_total: true });
    expect(res.resource_id).toBe(await s.resourceOf(crimes));
    expect(res._links).toEqual({
      start: `/api/3/action/datastore_search?resource_id=${crimes}&limit=3`,
      next: `/api/3/action/datastore_search?resource_id=${crimes}&limit=3&offset=9`,
    });
  });

  it('an older version\'s resource id reads that version; the live one reads the new file', async () => {
    const before = await s.resourceOf(s.open);
    const path = join(s.t.dir, 'open-v2.csv');
    await writeFile(path, 'case_number,primary_type,district\nB-1,ARSON,7\n');
    await s.t.addVersion(s.open, path);
    const after = await s.resourceOf(s.open);
    expect(after).not.toBe(before);
    expect(((await search({ resource_id: before })).body.result.records as Row[]).map((r) => r.case_number)).toEqual(['A-1', 'A-2', 'A-3']);
    expect(((await search({ resource_id: after })).body.result.records as Row[]).map((r) => r.case_number)).toEqual(['B-1']);
    expect(((await search({ resource_id: s.open })).body.result.records as Row[]).map((r) => r.case_number)).toEqual(['B-1']);
  });

  it('the resource id of the live version and the dataset slug read the same table', async () => {
    const id = await s.resourceOf(crimes);
    const a = await search({ resource_id: id, limit: '5' });
    const b = await search({ resource_id: crimes, limit: '5' });
    expect(a.body.result.records).toEqual(b.body.result.records);
  });

  it('lists, csv and tsv follow the fields', async () => {
    const base = { resource_id: crimes, fields: '_id,id,primary_type,arrest,description', limit: '2', sort: 'id' };
    const lists = (await search({ ...base, records_format: 'lists' })).body.result;
    expect((lists.fields as Array<{ id: string }>).map((f) => f.id)).toEqual(['_id', 'id', 'primary_type', 'arrest', 'description']);
    const rows = lists.records as unknown[][];
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveLength(5);
    const csv = (await search({ ...base, records_format: 'csv' })).body.result.records as string;
    const [id, cid, type, arrest] = rows[0] as [number, number, string, boolean];
    expect(csv.split('\n')[0]).toMatch(new RegExp(`^${id},${cid},${type},${arrest ? 't' : 'f'},`));
    expect(csv.endsWith('\n')).toBe(true);
    expect(csv.split('\n')).toHaveLength(3);
    const tsv = (await search({ ...base, records_format: 'tsv' })).body.result.records as string;
    expect(tsv.split('\n')[0]!.split('\t')).toHaveLength(5);
  });

  it('include_total=false leaves the total out; a limit above 32000 is lowered to it', async () => {
    const r = (await search({ resource_id: crimes, include_total: 'false', limit: '1' })).body.result;
    expect(r).not.toHaveProperty('total');
    const big = (await search({ resource_id: crimes, limit: '50000', filters: JSON.stringify({ district: -1 }) })).body.result;
    expect(big.limit).toBe(32000);
    expect(big.records).toEqual([]);
    expect(big.total).toBe(0);
  });

  it('filters with ne, $or and null', async () => {
    const expected = await native({ where: "(district = 1 OR district = 2) AND primary_type != 'THEFT'", order_by: 'id', limit: '100' });
    const ds = await search({ resource_id: crimes, filters: JSON.stringify({ $or: [{ district: 1 }, { district: 2 }], primary_type: { ne: 'THEFT' } }), sort: 'id', limit: '100' });
    expect(withoutId(ds.body.result.records as Row[])).toEqual(expected.results);
  });

  it('in, $and, a list of objects (any of them), full_text, plain and language', async () => {
    const expected = await native({ where: "district IN (1, 2) AND (primary_type = 'THEFT' OR primary_type = 'ARSON')", order_by: 'id', limit: '100' });
    const ids = (r: { body: { result: Record<string, unknown> } }) => (r.body.result.records as Row[]).map((x) => x.id);
    const want = expected.results.map((x) => x.id);
    const base = { resource_id: crimes, sort: 'id', limit: '100' };
    expect(ids(await search({ ...base, filters: JSON.stringify({ district: { in: [1, 2] }, $and: [{ $or: [{ primary_type: 'THEFT' }, { primary_type: 'ARSON' }] }] }) }))).toEqual(want);
    expect(ids(await search({ ...base, filters: JSON.stringify([{ district: [1, 2], primary_type: 'THEFT' }, { district: ['1', '2'], primary_type: 'ARSON' }]) }))).toEqual(want);
    const q = await native({ q: 'ottawa street', order_by: 'id', limit: '100' });
    const ft = await search({ ...base, full_text: 'ottawa street', plain: 'false', language: 'english' });
    expect(ft.status).toBe(200);
    expect(ids(ft)).toEqual(q.results.map((x) => x.id));
  });

  it('the answer to POST with a JSON body is the same as to GET', async () => {
    const body = { resource_id: crimes, filters: { primary_type: 'THEFT' }, limit: 2 };
    const r = await s.app.inject({ method: 'POST', url: '/api/3/action/datastore_search', payload: body });
    expect(r.statusCode).toBe(200);
    expect(r.json().result.records).toEqual((await search({ resource_id: crimes, filters: '{"primary_type":"THEFT"}', limit: '2' })).body.result.records);
  });
});

describe('the most rows an answer holds', () => {
  it('SQL without LIMIT stops at 32000 rows and says records_truncated; with one under it, not', async () => {
    const path = join(s.t.dir, 'many.csv');
    await writeFile(path, `n\n${Array.from({ length: 32_005 }, (_, i) => i).join('\n')}\n`);
    const many = (await s.t.load(path, { slug: 'many' })).slug;
    const all = await sql(`SELECT n FROM "${many}"`);
    expect(all.status).toBe(200);
    expect(all.body.result.records).toHaveLength(32_000);
    expect(all.body.result.records_truncated).toBe(true);
    const few = await sql(`SELECT n FROM "${many}" ORDER BY n DESC LIMIT 3`);
    expect(few.body.result.records).toEqual([{ n: 32_004 }, { n: 32_003 }, { n: 32_002 }]);
    expect(few.body.result).not.toHaveProperty('records_truncated');
  });
});

describe('errors in CKAN shapes and statuses', () => {
  const ENGINE = /duckdb|binder error|parser error|catalog error|read_parquet|__rowid|stack/i;
  const refused = (r: { status: number; body: { success: boolean; error: Record<string, unknown> } }, status: number, type: string) => {
    expect(r.status).toBe(status);
    expect(r.body.success).toBe(false);
    expect(r.body.error.__type).toBe(type);
    expect(JSON.stringify(r.body)).not.toMatch(ENGINE);
  };

  it('an unknown resource is CKAN\'s Not Found', async () => {
    const r = await search({ resource_id: 'nope' });
    refused(r, 404, 'Not Found Error');
    expect(r.body.error.message).toBe('Not found: Resource "nope" was not found.');
    refused(await sql('SELECT * FROM "nope"'), 404, 'Not Found Error');
    refused(await search({ resource_id: 'a\u0000b' }), 404, 'Not Found Error');
  });

  it('bad fields, sorts, filters and parameters are Validation Errors naming the parameter', async () => {
    let r = await search({ resource_id: crimes, fields: 'id,nope' });
    refused(r, 409, 'Validation Error');
    expect(r.body.error.fields).toEqual(['invalid value "nope"']);
    r = await search({ resource_id: crimes, sort: 'nope desc' });
    expect(r.body.error.sort).toEqual(['invalid value "nope desc"']);
    r = await search({ resource_id: crimes, filters: '{"primary_type": ' });
    refused(r, 409, 'Validation Error');
    expect(r.body.error.filters).toEqual(['Could not parse as valid JSON']);
    r = await search({ resource_id: crimes, filters: '{"nope": 1}' });
    expect(r.body.error.filters).toEqual(['invalid value "nope"']);
    r = await search({ resource_id: crimes, filters: '{"district": {"like": 1}}' });
    refused(r, 409, 'Validation Error');
    r = await search({ resource_id: crimes, filters: '{"district": "abc"}' });
    refused(r, 409, 'Validation Error');
    r = await search({ resource_id: crimes, filters: '{"date": {"gte": "yesterday"}}' });
    refused(r, 409, 'Validation Error');
    r = await search({ resource_id: crimes, limit: '-1' });
    expect(r.body.error.limit).toEqual(['Must be a natural number']);
    refused(await search({ resource_id: crimes, records_format: 'xml' }), 409, 'Validation Error');
    r = await search({});
    expect(r.body.error.resource_id).toEqual(['Missing value']);
  });

  it('SQL that is not one plain SELECT of one resource is refused with a reason', async () => {
    const cases: Array<[string, RegExp]> = [
      [`SELECT * FROM "${crimes}"; DROP TABLE x`, /one statement/i],
      [`SELECT * FROM "${crimes}" -- hi`, /comments/i],
      [`SELECT * FROM "${crimes}" /* x */`, /comments/i],
      [`SELECT * FROM "${crimes}" a JOIN "${crimes}" b ON a.id = b.id`, /one resource per query/i],
      [`SELECT * FROM "${crimes}", "other"`, /one resource per query/i],
      [`SELECT * FROM "${crimes}" WHERE id IN (SELECT id FROM "${crimes}")`, /subquer/i],
      [`WITH x AS (SELECT 1) SELECT * FROM x`, /WITH/],
      [`INSERT INTO "${crimes}" VALUES (1)`, /only reads/i],
      [`DELETE FROM "${crimes}"`, /only reads/i],
      [`PRAGMA version`, /PRAGMA/],
      [`SELECT read_csv('/etc/passwd') FROM "${crimes}"`, /function/i],
      [`SELECT id::text FROM "${crimes}"`, /casts/i],
      [`SELECT nope FROM "${crimes}"`, /^Unknown column nope \(at character 8\)\./],
      [`SELECT id FROM "${crimes}" WHERE`, /end of the query/i],
      [`SELECT id`, /FROM/],
      [`SELECT id FROM "${crimes}" LIMIT 'a'`, /LIMIT/],
      [`SELECT x.id FROM "${crimes}" t`, /Unknown table "x"/],
      [`SELECT _id FROM "${crimes}"`, /unknown column _id/i],
    ];
    for (const [text, message] of cases) {
      const r = await sql(text);
      refused(r, 409, 'Validation Error');
      expect((r.body.error.query as string[])[0], text).toMatch(message);
    }
    const missing = await action('datastore_search_sql', {});
    expect(missing.body.error.sql).toEqual(['Missing value']);
  });
});

describe('private, draft and restricted resources', () => {
  it('private and draft datasets are not found for anonymous readers, by slug or resource id, in search and SQL', async () => {
    for (const slug of Object.values(s.hidden)) {
      for (const id of [slug, await s.resourceOf(slug)]) {
        const r = await search({ resource_id: id });
        expect(r.status).toBe(404);
        expect(r.body.error.message).toBe(`Not found: Resource "${id}" was not found.`);
        const q = await sql(`SELECT * FROM "${id}"`);
        expect(q.status).toBe(404);
        expect(JSON.stringify([r.body, q.body])).not.toContain(MARKER);
      }
    }
  });

  it('a member reads them with a CKAN-style Authorization token', async () => {
    const headers = { authorization: s.member.token };
    for (const slug of [...Object.values(s.hidden), s.restricted]) {
      const r = await search({ resource_id: await s.resourceOf(slug) }, headers);
      expect(r.status, slug).toBe(200);
      expect(JSON.stringify(r.body.result.records)).toContain(MARKER);
      const q = await sql(`SELECT count(*) AS n FROM "${slug}"`, headers);
      expect(q.body.result.records).toEqual([{ n: 2 }]);
    }
  });

  it('restricted rows need a signed-in reader', async () => {
    const r = await search({ resource_id: s.restricted });
    expect(r.status).toBe(403);
    expect(r.body.error.__type).toBe('Authorization Error');
    expect(JSON.stringify(r.body)).not.toContain(MARKER);
  });
});
