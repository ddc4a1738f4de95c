import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { multipart } from '../support/multipart.ts';
import { makePerson, type Person } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** Showcases over HTTP: submitted with an image, reviewed by a moderator, shown in the gallery. */

let t: TestPlaza;
let app: FastifyInstance;
let ana: Person;
let mo: Person;
let slug: string;

const fields = (extra: Record<string, string | string[]> = {}) => ({
  title: 'Bike counts explorer',
  kind: 'visualization',
  description: 'Daily bike counts on each counter, as small multiples.',
  link: 'https://example.org/bikes',
  made_by: 'Ana and friends',
  image_alt: 'Lines of daily counts',
  datasets: slug,
  ...extra,
});
const photo = () => sharp({ create: { width: 900, height: 600, channels: 3, background: '#2a7' } }).jpeg().withExif({ IFD0: { Make: 'CameraMaker' } }).toBuffer();
const submit = async (who: Person, f: Record<string, string | string[]>, image?: { name: string; type: string; content: Buffer }) => {
  const body = multipart(f, image ? { image } : {});
  return app.inject({ method: 'POST', url: '/api/v1/showcases', headers: { ...who.auth, ...body.headers }, payload: body.payload });
};
const pendingCount = async () => (await app.inject({ url: '/api/v1/showcases/pending', headers: mo.auth })).json().results.length;

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost', registry: new ApiRegistry() }, { logLevel: 'silent' });
  ana = await makePerson(t, { name: 'Ana' });
  mo = await makePerson(t, { name: 'Mo', moderator: true });
  slug = (await t.load(fixture('tabular/montreal_bike_counts_2012.csv'))).slug;
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('showcases over HTTP', () => {
  it('takes a showcase with an image, pending until a moderator approves it, then lists it', async () => {
    const r = await submit(ana, fields({ title: '<script>alert(1)</script> Bikes' }), { name: 'shot.jpg', type: 'image/jpeg', content: await photo() });
    expect(r.statusCode).toBe(201);
    const s = r.json();
    expect(s).toMatchObject({ state: 'pending', kind: 'visualization', made_by: 'Ana and friends', title: '<script>alert(1)</script> Bikes' });
    expect(Object.keys(s.image)).toEqual(['320', '640', '1280']);
    expect((await app.inject({ url: s.links.self })).statusCode).toBe(404);
    expect((await app.inject({ url: s.links.self, headers: ana.auth })).statusCode).toBe(200);
    const img = await app.inject({ url: s.image['640'] });
    expect(img.statusCode).toBe(404);
    const own = await app.inject({ url: s.image['640'], headers: ana.auth });
    expect(own.statusCode).toBe(200);
    const meta = await sharp(own.rawPayload).metadata();
    expect([meta.format, meta.width, meta.exif]).toEqual(['webp', 640, undefined]);

    const ok = await app.inject({ method: 'POST', url: `/api/v1/showcases/${s.id}/approve`, headers: mo.auth });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().state).toBe('approved');
    const gallery = (await app.inject({ url: `/api/v1/showcases?dataset=${slug}&kind=visualization` })).json();
    expect(gallery.results.map((x: { id: string }) => x.id)).toContain(s.id);
    expect((await app.inject({ url: '/api/v1/showcases?kind=app' })).json().results.map((x: { id: string }) => x.id)).not.toContain(s.id);
    const pub = await app.inject({ url: s.image['320'] });
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['content-type']).toBe('image/webp');
    expect(pub.headers['cache-control']).toMatch(/public/);
    expect((await app.inject({ url: s.links.self })).json().datasets.map((d: { slug: string }) => d.slug)).toEqual([slug]);
  });

  it('refuses what is not an image, clearly, keeping nothing', async () => {
    const before = await pendingCount();
    const r = await submit(ana, fields(), { name: 'x.jpg', type: 'image/jpeg', content: Buffer.from('<html><script>alert(1)</script></html>') });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/not a JPEG, PNG, WebP or GIF/);
    expect(await pendingCount()).toBe(before);
  });

  it('refuses a 50 MB upload as too large, keeping nothing', async () => {
    const before = await pendingCount();
    const big = Buffer.alloc(50 * 1024 * 1024, 0);
    (await photo()).copy(big);
    const r = await submit(ana, fields(), { name: 'big.jpg', type: 'image/jpeg', content: big });
    expect(r.statusCode).toBe(413);
    expect(r.json().error.message).toMatch(/larger than 10 MB/);
    expect(await pendingCount()).toBe(before);
  }, 60_000);

  it('refuses bad links, unknown datasets and empty fields with one entry per field', async () => {
    const before = await pendingCount();
    for (const link of ['javascript:alert(1)', 'ftp://example.org/x', 'example.org']) {
      const r = await app.inject({ method: 'POST', url: '/api/v1/showcases', headers: ana.auth, payload: { ...fields({ link }), madeBy: 'Ana', datasets: [slug] } });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.details.fields).toEqual([{ field: 'link', message: 'The link must be an http:// or https:// address.' }]);
    }
    const r = await app.inject({ method: 'POST', url: '/api/v1/showcases', headers: ana.auth, payload: { title: '', kind: 'game', description: 'short', link: 'https://x.org', datasets: [] } });
    expect(r.json().error.details.fields.map((f: { field: string }) => f.field)).toEqual(['title', 'kind', 'description', 'madeBy', 'datasets']);
    const many = await submit(ana, fields({ datasets: Array.from({ length: 30 }, (_, i) => `data-${i}`) }));
    expect(many.json().error.details.fields).toEqual([{ field: 'datasets', message: 'Choose at most 20 datasets.' }]);
    const unknown = await submit(ana, fields({ datasets: 'no-such-data' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.fields[0].field).toBe('datasets');
    expect(await pendingCount()).toBe(before);
  });

  it('lets only moderators review, and a rejection needs a reason the author is told', async () => {
    const id = (await submit(ana, fields({ title: 'Rejected one' }))).json().id;
    expect((await app.inject({ method: 'POST', url: `/api/v1/showcases/${id}/approve`, headers: ana.auth })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/showcases/pending', headers: ana.auth })).statusCode).toBe(403);
    const noReason = await app.inject({ method: 'POST', url: `/api/v1/showcases/${id}/reject`, headers: mo.auth, payload: { reason: ' ' } });
    expect(noReason.statusCode).toBe(400);
    const since = new Date().toISOString();
    const r = await app.inject({ method: 'POST', url: `/api/v1/showcases/${id}/reject`, headers: mo.auth, payload: { reason: 'The link does not use this data.' } });
    expect(r.json()).toMatchObject({ state: 'rejected', state_reason: 'The link does not use this data.' });
    const mail = (await t.deps.catalog.activity.dueMail(new Date(Date.now() + 60_000).toISOString(), 100)).filter((m) => m.createdAt >= since && m.to === ana.user.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.text).toContain('The link does not use this data.');
    expect((await app.inject({ url: `/api/v1/showcases/${id}` })).statusCode).toBe(404);
  });
});
