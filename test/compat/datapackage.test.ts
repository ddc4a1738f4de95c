import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { updateDictionary } from '../../src/actions/catalog/dictionary.ts';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { buildApp } from '../../src/http/app.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import { frictionlessValidators } from './standards-support.ts';
import { checkCsv, parsesAs, type CheckedField } from './table-schema-check.ts';

const BASE = 'http://plaza.test';
let t: TestPlaza;
let app: FastifyInstance;

const { datapackage: validatePackage, tableschema: validateTableSchema, tabledialect: validateDialect } = frictionlessValidators();

interface Descriptor {
  name: string;
  licenses: Array<{ name: string; path: string; title: string }>;
  resources: Array<{ name: string; path: string; format: string; mediatype: string; encoding: string; dialect: object; schema: { fields: Array<CheckedField & { title?: string; description?: string }>; missingValues: string[]; primaryKey?: string[] } }>;
  [k: string]: unknown;
}

const descriptorOf = async (slug: string): Promise<Descriptor> => {
  const res = await app.inject({ method: 'GET', url: `/datasets/${slug}/datapackage.json` });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  return res.json<Descriptor>();
};

/** Validates against the three profiles; the errors, if any. */
function profileErrors(d: Descriptor): unknown[] {
  const errors: unknown[] = [];
  if (!validatePackage(d)) errors.push(...(validatePackage.errors ?? []));
  for (const r of d.resources) {
    if (!validateTableSchema(r.schema)) errors.push(...(validateTableSchema.errors ?? []));
    if (!validateDialect(r.dialect)) errors.push(...(validateDialect.errors ?? []));
  }
  return errors;
}

/** Downloads the resource's path (an absolute URL of this Plaza) and checks it against the Table Schema. */
async function crossCheck(d: Descriptor) {
  const r = d.resources[0]!;
  expect(r.path.startsWith(`${BASE}/`)).toBe(true);
  const csv = await app.inject({ method: 'GET', url: r.path.slice(BASE.length) });
  expect(csv.statusCode).toBe(200);
  expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  const result = checkCsv(csv.body, r.schema.fields, r.schema.missingValues);
  expect(result.header).toEqual(r.schema.fields.map((f) => f.name));
  expect(result.bad).toEqual([]);
  return result;
}

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: BASE }, { logLevel: 'silent' });
  await t.load(fixture('tabular/chicago_crimes_2014-09.csv'), { title: 'Crimes, September 2014', slug: 'chicago-crimes' });
  await t.load(fixture('tabular/boston_employee_earnings_2016.csv'), { title: 'Employee earnings 2016', slug: 'boston-earnings' });
  await updateDataset(t.deps, t.admin, 'chicago-crimes', { keywords: ['crime', 'police'], license: 'cc-by-4.0' });
  await updateDictionary(t.deps, t.admin, 'chicago-crimes', { columns: [{ name: 'arrest', label: 'Arrest made', description: 'Whether an arrest was made.' }] });
  await t.load(fixture('geo/nyc_uhf42.geojson'), { slug: 'uhf-areas' });
  await t.load(fixture('tabular/montreal_bike_counts_2012.csv'), { slug: 'restricted-bikes' });
  await updateDataset(t.deps, t.admin, 'restricted-bikes', { access_level: 'restricted' });
  await t.load(fixture('tabular/montreal_bike_counts_2012.csv'), { slug: 'private-bikes' });
  await updateDataset(t.deps, t.admin, 'private-bikes', { access_level: 'private' });
  await createDataset(t.deps, t.admin, { title: 'Draft plans', organization: 'Test Department', description: 'Not yet.', license: 'cc-by-4.0' }, { createOrganization: true });
}, 90_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the Table Schema checker', () => {
  it('refuses values that are not of the type', () => {
    expect(parsesAs({ name: 'x', type: 'integer' }, '1.5')).toBe(false);
    expect(parsesAs({ name: 'x', type: 'number' }, '$46,291.98')).toBe(false);
    expect(parsesAs({ name: 'x', type: 'boolean' }, 'yes')).toBe(false);
    expect(parsesAs({ name: 'x', type: 'date' }, '09/30/2014')).toBe(false);
    expect(parsesAs({ name: 'x', type: 'date' }, '2014-02-30')).toBe(false);
    expect(parsesAs({ name: 'x', type: 'datetime' }, '2014-09-30 00:00:00')).toBe(false);
    expect(parsesAs({ name: 'x', type: 'geojson' }, '[-87.8, 42.0]')).toBe(false);
    expect(parsesAs({ name: 'x', type: 'datetime' }, '2014-09-30T00:00:00')).toBe(true);
    expect(parsesAs({ name: 'x', type: 'geojson' }, '{"type":"Point","coordinates":[-87.8,42]}')).toBe(true);
  });
});

