import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fourByFour } from '../../src/domain/compat/four-by-four.ts';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * One engine, four dialects: the same question asked through the records
 * API, CKAN's datastore_search and datastore_search_sql, and SoQL gets the
 * same rows, because every dialect compiles to the one query tree.
 */

let t: TestPlaza;
let app: FastifyInstance;
let slug: string;
let resourceId: string;
let code: string;

const json = async (url: string): Promise<unknown> => {
  const r = await app.inject(url);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const q = encodeURIComponent;

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://test.local', registry: new ApiRegistry() }, { logLevel: 'silent' });
  slug = (await t.load(fixture('tabular/chicago_crimes_2014-09.csv'), { slug: 'crimes' })).slug;
  const d = (await t.deps.catalog.datasets.getDataset(slug))!;
  resourceId = (await t.deps.catalog.datasets.getVersion(d.liveVersionId!))!.resourceId!;
  code = fourByFour(d.id);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t?.close();
});

describe('the same question in every dialect', () => {
  it('thefts in district 8, newest first: the same ids', async () => {
    const native = (await json(`/api/v1/datasets/${slug}/records?select=id&where=${q("primary_type = 'THEFT' and district = 8")}&order_by=${q('date desc, id')}&limit=25`)) as { results: { id: number }[] };
    const ids = native.results.map((r) => r.id);
    expect(ids.length).toBe(25);
    const search = (await json(`/api/3/action/datastore_search?resource_id=${resourceId}&filters=${q(JSON.stringify({ primary_type: 'THEFT', district: 8 }))}&fields=id&sort=${q('date desc, id')}&limit=25`)) as { result: { records: { id: number }[] } };
    expect(search.result.records.map((r) => r.id)).toEqual(ids);
    const sql = `SELECT id FROM "${resourceId}" WHERE primary_type = 'THEFT' AND district = 8 ORDER BY date DESC, id LIMIT 25`;
    const bySql = (await json(`/api/3/action/datastore_search_sql?sql=${q(sql)}`)) as { result: { records: { id: number }[] } };
    expect(bySql.result.records.map((r) => r.id)).toEqual(ids);
    const soql = (await json(`/resource/${code}.json?$select=id&$where=${q("primary_type = 'THEFT' AND district = 8")}&$order=${q('date DESC, id')}&$limit=25`)) as { id: string }[];
    expect(soql.map((r) => Number(r.id))).toEqual(ids);
  });

  it('crimes per type, the five most frequent: the same groups and counts', async () => {
    const native = (await json(`/api/v1/datasets/${slug}/records?select=${q('primary_type, count(*) as n')}&group_by=primary_type&order_by=${q('n desc, primary_type')}&limit=5`)) as { results: { primary_type: string; n: number }[] };
    const groups = native.results.map((r) => [r.primary_type, r.n]);
    expect(groups).toHaveLength(5);
    const sql = `SELECT primary_type, count(*) AS n FROM "${resourceId}" GROUP BY primary_type ORDER BY n DESC, primary_type LIMIT 5`;
    const bySql = (await json(`/api/3/action/datastore_search_sql?sql=${q(sql)}`)) as { result: { records: { primary_type: string; n: number }[] } };
    expect(bySql.result.records.map((r) => [r.primary_type, Number(r.n)])).toEqual(groups);
    const soql = (await json(`/resource/${code}.json?$select=${q('primary_type, count(*) AS n')}&$group=primary_type&$order=${q('n DESC, primary_type')}&$limit=5`)) as { primary_type: string; n: string }[];
    expect(soql.map((r) => [r.primary_type, Number(r.n)])).toEqual(groups);
  });
});
