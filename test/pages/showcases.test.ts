import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { multipart } from '../support/multipart.ts';
import { makePerson, signIn, type Session } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** The showcase pages as forms without JavaScript: submitting with an image, refusals that keep what was typed, review; English and Spanish. */

const PASSWORD = 'showcases password 2030';
let t: TestPlaza;
let app: FastifyInstance;
let ana: Session;
let mo: Session;
let slug: string;

const good = () => ({ title: 'Where the bikes go', kind: 'story', description: 'A story about counting bikes in the city, day by day.', link: 'https://news.example.org/bikes', made_by: 'The Daily Wheel', image_alt: 'A chart of counts', datasets: slug });
const png = () => sharp({ create: { width: 800, height: 500, channels: 3, background: '#36c' } }).png().toBuffer();

async function submit(who: Session, fields: Record<string, string | string[]>, image?: Buffer, url = '/showcases') {
  const body = multipart({ _csrf: who.csrf, ...fields }, image ? { image: { name: 'pic.png', type: 'image/png', content: image } } : {});
  return app.inject({ method: 'POST', url, headers: { ...body.headers, cookie: who.cookie }, payload: body.payload });
}
const post = (who: Session, url: string, fields: Record<string, string>) =>
  app.inject({ method: 'POST', url, payload: new URLSearchParams({ _csrf: who.csrf, ...fields }).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.cookie } });
const get = (url: string, who?: Session) => app.inject({ url, headers: who ? { cookie: who.cookie } : {} });

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  const loaded = await t.load(fixture('tabular/montreal_bike_counts_2012.csv'), { title: 'Bike counts' });
  slug = loaded.slug;
  ana = await signIn(t, app, await makePerson(t, { name: 'Ana' }), PASSWORD);
  mo = await signIn(t, app, await makePerson(t, { name: 'Mo', moderator: true }), PASSWORD);
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the showcase pages', () => {
  it('send visitors who want to submit to sign in', async () => {
    const form = await get('/showcases/new');
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toBe('/sign-in?next=%2Fshowcases%2Fnew');
    expect((await get('/showcases')).body).toContain('href="/sign-in?next=%2Fshowcases%2Fnew"');
  });

  it('offer a multipart form listing the published datasets', async () => {
    const r = await get('/showcases/new', ana);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('enctype="multipart/form-data"');
    expect(r.body).toContain(`value="${slug}"`);
    expect(r.body).toContain('type="file"');
  });

  it('take a showcase with its image, show it pending to its author only, then approved in the gallery, on the dataset page and in the catalog', async () => {
    const r = await submit(ana, { ...good(), title: '<script>alert(1)</script> bikes', link: 'https://news.example.org/"><script>x</script>' }, await png());
    expect(r.statusCode).toBe(303);
    const page = r.headers.location!.replace(/\?.*$/, '');
    const mine = await get(`${page}?submitted=1`, ana);
    expect(mine.body).toContain('A moderator will check it');
    expect(mine.body).toContain('<h1>&lt;script>alert(1)&lt;/script> bikes</h1>');
    expect(mine.body).not.toContain('<script>alert(1)');
    expect(mine.body).not.toContain('<script>x');
    expect(mine.body).toContain('rel="nofollow ugc noopener"');
    expect(mine.body).toMatch(/<picture><source type="image\/webp" srcset="[^"]+image-320\.webp 320w, [^"]+image-640\.webp 640w, [^"]+image-1280\.webp 1280w"/);
    expect((await get(page)).statusCode).toBe(404);
    expect((await get('/showcases')).body).not.toContain('alert(1)');
    // Ana cannot approve; the moderator sees it in the queue and approves.
    expect((await get(page, ana)).body).not.toContain('/approve"');
    expect((await get('/showcases/review', mo)).body).toContain(page);
    const ok = await post(mo, `${page}/approve`, {});
    expect([ok.statusCode, ok.headers.location]).toEqual([303, `${page}?approved=1`]);
    expect((await get(page)).statusCode).toBe(200);
    const gallery = await get(`/showcases?kind=story&dataset=${slug}`);
    expect(gallery.body).toContain(page);
    expect((await get('/showcases?kind=app')).body).not.toContain(page);
    const dataset = await get(`/datasets/${slug}`);
    expect(dataset.body).toContain('Built with this data');
    expect(dataset.body).toContain(page);
    expect((await get('/datasets')).body).toContain(`/showcases?dataset=${slug}">1 showcase</a>`);
    expect((await get(`/datasets/${slug}?lang=es`)).body).toContain('Hecho con estos datos');
    const hub = await get('/community');
    expect(hub.body).toContain(`href="${page}"`);
    expect(hub.body).toContain('1 showcase');
    expect((await get('/')).body).toContain(`href="${page}"`);
  });

  it('refuse what is not an image, a bad link and no dataset, keeping what was typed, in English and Spanish', async () => {
    const before = (await get('/showcases/review', mo)).body.match(/showcase-card/g)?.length ?? 0;
    const r = await submit(ana, { ...good(), link: 'javascript:alert(1)' }, Buffer.from('GIF89a not really'));
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('The link must be an http:// or https:// address.');
    expect(r.body).toContain('value="Where the bikes go"');
    const img = await submit(ana, good(), Buffer.from('%PDF-1.4 not a picture'));
    expect(img.statusCode).toBe(400);
    expect(img.body).toContain('The image is not a JPEG, PNG, WebP or GIF picture, or it is damaged.');
    expect(img.body).toContain(`value="${slug}" checked`);
    const es = await submit(ana, { ...good(), datasets: [] }, undefined, '/showcases?lang=es');
    expect(es.statusCode).toBe(400);
    expect(es.body).toContain('Elija al menos un conjunto de datos que use.');
    const big = Buffer.alloc(11 * 1024 * 1024, 1);
    (await png()).copy(big);
    const large = await submit(ana, good(), big);
    expect(large.statusCode).toBe(413);
    expect(large.body).toContain('The image is larger than 10 MB; send a smaller one.');
    expect((await get('/showcases/review', mo)).body.match(/showcase-card/g)?.length ?? 0).toBe(before);
  });

  it('let a moderator refuse with a reason, required', async () => {
    const page = (await submit(ana, { ...good(), title: 'Not this one' })).headers.location!.replace(/\?.*$/, '');
    expect((await get('/showcases/review', ana)).statusCode).toBe(403);
    expect((await post(ana, `${page}/reject`, { reason: 'Mine is bad.' })).statusCode).toBe(403);
    const none = await post(mo, `${page}/reject`, { reason: '' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Say why the showcase is not approved');
    const r = await post(mo, `${page}/reject`, { reason: 'It does not use this data.' });
    expect(r.statusCode).toBe(303);
    const seen = await get(`${page}?lang=es`, ana);
    expect(seen.body).toContain('Un moderador no aprobó esta muestra: It does not use this data.');
    expect((await get(page)).statusCode).toBe(404);
  });
});