describe('GET /datasets/{slug}/datapackage.json', () => {
  it('is a valid Frictionless v2 Data Package whose Table Schema matches the CSV download (Chicago crimes: booleans, dates, numbers)', async () => {
    const d = await descriptorOf('chicago-crimes');
    expect(profileErrors(d)).toEqual([]);
    expect(d).toMatchObject({
      $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
      name: 'chicago-crimes',
      title: 'Crimes, September 2014',
      keywords: ['crime', 'police'],
      homepage: `${BASE}/datasets/chicago-crimes`,
      version: '1.0.0',
      licenses: [{ name: 'cc-by-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0' }],
      contributors: [{ title: 'Test Department', roles: ['publisher'] }],
    });
    const r = d.resources[0]!;
    expect(r).toMatchObject({ name: 'chicago-crimes', format: 'csv', mediatype: 'text/csv', encoding: 'utf-8', path: `${BASE}/api/v1/datasets/chicago-crimes/export/csv` });
    const types = Object.fromEntries(r.schema.fields.map((f) => [f.name, f.type]));
    expect(types).toMatchObject({ id: 'integer', arrest: 'boolean', domestic: 'boolean', latitude: 'number', longitude: 'number', primary_type: 'string' });
    expect(['datetime', 'date']).toContain(types.date);
    // The derived point is not in the download, so not in the schema.
    expect(types.location).toBeUndefined();
    expect(r.schema.fields.find((f) => f.name === 'arrest')).toMatchObject({ title: 'Arrest made', description: 'Whether an arrest was made.' });
    expect(r.schema.primaryKey).toEqual(['id']);
    const checked = await crossCheck(d);
    expect(checked.rows).toBeGreaterThan(20_000);
    expect(checked.seen.arrest).toBeGreaterThan(0);
  });

  it('types money as numbers and ZIP codes as text (Boston earnings), and the CSV agrees', async () => {
    const d = await descriptorOf('boston-earnings');
    expect(profileErrors(d)).toEqual([]);
    const types = Object.fromEntries(d.resources[0]!.schema.fields.map((f) => [f.name, f.type]));
    expect(types).toMatchObject({ name: 'string', regular: 'number', total_earnings: 'number', postal: 'string' });
    expect(d.resources[0]!.schema.missingValues).toEqual(['']);
    const checked = await crossCheck(d);
    expect(checked.seen.overtime).toBeGreaterThan(0);
    expect(checked.seen.overtime).toBeLessThan(checked.rows);
  });

  it('types geometry as GeoJSON, as the CSV writes it (NYC UHF areas), and leaves the derived columns out', async () => {
    const d = await descriptorOf('uhf-areas');
    expect(profileErrors(d)).toEqual([]);
    const fields = d.resources[0]!.schema.fields;
    expect(fields.find((f) => f.name === 'geometry')?.type).toBe('geojson');
    const checked = await crossCheck(d);
    expect(checked.seen.geometry).toBeGreaterThan(0);
  });

  it('describes a restricted dataset to anyone, while its data path needs a signed-in reader', async () => {
    const d = await descriptorOf('restricted-bikes');
    expect(profileErrors(d)).toEqual([]);
    const anonymous = await app.inject({ method: 'GET', url: d.resources[0]!.path.slice(BASE.length) });
    expect(anonymous.statusCode).toBe(401);
    const signedIn = await app.inject({ method: 'GET', url: d.resources[0]!.path.slice(BASE.length), headers: { authorization: `Bearer ${t.token}` } });
    expect(signedIn.statusCode).toBe(200);
  });

  it("is Plaza's ordinary 404 for a private dataset, a draft, a dataset without data, and an unknown slug; 400 for a slug too long", async () => {
    const answers = await Promise.all(['private-bikes', 'draft-plans', 'no-such-dataset'].map((s) => app.inject({ method: 'GET', url: `/datasets/${s}/datapackage.json` })));
    for (const res of answers) {
      expect(res.statusCode).toBe(404);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('not_found');
      expect(res.body).not.toContain('Draft plans');
    }
    const long = await app.inject({ method: 'GET', url: `/datasets/${'a'.repeat(201)}/datapackage.json` });
    expect(long.statusCode).toBe(400);
    expect(long.json<{ error: { code: string } }>().error.code).toBe('validation_failed');
    const own = await app.inject({ method: 'GET', url: '/datasets/draft-plans/datapackage.json', headers: { authorization: `Bearer ${t.token}` } });
    expect(own.statusCode).toBe(404);
    expect(own.json<{ error: { message: string } }>().error.message).toContain('has no data yet');
  });
});
