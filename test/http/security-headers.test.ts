import type { AddressInfo } from 'node:net';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/actions/deps.ts';
import { requestPasswordReset } from '../../src/actions/accounts/password-reset.ts';
import { updateSite } from '../../src/actions/site/settings.ts';
import { buildApp, type AppOptions } from '../../src/http/app.ts';
import { Assets } from '../../src/http/assets/bundles.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { makePerson, signIn, type Person, type Session } from '../support/people.ts';
import { fixture, startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/**
 * Every answer Plaza sends carries its security headers: a Content-Security-
 * Policy with scripts from the portal's own files only and framing refused,
 * X-Frame-Options, nosniff, a referrer policy and COOP, and HSTS exactly when
 * the portal's address is https. Walked over every route the app registers
 * and every declared API route, as a visitor, a program with a token and a
 * signed-in person, and over the answers no route makes: not-found and error
 * answers, redirects, malformed addresses, rate-limit refusals.
 */

const LOGO = 'https://images.example.org/city/logo.png';
const TILES = 'https://tiles.example.org/{z}/{x}/{y}.png';
const HTML = { accept: 'text/html,application/xhtml+xml' };
const JSON_ACCEPT = { accept: 'application/json' };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const PASSWORD = 'a long enough password';
/** Referrer policies that never send a path to another site. */
const REFERRER_POLICIES = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];

/** The origin a browser compares against an image's address, computed from the setting. */
const originOfTemplate = (template: string): string => new URL(template.replace(/\{[a-z]\}/g, '0')).origin;

let t: TestPlaza;
let app: FastifyInstance;
let registry: ApiRegistry;
let assets: Assets;
let admin: Person;
let session: Session;
let census: string;
let foodSites: string;
let jobId: string;
/** Every method and URL Fastify registered, as the app told us. */
const registered: Array<{ method: string; url: string }> = [];

/** An app on the test Plaza (whose site settings name the tile server and the logo); `https` chooses the portal's address. */
async function appFor(opts: { baseUrl?: string; site?: Partial<Deps['site']>; options?: AppOptions; extra?: (app: FastifyInstance) => void } = {}): Promise<FastifyInstance> {
  const site = { ...t.deps.site, ...opts.site };
  const a = await buildApp({ deps: { ...t.deps, site }, siteName: 'Test City', baseUrl: opts.baseUrl ?? 'http://127.0.0.1', registry: new ApiRegistry(), assets }, { logLevel: 'silent', ...opts.options });
  opts.extra?.(a);
  await a.ready();
  return a;
}

beforeAll(async () => {
  t = await startTestPlaza();
  assets = new Assets();
  census = (await t.load(fixture('tabular/nyc_dhs_daily_shelter_census.csv'), { title: 'Daily shelter census', slug: 'shelter-census' })).slug;
  const geo = await t.load(fixture('geo/nyc_efap_food_sites.geojson'), { title: 'Emergency food sites', slug: 'food-sites' });
  foodSites = geo.slug;
  jobId = geo.job.id;
  await updateSite(t.deps, t.admin, { logo_url: LOGO, map_tile_url: TILES, map_tile_attribution: '© Example Tiles' });
  registry = new ApiRegistry();
  app = await buildApp(
    { deps: t.deps, siteName: 'Test City', baseUrl: 'http://127.0.0.1', registry, assets },
    { logLevel: 'silent', onRoute: (method, url) => registered.push({ method, url }) },
  );
  app.get('/test-only/fails', async () => {
    throw new Error('A failure made by the test.');
  });
  app.get('/test-only/embeddable', { config: { embeddable: true } }, async (_req, reply) => reply.header('Content-Type', 'text/html; charset=utf-8').send('<!doctype html><title>A view to embed</title><p>A chart.</p>'));
  app.get('/test-only/embeddable-fails', { config: { embeddable: true } }, async () => {
    throw new Error('A failure made by the test.');
  });
  await app.ready();
  admin = await makePerson(t, { name: 'Ada Admin', siteAdmin: true });
  session = await signIn(t, app, admin, PASSWORD);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await t?.close();
});

/** A policy's directives by name, each with its sources. */
function directives(policy: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !found.has(name.toLowerCase())) found.set(name.toLowerCase(), sources);
  }
  return found;
}

interface Expect {
  /** The answer may be framed by any site (an embeddable view). */
  framed?: boolean;
  /** The portal's address is https. */
  https?: boolean;
  /** Origins images must be allowed from. */
  images?: string[];
}

const header = (res: LightMyRequestResponse | Response, name: string): string | undefined => {
  const v = res instanceof Response ? res.headers.get(name) : res.headers[name];
  return v === null || v === undefined ? undefined : String(v);
};

