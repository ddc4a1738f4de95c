import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateDataset } from '../../src/actions/catalog/update-dataset.ts';
import { child, childrenNamed, parseXml, type XmlElement } from '../notify/xml.ts';
import { BASE_URL, startFlow, type Flow } from './support.ts';

let f: Flow;
beforeEach(async () => {
  f = await startFlow();
});
afterEach(async () => {
  await f.close();
});

/** Fetches a feed, checks its type and well-formedness, and returns the parsed document. */
async function feed(url: string): Promise<XmlElement> {
  const res = await f.app.inject({ method: 'GET', url });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
  const doc = parseXml(res.body);
  expect(doc.name).toBe('feed');
  expect(doc.attrs.xmlns).toBe('http://www.w3.org/2005/Atom');
  for (const link of [...childrenNamed(doc, 'link'), ...childrenNamed(doc, 'entry').flatMap((e) => childrenNamed(e, 'link'))]) {
    expect(link.attrs.href!.startsWith(`${BASE_URL}/`), link.attrs.href).toBe(true);
  }
  return doc;
}

const titles = (doc: XmlElement): string[] => childrenNamed(doc, 'entry').map((e) => child(e, 'title').text);

describe('Atom feeds', () => {
  it('follow the site, a dataset and an organization, well-formed with absolute links', async () => {
    const trees = await f.dataset('Trees & <shrubs> "2024"');
    await updateDataset(f.deps, f.t.admin, trees.id, { description: 'Control \u0001 characters & more.' });

    const site = await feed('/feeds/activity.atom');
    expect(child(site, 'id').text).toBe(`${BASE_URL}/feeds/activity.atom`);
    const self = childrenNamed(site, 'link').find((l) => l.attrs.rel === 'self');
    expect(self?.attrs.href).toBe(`${BASE_URL}/feeds/activity.atom`);
    expect(titles(site)[0]).toBe('Trees & <shrubs> "2024": Site administrator updated description');

    const one = await feed(`/feeds/datasets/${trees.slug}.atom`);
    expect(titles(one)).toEqual([
      'Trees & <shrubs> "2024": Site administrator updated description',
      'Trees & <shrubs> "2024": Site administrator published the dataset',
      'Trees & <shrubs> "2024": Site administrator added the link Source',
      'Trees & <shrubs> "2024": Site administrator created the dataset',
    ]);
    const entry = childrenNamed(one, 'entry')[0]!;
    expect(child(entry, 'id').text).toMatch(/^tag:data\.example\.gov,\d{4}-\d{2}-\d{2}:activity\//);
    expect(child(entry, 'link').attrs.href).toBe(`${BASE_URL}/datasets/${trees.slug}`);
    expect(child(entry, 'category').attrs.term).toBe('dataset.updated');
    expect(child(one, 'updated').text).toBe(child(entry, 'updated').text);

    const org = await feed('/feeds/organizations/test-department.atom');
    expect(titles(org)).toContain('Trees & <shrubs> "2024": Site administrator updated description');
    expect(titles(org)).toContain('Test Department: Site administrator created the organization Test Department');

    expect((await f.app.inject({ method: 'GET', url: '/feeds/datasets/no-such-thing.atom' })).statusCode).toBe(404);
    expect((await f.app.inject({ method: 'GET', url: '/feeds/organizations/no-such-thing.atom' })).statusCode).toBe(404);
  });

  it('follow a catalog search: the recently updated datasets it finds', async () => {
    await f.dataset('Street trees', { themes: ['Environment'], keywords: ['trees'] });
    await f.dataset('Air quality', { themes: ['Environment', 'Health'] });
    await f.dataset('Bus stops', { themes: ['Transportation'] });

    const env = await feed('/feeds/search.atom?theme=Environment');
    expect(titles(env).sort()).toEqual(['Air quality', 'Street trees']);
    expect(childrenNamed(env, 'link').find((l) => l.attrs.rel === 'alternate')?.attrs.href).toBe(`${BASE_URL}/datasets?theme=Environment`);
    const entry = childrenNamed(env, 'entry').find((e) => child(e, 'title').text === 'Street trees')!;
    expect(childrenNamed(entry, 'category').map((c) => c.attrs.term)).toEqual(['Environment', 'trees']);
    expect(child(child(entry, 'author'), 'name').text).toBe('Test Department');

    expect(titles(await feed('/feeds/search.atom?q=bus'))).toEqual(['Bus stops']);
    expect(titles(await feed('/feeds/search.atom?q=trees&theme=Transportation'))).toEqual([]);
    expect(titles(await feed('/feeds/search.atom'))).toHaveLength(3);

    const bad = await f.app.inject({ method: 'GET', url: '/feeds/search.atom?color=green' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('"color" is not a search filter');
  });
});

describe('sitemap and robots.txt', () => {
  it('list every public dataset and organization page with its last change', async () => {
    const trees = await f.dataset('Street trees');
    const limited = await f.dataset('Restricted counts', { access: 'restricted' });
    const res = await f.app.inject({ method: 'GET', url: '/sitemap.xml' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const doc = parseXml(res.body);
    expect(doc.attrs.xmlns).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const urls = new Map(childrenNamed(doc, 'url').map((u) => [child(u, 'loc').text, childrenNamed(u, 'lastmod')[0]?.text ?? null]));
    const now = await f.deps.catalog.datasets.getDataset(trees.id);
    expect(urls.get(`${BASE_URL}/datasets/street-trees`)).toBe(now!.updatedAt);
    expect(urls.has(`${BASE_URL}/datasets/${limited.slug}`)).toBe(true);
    expect(urls.get(`${BASE_URL}/organizations/test-department`)).toBe(now!.updatedAt > limited.updatedAt ? now!.updatedAt : limited.updatedAt);
    // The organization's first dataset is still a draft.
    expect(urls.has(`${BASE_URL}/datasets/organization-seed`)).toBe(false);

    const robots = await f.app.inject({ method: 'GET', url: '/robots.txt' });
    expect(robots.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(robots.body).toContain(`Sitemap: ${BASE_URL}/sitemap.xml`);
  });
});

describe('activity API', () => {
  it('pages back through the stream with next_before', async () => {
    const trees = await f.dataset('Street trees');
    for (const k of ['a', 'b', 'c']) await updateDataset(f.deps, f.t.admin, trees.id, { keywords: [k] });
    const first = await f.app.inject({ method: 'GET', url: `/api/v1/datasets/${trees.slug}/activity?limit=4` });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.results).toHaveLength(4);
    expect(page1.results[0]).toMatchObject({
      verb: 'dataset.updated',
      actor: { name: 'Site administrator' },
      summary: 'updated keywords',
      dataset: { slug: trees.slug, title: 'Street trees' },
      organization: { slug: 'test-department', name: 'Test Department' },
      details: { fields: ['keywords'] },
    });
    expect(page1.next_before).toBe(page1.results[3].seq);
    const page2 = (await f.app.inject({ method: 'GET', url: `/api/v1/datasets/${trees.id}/activity?limit=4&before=${page1.next_before}` })).json();
    expect(page2.results.map((e: { verb: string }) => e.verb)).toEqual(['resource.added', 'dataset.created']);
    expect(page2.next_before).toBeNull();

    expect((await f.app.inject({ method: 'GET', url: '/api/v1/activity?limit=0' })).statusCode).toBe(400);
    expect((await f.app.inject({ method: 'GET', url: '/api/v1/organizations/nowhere/activity' })).statusCode).toBe(404);
  });
});

describe('subscriptions API', () => {
  it('checks what is followed and where webhooks go, and shows the secret once', async () => {
    const ada = await f.person('Ada Analyst');
    const bob = await f.person('Bob Other');
    const post = (payload: unknown, headers: Record<string, string> = ada.auth) => f.app.inject({ method: 'POST', url: '/api/v1/subscriptions', headers, payload: payload as object });

    expect((await post({ organization: 'test-department' }, {})).statusCode).toBe(401);
    for (const [payload, message] of [
      [{ organization: 'test-department', webhook_url: 'ftp://example.org/x' }, 'only http and https'],
      [{ organization: 'test-department', webhook_url: 'https://user:pw@example.org/x' }, 'user name or password'],
      [{ organization: 'test-department', webhook_url: 'not a url' }, 'absolute URL'],
      [{ search: 'q=trees&colour=green' }, '"colour" is not a search filter'],
      [{ dataset: 'x', organization: 'y' }, 'exactly one'],
      [{ organization: 'test-department', email: false }, 'email'],
    ] as const) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().error.message).toContain(message);
    }
    expect((await post({ organization: 'nowhere' })).statusCode).toBe(404);

    const made = await post({ search: '?theme=Environment&q=trees&keyword=Canopy,Shade', webhook_url: 'https://hooks.example.org/plaza#frag' });
    expect(made.statusCode).toBe(201);
    expect(made.headers.location).toBe(`/api/v1/subscriptions/${made.json().id}`);
    expect(made.json()).toMatchObject({ target: 'search', search: 'q=trees&theme=Environment&keyword=canopy&keyword=shade', email: true, webhook_url: 'https://hooks.example.org/plaza' });
    expect(made.json().webhook_secret).toMatch(/^whsec_/);
    expect((await post({ search: 'keyword=shade&keyword=canopy&q=trees&theme=Environment', webhook_url: 'https://hooks.example.org/plaza' })).statusCode).toBe(409);

    const list = await f.app.inject({ method: 'GET', url: '/api/v1/subscriptions', headers: ada.auth });
    expect(list.json().results).toHaveLength(1);
    expect(list.json().results[0]).not.toHaveProperty('webhook_secret');
    expect((await f.app.inject({ method: 'GET', url: '/api/v1/subscriptions', headers: bob.auth })).json().results).toEqual([]);

    const id = made.json().id;
    expect((await f.app.inject({ method: 'DELETE', url: `/api/v1/subscriptions/${id}`, headers: bob.auth })).statusCode).toBe(404);
    expect((await f.app.inject({ method: 'GET', url: `/api/v1/subscriptions/${id}/deliveries`, headers: bob.auth })).statusCode).toBe(404);
    expect((await f.app.inject({ method: 'DELETE', url: `/api/v1/subscriptions/${id}`, headers: ada.auth })).statusCode).toBe(204);
    expect((await f.app.inject({ method: 'GET', url: '/api/v1/subscriptions', headers: ada.auth })).json().results).toEqual([]);
  });
});
