import { Assets } from '../../src/http/assets/bundles.ts';
import { PageCache } from '../../src/http/pages/page-cache.ts';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { newUser } from '../../src/actions/accounts/fields.ts';
import { hashPassword } from '../../src/actions/accounts/password.ts';
import type { User } from '../../src/domain/accounts/types.ts';
import type { Deps } from '../../src/actions/deps.ts';
import type { Clock } from '../../src/ports/clock.ts';
import { accountRoutes } from '../../src/http/api/accounts/routes.ts';
import { organizationRoutes } from '../../src/http/api/organizations/routes.ts';
import type { HttpContext } from '../../src/http/context.ts';
import { handleError } from '../../src/http/errors.ts';
import { accountPageRoutes } from '../../src/http/pages/account/routes.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

/** A clock the test moves by hand. */
export interface TestClock extends Clock {
  t: number;
  advance(ms: number): void;
}

export function testClock(start = Date.parse('2030-03-01T09:00:00.000Z')): TestClock {
  const clock: TestClock = { t: start, now: () => new Date(clock.t), advance: (ms) => void (clock.t += ms) };
  return clock;
}

/** The account, organization and page routes on their own Fastify app, as the portal registers them. */
export async function accountsApp(deps: Deps, baseUrl = 'http://localhost'): Promise<{ app: FastifyInstance; ctx: HttpContext }> {
  const app = Fastify({ logger: false });
  app.setErrorHandler(handleError);
  const ctx: HttpContext = { deps, siteName: 'Test City', baseUrl, registry: new ApiRegistry(), assets: new Assets(), pages: new PageCache(deps) };
  accountRoutes(app, ctx);
  organizationRoutes(app, ctx);
  accountPageRoutes(app, ctx);
  await app.ready();
  return { app, ctx };
}

export interface Harness {
  t: TestPlaza;
  app: FastifyInstance;
  ctx: HttpContext;
  clock: TestClock;
  close(): Promise<void>;
}

export async function startHarness(overrides: Partial<Deps> = {}): Promise<Harness> {
  const clock = testClock();
  const t = await startTestPlaza({ clock, ...overrides });
  const { app, ctx } = await accountsApp(t.deps);
  return {
    t, app, ctx, clock,
    async close() {
      await app.close();
      await t.close();
    },
  };
}

let ip = 0;
/** A fresh client address, so per-address throttles do not carry over between tests. */
export const nextIp = (): string => `10.0.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;

export const PASSWORD = 'correct horse battery';

/**
 * Creates a resident account with a confirmed address, as an administrator
 * would, so no confirmation email joins the mail a test counts. Sign-up
 * itself (`register`, which sends one) is tested in email-verification.test.ts.
 */
export async function makeUser(deps: Deps, email: string, name = email.split('@')[0] ?? 'someone', password = PASSWORD): Promise<User> {
  const user = newUser(deps.newId(), deps.clock.now().toISOString(), { email: email.trim().toLowerCase(), name, passwordHash: await hashPassword(password) });
  await deps.catalog.accounts.createUser(user);
  return user;
}

/** The cookies a response sets, by name, with their attributes. */
export function setCookies(res: LightMyRequestResponse): Map<string, { value: string; attrs: string[] }> {
  const raw = res.headers['set-cookie'];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const out = new Map<string, { value: string; attrs: string[] }>();
  for (const c of list) {
    const [pair = '', ...attrs] = c.split(';').map((s) => s.trim());
    const eq = pair.indexOf('=');
    out.set(pair.slice(0, eq), { value: decodeURIComponent(pair.slice(eq + 1)), attrs });
  }
  return out;
}

export interface SignedInClient {
  cookie: string;
  csrf: string;
  /** Headers for a cookie-authenticated change: the cookie and the CSRF token. */
  headers: Record<string, string>;
}

/** Signs in over HTTP and returns the session cookie and its CSRF token. */
export async function signInHttp(app: FastifyInstance, email: string, password = PASSWORD): Promise<SignedInClient> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', remoteAddress: nextIp(), payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const value = setCookies(res).get('plaza_session')?.value ?? '';
  const cookie = `plaza_session=${encodeURIComponent(value)}`;
  const csrf = res.json().csrf_token as string;
  return { cookie, csrf, headers: { cookie, 'x-csrf-token': csrf } };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