/** What is wrong with an answer's security headers, each problem prefixed with what was asked. */
function problems(what: string, res: LightMyRequestResponse | Response, want: Expect = {}): string[] {
  const found: string[] = [];
  const say = (ok: boolean, problem: string) => void (ok ? null : found.push(`${what}: ${problem}`));
  const policy = header(res, 'content-security-policy');
  say(policy !== undefined, 'no Content-Security-Policy');
  const d = directives(policy ?? '');
  const scripts = d.get('script-src') ?? d.get('default-src') ?? [];
  say(scripts.length > 0 && scripts.every((s) => s === "'self'"), `scripts may come from more than the portal's files: ${scripts.join(' ')}`);
  say(d.get('default-src')?.join(' ') === "'self'", `default-src is ${d.get('default-src')?.join(' ')}`);
  say(d.get('object-src')?.join(' ') === "'none'", `object-src is ${d.get('object-src')?.join(' ')}`);
  say(["'none'", "'self'"].includes(d.get('base-uri')?.join(' ') ?? ''), `base-uri is ${d.get('base-uri')?.join(' ')}`);
  say(d.get('form-action')?.join(' ') === "'self'", `form-action is ${d.get('form-action')?.join(' ')}`);
  say(d.get('connect-src')?.join(' ') === "'self'", `connect-src is ${d.get('connect-src')?.join(' ')}`);
  say(!(d.get('style-src') ?? []).includes("'unsafe-eval'"), 'styles allow eval');
  const images = d.get('img-src') ?? [];
  for (const origin of ["'self'", 'blob:', ...(want.images ?? [])]) say(images.includes(origin), `img-src (${images.join(' ')}) lacks ${origin}`);
  say(!images.some((s) => ['*', 'http:', 'https:'].includes(s)), `img-src allows any site: ${images.join(' ')}`);
  say(d.get('frame-ancestors')?.join(' ') === (want.framed ? '*' : "'none'"), `frame-ancestors is ${d.get('frame-ancestors')?.join(' ')}`);
  say(header(res, 'x-frame-options') === (want.framed ? undefined : 'DENY'), `X-Frame-Options is ${header(res, 'x-frame-options')}`);
  say(header(res, 'x-content-type-options') === 'nosniff', `X-Content-Type-Options is ${header(res, 'x-content-type-options')}`);
  say(REFERRER_POLICIES.includes(header(res, 'referrer-policy') ?? ''), `Referrer-Policy is ${header(res, 'referrer-policy')}`);
  say(header(res, 'cross-origin-opener-policy') === 'same-origin', `Cross-Origin-Opener-Policy is ${header(res, 'cross-origin-opener-policy')}`);
  const hsts = header(res, 'strict-transport-security');
  if (want.https) say(Number(/max-age=(\d+)/.exec(hsts ?? '')?.[1] ?? 0) >= 180 * 24 * 60 * 60, `Strict-Transport-Security is ${hsts}`);
  else say(hsts === undefined, `Strict-Transport-Security on an http portal: ${hsts}`);
  return found;
}

const IMAGES = (): string[] => [originOfTemplate(TILES), new URL(LOGO).origin];

