import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/plaza.ts';
import { BASE, ckan, ckanCatalog, type CkanCatalog } from './ckan-catalog.ts';
import { sameKeysAndTypes } from './ckan-shapes.ts';

/** CKAN's Action API over a small catalog: shapes against real CKAN answers, errors, and what never shows. */

let c: CkanCatalog;
const real = (name: string) => JSON.parse(readFileSync(fixture(`standards/ckan/${name}`), 'utf8')) as { result: Record<string, unknown> };
const names = (results: { name: string }[]) => results.map((r) => r.name).sort();

beforeAll(async () => {
  c = await ckanCatalog();
}, 60_000);
afterAll(async () => c?.close());

describe('shapes, field by field against real CKAN answers', () => {
  it('package_show has every key of the real package dicts, with the same types', async () => {
    const { status, body } = await ckan(c.app, 'package_show', { id: 'street-trees' });
    expect(status).toBe(200);
    expect(body.success).toBe(true);
    for (const f of ['package_show-demo.ckan.org.json', 'package_show-with-extras.json']) expect(sameKeysAndTypes(real(f).result, body.result), f).toEqual([]);
    const p = body.result;
    expect(p).toMatchObject({ name: 'street-trees', title: 'Street trees', type: 'dataset', state: 'active', private: false, license_id: 'cc-by-4.0', isopen: true, num_tags: 2, num_resources: 1 });
    expect(p.metadata_modified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    expect(p.tags.map((t: { name: string }) => t.name)).toEqual(['trees', 'urban forest']);
    expect(p.groups).toEqual([expect.objectContaining({ name: 'environment', title: 'Environment' })]);
    expect(p.organization).toMatchObject({ name: 'test-department', is_organization: true, type: 'organization', approval_status: 'approved', state: 'active' });
    expect(p.maintainer_email).toBe('trees@example.org');
    const extras = Object.fromEntries(p.extras.map((e: { key: string; value: string }) => [e.key, e.value]));
    expect(JSON.parse(extras.spatial).type).toBe('Polygon');
    expect(extras).toMatchObject({ temporal_start: '2020-01-01', temporal_end: '2020-12-31', frequency: 'R/P1M', language: 'en' });
    // The same dataset by its id.
    expect((await ckan(c.app, 'package_show', { id: c.trees.id })).body.result.name).toBe('street-trees');
  });

  it('resource_show has every key of the real resource dict; the live file is the DataStore table and downloads', async () => {
    const pkg = (await ckan(c.app, 'package_show', { id: 'street-trees' })).body.result;
    const res = pkg.resources[0];
    const { status, body } = await ckan(c.app, 'resource_show', { id: res.id });
    expect(status).toBe(200);
    expect(sameKeysAndTypes(real('resource_show-sample.json').result, body.result)).toEqual([]);
    expect(body.result).toMatchObject({ id: res.id, package_id: c.trees.id, format: 'CSV', url_type: 'upload', datastore_active: true, state: 'active', position: 0, mimetype: 'text/csv' });
    expect(body.result.url.startsWith(`${BASE}/api/v1/datasets/street-trees/export/csv`)).toBe(true);
    const download = await c.app.inject(body.result.url.slice(BASE.length));
    expect(download.statusCode).toBe(200);
    expect(download.body.split('\n').length).toBeGreaterThan(100);
  });

  it('status_show, organization_show, group_show and the lists answer in CKAN shapes', async () => {
    expect((await ckan(c.app, 'status_show')).body.result.ckan_version).toMatch(/^2\.10/);
    const org = (await ckan(c.app, 'organization_show', { id: 'test-department', include_datasets: 'true' })).body.result;
    expect(sameKeysAndTypes(real('package_show-demo.ckan.org.json').result.organization, org)).toEqual([]);
    expect(org).toMatchObject({ name: 'test-department', package_count: 2, is_organization: true });
    expect(names(org.packages)).toEqual(['park-benches', 'street-trees']);
    expect((await ckan(c.app, 'group_list')).body.result).toContain('parks-and-recreation');
    const group = (await ckan(c.app, 'group_show', { id: 'environment' })).body.result;
    expect(group).toMatchObject({ name: 'environment', title: 'Environment', is_organization: false, type: 'group', package_count: 1 });
    const all = (await ckan(c.app, 'organization_list', { all_fields: 'true' })).body.result;
    expect(all.map((o: { name: string; package_count: number }) => [o.name, o.package_count])).toEqual([['test-department', 2], ['transport-office', 1]]);
  });
});

describe('package_search', () => {
  it('answers count, results, facets, search_facets and sort as CKAN does', async () => {
    const { body } = await ckan(c.app, 'package_search', { 'facet.field': '["organization","tags","res_format","license_id","groups"]', rows: '2' });
    const r = body.result;
    expect(Object.keys(r).sort()).toEqual(['count', 'facets', 'results', 'search_facets', 'sort']);
    expect(r.count).toBe(3);
    expect(r.results).toHaveLength(2);
    expect(r.sort).toBe('score desc, metadata_modified desc');
    expect(r.facets.organization).toEqual({ 'test-department': 2, 'transport-office': 1 });
    expect(r.facets.tags).toMatchObject({ trees: 2, benches: 1 });
    expect(r.facets.res_format).toMatchObject({ CSV: 1 });
    expect(r.search_facets.license_id.items).toContainEqual({ name: 'odbl-1.0', display_name: 'Open Data Commons Open Database License 1.0', count: 1 });
    expect(r.search_facets.organization).toMatchObject({ title: 'organization', items: expect.arrayContaining([{ name: 'transport-office', display_name: 'Transport Office', count: 1 }]) });
  });

  it('reads fq: organization, tags, groups, res_format, license_id, name, id, quoted values, OR, exclusion', async () => {
    const found = async (fq: string, extra: Record<string, string> = {}) => names((await ckan(c.app, 'package_search', { fq, ...extra })).body.result.results);
    expect(await found('organization:transport-office')).toEqual(['bike-counts']);
    expect(await found('tags:trees')).toEqual(['bike-counts', 'street-trees']);
    expect(await found('+tags:trees +organization:test-department')).toEqual(['street-trees']);
    expect(await found('tags:trees AND organization:test-department')).toEqual(['street-trees']);
    expect(await found('groups:parks-and-recreation')).toEqual(['park-benches']);
    expect(await found('res_format:CSV')).toEqual(['street-trees']);
    expect(await found('license_id:odbl-1.0')).toEqual(['park-benches']);
    expect(await found('name:park-benches')).toEqual(['park-benches']);
    expect(await found(`id:${c.trees.id}`)).toEqual(['street-trees']);
    expect(await found('tags:"urban forest"')).toEqual(['street-trees']);
    expect(await found('tags:trees tags:"urban forest"')).toEqual(['street-trees']);
    expect(await found('tags:trees tags:benches')).toEqual([]);
    expect(await found('groups:environment res_format:CSV res_format:HTML')).toEqual([]);
    expect(await found('organization:transport-office OR organization:test-department')).toHaveLength(3);
    expect(await found('tags:(benches OR bikes)')).toEqual(['bike-counts', 'park-benches']);
    expect(await found('-organization:test-department')).toEqual(['bike-counts']);
    expect(await found(`owner_org:${c.trees.organizationId}`)).toEqual(['park-benches', 'street-trees']);
    expect(await found('dataset_type:dataset')).toHaveLength(3);
    expect(await found('', { q: 'tags:benches' })).toEqual(['park-benches']);
  });

  it('pages with rows and start, caps rows at 1000, and sorts as asked', async () => {
    const all = (await ckan(c.app, 'package_search', { sort: 'title_string asc' })).body.result.results.map((r: { name: string }) => r.name);
    expect(all).toEqual(['bike-counts', 'park-benches', 'street-trees']);
    const second = (await ckan(c.app, 'package_search', { sort: 'name asc', rows: '1', start: '1' })).body.result;
    expect(second.results.map((r: { name: string }) => r.name)).toEqual(['park-benches']);
    expect((await ckan(c.app, 'package_search', { rows: '5000' })).status).toBe(200);
  });

  it('refuses what CKAN refuses, in its shapes: 409 for a field Solr would not know, 400 for a sort, 409 validation for rows', async () => {
    const unknown = await ckan(c.app, 'package_search', { fq: 'colour:red' });
    expect(unknown.status).toBe(409);
    expect(unknown.body.error.__type).toBe('Search Error');
    expect(unknown.body.error.message).toContain('Unknown field "colour"');
    const sort = await ckan(c.app, 'package_search', { sort: 'bananas desc' });
    expect(sort.status).toBe(400);
    expect(sort.body.error).toMatchObject({ __type: 'Search Query Error' });
    const rows = await ckan(c.app, 'package_search', { rows: 'ten' });
    expect(rows.status).toBe(409);
    expect(rows.body.error).toEqual({ __type: 'Validation Error', rows: ['Invalid integer'] });
    expect((await ckan(c.app, 'package_search', { start: '-1' })).body.error).toEqual({ __type: 'Validation Error', start: ['Must be a natural number'] });
    expect((await ckan(c.app, 'package_search', { 'facet.field': '["colour"]' })).status).toBe(409);
  });

  it('takes its parameters from a JSON or form POST body as well', async () => {
    const json = await c.app.inject({ method: 'POST', url: '/api/action/package_search', payload: { fq: 'tags:benches' } });
    expect(json.json().result.results.map((r: { name: string }) => r.name)).toEqual(['park-benches']);
    const form = await c.app.inject({ method: 'POST', url: '/api/3/action/package_search', payload: 'fq=tags%3Abikes', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.json().result.results.map((r: { name: string }) => r.name)).toEqual(['bike-counts']);
  });
});

describe('what docs/ckan.md promises besides', () => {
  it('lists in their orders; facets only when asked; search_facets by display name, descending', async () => {
    expect((await ckan(c.app, 'package_list')).body.result).toEqual(['bike-counts', 'park-benches', 'street-trees']);
    expect((await ckan(c.app, 'package_list', { limit: '1', offset: '1' })).body.result).toEqual(['park-benches']);
    const current = (await ckan(c.app, 'current_package_list_with_resources')).body.result;
    const modified = current.map((p: { metadata_modified: string }) => p.metadata_modified);
    expect(modified).toEqual([...modified].sort().reverse());
    const plain = (await ckan(c.app, 'package_search')).body.result;
    expect([plain.facets, plain.search_facets]).toEqual([{}, {}]);
    const items = (await ckan(c.app, 'package_search', { 'facet.field': '["tags"]' })).body.result.search_facets.tags.items.map((i: { display_name: string }) => i.display_name);
    expect(items).toEqual([...items].sort().reverse());
    expect((await ckan(c.app, 'tag_list', { query: 'tree' })).body.result).toEqual(['trees']);
    expect((await ckan(c.app, 'tag_list', { vocabulary_id: 'countries' })).status).toBe(404);
  });

  it('a POST body wins over the query string; capacity:public leaves private datasets out even with include_private', async () => {
    const res = await c.app.inject({ method: 'POST', url: '/api/3/action/package_search?fq=tags:bikes', payload: { fq: 'tags:benches' } });
    expect(res.json().result.results.map((r: { name: string }) => r.name)).toEqual(['park-benches']);
    const member = await ckan(c.app, 'package_search', { include_private: 'true', fq: 'capacity:public tags:trees' }, { authorization: c.member.token });
    expect(names(member.body.result.results)).toEqual(['bike-counts', 'street-trees']);
  });
});

describe('errors, as CKAN 2.10 sends them', () => {
  it('an unknown action is a 400 bad request; a body that is not an object too', async () => {
    const res = await c.app.inject('/api/3/action/package_destroy_everything');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toBe('Bad request - Action name not known: package_destroy_everything');
    const list = await c.app.inject({ method: 'POST', url: '/api/3/action/package_show', payload: '[1,2]', headers: { 'content-type': 'application/json' } });
    expect(list.statusCode).toBe(400);
    expect(list.json()).toMatch(/^Bad request - Bad request data/);
    const broken = await c.app.inject({ method: 'POST', url: '/api/3/action/package_show', payload: '{"id":', headers: { 'content-type': 'application/json' } });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatch(/^Bad request - JSON Error/);
  });

  it('not found is a 404 in the envelope; a missing id a validation error; answers carry CORS', async () => {
    const missing = await ckan(c.app, 'package_show', { id: 'no-such-dataset' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ success: false, error: { __type: 'Not Found Error', message: 'Not found' } });
    expect(missing.body).toHaveProperty('help');
    expect(missing.headers['access-control-allow-origin']).toBe('*');
    expect((await ckan(c.app, 'resource_show', { id: 'nope' })).body.error).toEqual({ __type: 'Not Found Error', message: 'Not found: Resource was not found.' });
    expect((await ckan(c.app, 'package_show')).body.error).toEqual({ __type: 'Validation Error', id: ['Missing value'] });
    expect((await ckan(c.app, 'organization_show', { id: 'nope' })).status).toBe(404);
    expect((await ckan(c.app, 'group_show', { id: 'nope' })).status).toBe(404);
  });
});

describe('drafts and private datasets never show to those who may not see them', () => {
  const leaks = (text: string) => ['secret-trees', 'draft-trees', 'secrettag', 'drafttag'].filter((w) => text.includes(w));

  it('not in package_list, searches, counts, facets, organizations, groups or tags', async () => {
    const answers = await Promise.all([
      ckan(c.app, 'package_list'),
      ckan(c.app, 'current_package_list_with_resources'),
      ckan(c.app, 'package_search', { rows: '100', 'facet.field': '["organization","tags","groups","license_id","res_format"]', include_private: 'true', include_drafts: 'true' }),
      ckan(c.app, 'package_search', { q: 'trees', fq: 'tags:secrettag OR tags:trees' }),
      ckan(c.app, 'organization_list', { all_fields: 'true' }),
      ckan(c.app, 'organization_show', { id: 'test-department', include_datasets: 'true' }),
      ckan(c.app, 'group_list', { all_fields: 'true' }), // every theme is listed; its count is of public datasets
      ckan(c.app, 'group_show', { id: 'health', include_datasets: 'true' }),
      ckan(c.app, 'tag_list'),
    ]);
    for (const a of answers) expect(leaks(JSON.stringify(a.body.result))).toEqual([]);
    expect(answers[0]!.body.result.sort()).toEqual([...c.publicSlugs].sort());
    expect(answers[2]!.body.result.count).toBe(3);
    expect(answers[7]!.body.result.package_count).toBe(0);
  });

  it('package_show and resource_show answer 404 for them, as for what does not exist', async () => {
    for (const id of [c.secret.slug, c.secret.id, c.draft.slug]) expect((await ckan(c.app, 'package_show', { id })).body.error).toEqual({ __type: 'Not Found Error', message: 'Not found' });
  });

  it('include_private shows a member their organization’s private dataset; include_drafts their drafts; never to others', async () => {
    const asMember = { authorization: c.member.token };
    const member = await ckan(c.app, 'package_search', { include_private: 'true', rows: '100' }, asMember);
    expect(names(member.body.result.results)).toContain('secret-trees');
    expect(names(member.body.result.results)).not.toContain('draft-trees');
    expect(member.body.result.results.find((r: { name: string }) => r.name === 'secret-trees').private).toBe(true);
    // Without include_private, a member gets what everyone gets, as in CKAN.
    expect(names((await ckan(c.app, 'package_search', { rows: '100' }, asMember)).body.result.results)).not.toContain('secret-trees');
    expect((await ckan(c.app, 'package_show', { id: 'secret-trees' }, asMember)).body.result.private).toBe(true);
    const anonymous = await ckan(c.app, 'package_search', { include_private: 'true', include_drafts: 'true', rows: '100' });
    expect(names(anonymous.body.result.results)).toEqual(names(c.publicSlugs.map((name) => ({ name }))));
    const admin = await ckan(c.app, 'package_search', { include_drafts: 'true', rows: '100', fq: 'tags:drafttag' }, { authorization: c.t.token });
    expect(admin.body.result.results.map((r: { name: string; state: string }) => [r.name, r.state])).toEqual([['draft-trees', 'draft']]);
  });
});