describe('security headers', () => {
  it('are on the answer to every registered route, for visitors, programs with a token and signed-in people', async () => {
    const asset = (await assets.url('table')).split('/').pop()!;
    /** A real value for a GET's parameter, so that most answers are real pages and data; other methods get ones that match nothing. */
    const value = (name: string, url: string, method: string): string => {
      if (method !== 'GET' && method !== 'HEAD') return name === 'code' ? 'es' : 'no-such-thing';
      if (name === 'file') return asset;
      if (name === 'code') return 'es';
      if (name === 'format') return 'csv';
      if (url.startsWith('/api/v1/jobs/')) return jobId;
      if (url.includes('/organizations/')) return 'test-department';
      if (name === 'slug' || (name === 'id' && url.startsWith('/api/v1/datasets/'))) return url.includes('/map') ? foodSites : census;
      return 'no-such-thing';
    };
    const routes = registered.filter((r) => !r.url.startsWith('/test-only/'));
    expect(routes.length).toBeGreaterThan(60);
    // The declared API routes are among those walked.
    const walked = new Set(routes.map((r) => `${r.method} ${r.url}`));
    const declared = registry.routes.map((r) => `${r.method} ${r.path.replace(/\{([A-Za-z_]+)\}/g, ':$1')}`);
    expect(declared.filter((r) => !walked.has(r))).toEqual([]);

    const who: Array<[string, Record<string, string>]> = [
      ['a visitor', {}],
      ['a program with a token', { authorization: `Bearer ${t.token}` }],
      ['a signed-in person', { cookie: session.cookie }],
    ];
    const found: string[] = [];
    const statuses = new Set<number>();
    for (const [name, headers] of who) {
      for (const r of routes) {
        const url = r.url.replace(/:([A-Za-z_]+)/g, (_m, p: string) => value(p, r.url, r.method));
        const res = await app.inject({ method: r.method as 'GET', url, headers: { ...(r.url.startsWith('/api/') ? JSON_ACCEPT : HTML), ...headers } });
        statuses.add(res.statusCode);
        found.push(...problems(`${r.method} ${url} as ${name} (${res.statusCode})`, res, { images: IMAGES() }));
      }
    }
    expect(found).toEqual([]);
    // Pages, data, redirects, refusals and not-found answers were all among them.
    expect([200, 303, 400, 401, 403, 404].filter((s) => !statuses.has(s))).toEqual([]);
  }, 120_000);

  it('are on pages served from memory, and on HEAD answers', async () => {
    const first = await app.inject({ url: '/', headers: HTML });
    const kept = await app.inject({ url: '/', headers: HTML });
    const head = await app.inject({ method: 'HEAD', url: `/datasets/${census}`, headers: HTML });
    expect(kept.body).toBe(first.body);
    expect([...problems('GET / (made)', first, { images: IMAGES() }), ...problems('GET / (kept)', kept, { images: IMAGES() }), ...problems('HEAD a dataset page', head, { images: IMAGES() })]).toEqual([]);
  });

  it('are on not-found and error answers, as pages and as JSON', async () => {
    const cases: Array<[string, string, Record<string, string>, number]> = [
      ['a page where nothing is', '/no/such/page', HTML, 404],
      ['an unknown dataset page', '/datasets/no-such-dataset', HTML, 404],
      ['an unknown API address', '/api/v1/no-such-thing', JSON_ACCEPT, 404],
      ['an unknown dataset in the API', '/api/v1/datasets/no-such-dataset', JSON_ACCEPT, 404],
      ['a missing browser bundle', '/assets/no-such-bundle.js', {}, 404],
      ['a failure, as a page', '/test-only/fails', HTML, 500],
      ['a failure, as JSON', '/test-only/fails', JSON_ACCEPT, 500],
      ['a broken reset link', '/reset-password?token=not-a-token', HTML, 400],
    ];
    const found: string[] = [];
    for (const [what, url, headers, status] of cases) {
      const res = await app.inject({ url, headers });
      expect(res.statusCode, what).toBe(status);
      found.push(...problems(what, res, { images: IMAGES() }));
    }
    const badJson = await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/json' }, payload: '{not json' });
    expect(badJson.statusCode).toBe(400);
    found.push(...problems('a body that is not JSON', badJson, { images: IMAGES() }));
    expect(found).toEqual([]);
  });

  it('are on the static bundles, the feeds, the sitemap and the API document', async () => {
    const found: string[] = [];
    for (const url of [await assets.url('table'), await assets.url('map'), '/feeds/activity.atom', `/feeds/datasets/${census}.atom`, '/sitemap.xml', '/robots.txt', '/api/v1/openapi.json', '/api/reference', `/api/v1/datasets/${census}/export/csv`]) {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      found.push(...problems(url, res, { images: IMAGES() }));
    }
    expect(found).toEqual([]);
  });

  it('are on redirects: a successful sign-in, a page that needs one, the language switch', async () => {
    const csrf = 'a'.repeat(32);
    const signedIn = await app.inject({
      method: 'POST', url: '/sign-in', headers: { ...HTML, ...FORM, cookie: `plaza_csrf=${csrf}` },
      payload: new URLSearchParams({ _csrf: csrf, email: admin.user.email, password: PASSWORD, next: '/account' }).toString(),
    });
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/account');
    const needsSignIn = await app.inject({ url: '/account', headers: HTML });
    expect(needsSignIn.statusCode).toBe(303);
    const language = await app.inject({ url: '/language/es?back=/datasets', headers: HTML });
    expect(language.statusCode).toBe(303);
    expect([...problems('POST /sign-in', signedIn, { images: IMAGES() }), ...problems('GET /account anonymously', needsSignIn, { images: IMAGES() }), ...problems('the language switch', language, { images: IMAGES() })]).toEqual([]);
  });

  it('keep the address of a reset link, which carries its secret, from leaving as a referrer', async () => {
    await requestPasswordReset(t.deps, admin.user.email);
    const mail = (await t.deps.catalog.activity.dueMail(new Date(Date.now() + 86_400_000).toISOString(), 100)).filter((m) => m.to === admin.user.email).at(-1);
    const token = decodeURIComponent(/reset-password\?token=([^\s"&<]+)/.exec(mail?.text ?? '')?.[1] ?? '');
    expect(token.length).toBeGreaterThan(20);
    const page = await app.inject({ url: `/reset-password?token=${encodeURIComponent(token)}`, headers: HTML });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="token"');
    const broken = await app.inject({ url: '/reset-password?token=not-a-token', headers: HTML });
    for (const res of [page, broken]) {
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(problems('the reset-password page', res, { images: IMAGES() })).toEqual([]);
    }
  });

  it('are on addresses Fastify refuses before any route (bad percent-encoding, an over-long parameter), over a real connection', async () => {
    const served = await appFor({ extra: (a) => a.get('/test-only/embeddable', { config: { embeddable: true } }, async () => 'A view to embed.') });
    await served.listen({ port: 0, host: '127.0.0.1' });
    try {
      const base = `http://127.0.0.1:${(served.server.address() as AddressInfo).port}`;
      const bad = await fetch(`${base}/datasets/%E0%A4%A`, { headers: HTML });
      const long = await fetch(`${base}/datasets/${'a'.repeat(600)}`, { headers: HTML });
      const page = await fetch(`${base}/datasets`, { headers: HTML });
      const embeddable = await fetch(`${base}/test-only/embeddable`);
      expect([bad.status, long.status, page.status, embeddable.status]).toEqual([400, 414, 200, 200]);
      expect(problems('an embeddable view over HTTP', embeddable, { framed: true, images: IMAGES() })).toEqual([]);
      // The refusals carry the headers as far as they can be known before a route: all but the logo's origin.
      expect([...problems('a malformed address', bad), ...problems('an over-long parameter', long), ...problems('the catalog over HTTP', page, { images: IMAGES() })]).toEqual([]);
    } finally {
      await served.close();
    }
  });

  it('are on refusals by the rate limit', async () => {
    const limited = await appFor({ options: { rateLimits: { anonymous: 1, token: 1 } } });
    try {
      await limited.inject({ url: '/api/v1/datasets' });
      const refused = await limited.inject({ url: '/api/v1/datasets' });
      expect(refused.statusCode).toBe(429);
      expect(problems('a request over the limit', refused, { images: IMAGES() })).toEqual([]);
    } finally {
      await limited.close();
    }
  });

  it('include HSTS when the portal is at an https address, and not when it is at http', async () => {
    const secure = await appFor({ baseUrl: 'https://data.example.org' });
    const fromSite = await appFor({ baseUrl: '', site: { baseUrl: 'https://data.example.org' } });
    const plain = await appFor({ baseUrl: 'http://data.example.org' });
    try {
      const found: string[] = [];
      for (const [name, a, https] of [['https', secure, true], ['https in the site settings', fromSite, true], ['http', plain, false]] as const) {
        for (const [url, headers] of [['/', HTML], ['/api/v1/datasets', JSON_ACCEPT], ['/no/such/page', HTML], [await assets.url('chart'), {}]] as const) {
          found.push(...problems(`${url} on the ${name} portal`, await a.inject({ url, headers }), { https, images: IMAGES() }));
        }
      }
      expect(found).toEqual([]);
    } finally {
      await Promise.all([secure.close(), fromSite.close(), plain.close()]);
    }
  });

  it('let a route declared embeddable be framed by any site, and no other', async () => {
    const view = await app.inject({ url: '/test-only/embeddable', headers: HTML });
    const failing = await app.inject({ url: '/test-only/embeddable-fails', headers: HTML });
    const other = await app.inject({ url: `/datasets/${census}/chart`, headers: HTML });
    expect([view.statusCode, failing.statusCode, other.statusCode]).toEqual([200, 500, 200]);
    expect([
      ...problems('the embeddable view', view, { framed: true, images: IMAGES() }),
      ...problems('the embeddable view failing', failing, { framed: true, images: IMAGES() }),
      ...problems('a chart page', other, { images: IMAGES() }),
    ]).toEqual([]);
  });

  it('allow images only from the portal when no tile server or web-address logo is set', async () => {
    await updateSite(t.deps, t.admin, { logo_url: '', map_tile_url: '', map_tile_attribution: '' });
    const bare = await appFor();
    try {
      const res = await bare.inject({ url: `/datasets/${foodSites}/map`, headers: HTML });
      expect(res.statusCode).toBe(200);
      expect(problems('the map without tiles or logo', res)).toEqual([]);
      expect(directives(String(res.headers['content-security-policy'])).get('img-src')).toEqual(["'self'", 'blob:']);
    } finally {
      await bare.close();
      await updateSite(t.deps, t.admin, { logo_url: LOGO, map_tile_url: TILES, map_tile_attribution: '© Example Tiles' });
    }
  });
});
