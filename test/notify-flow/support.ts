import { Assets } from '../../src/http/assets/bundles.ts';
import { PageCache } from '../../src/http/pages/page-cache.ts';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { principalFor } from '../../src/actions/auth/principal.ts';
import { createToken } from '../../src/actions/auth/tokens.ts';
import { changeStatus } from '../../src/actions/catalog/change-status.ts';
import { createDataset } from '../../src/actions/catalog/create-dataset.ts';
import { addLink } from '../../src/actions/catalog/resources.ts';
import type { Deps } from '../../src/actions/deps.ts';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '../../src/actions/notify/signature.ts';
import type { UserPrincipal } from '../../src/domain/accounts/principal.ts';
import { TOKEN_SCOPES, type Role } from '../../src/domain/accounts/types.ts';
import type { Dataset } from '../../src/domain/catalog/types.ts';
import { activityRoutes } from '../../src/http/api/activity/routes.ts';
import { subscriptionRoutes } from '../../src/http/api/subscriptions/routes.ts';
import type { HttpContext } from '../../src/http/context.ts';
import { handleError } from '../../src/http/errors.ts';
import { feedRoutes } from '../../src/http/feeds/routes.ts';
import { sitemapRoutes } from '../../src/http/feeds/sitemap.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { buildApp } from '../../src/http/app.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

export const BASE_URL = 'https://data.example.gov';
export const ORG = 'Test Department';

export interface Person {
  principal: UserPrincipal;
  token: string;
  auth: { authorization: string };
}

export interface Flow {
  t: TestPlaza;
  deps: Deps;
  app: FastifyInstance;
  /** Moves Plaza's clock forward. */
  advance(ms: number): void;
  /** Plaza's time in whole seconds, as webhook signatures carry it. */
  nowSec(): number;
  /** Runs every notification step now, and waits. */
  flush(): Promise<void>;
  /** A new account, with a token carrying every scope; a role in the test organization when given. */
  person(name: string, role?: Role): Promise<Person>;
  /** A dataset of the test organization with a link resource, as the site admin makes it. */
  dataset(title: string, o?: { publish?: boolean; access?: 'public' | 'restricted' | 'private'; themes?: string[]; keywords?: string[] }): Promise<Dataset>;
  close(): Promise<void>;
}

/**
 * Plaza's web application when it serves the notification routes; until it
 * does, those routes on their own, on Fastify with Plaza's error handler.
 */
export async function notifyApp(deps: Deps): Promise<FastifyInstance> {
  const ctx: HttpContext = { deps, siteName: deps.site.name, baseUrl: BASE_URL, registry: new ApiRegistry(), assets: new Assets(), pages: new PageCache(deps) };
  const full = await buildApp(ctx, { logLevel: 'silent' });
  const served = ['/api/v1/activity', '/api/v1/subscriptions', '/feeds/activity.atom', '/sitemap.xml'].every((url) => full.hasRoute({ method: 'GET', url }));
  if (served) return full;
  await full.close();
  const app = Fastify({ logger: false });
  app.setErrorHandler(handleError);
  activityRoutes(app, ctx);
  subscriptionRoutes(app, ctx);
  feedRoutes(app, ctx);
  sitemapRoutes(app, ctx);
  await app.ready();
  return app;
}

/** A real Plaza with a clock the test moves, and the notification routes over HTTP. */
export async function startFlow(overrides: Partial<Deps> = {}): Promise<Flow> {
  let offset = 0;
  const clock = { now: () => new Date(Date.now() + offset) };
  const t = await startTestPlaza({ clock, ...overrides });
  t.deps.site.baseUrl = BASE_URL;
  const app = await notifyApp(t.deps);
  let people = 0;
  const orgReady = (async () => {
    // Creating a first dataset makes the organization; it stays a draft.
    await createDataset(t.deps, t.admin, { title: 'Organization seed', organization: ORG, description: 'Seed.' }, { createOrganization: true });
    return (await t.deps.catalog.datasets.getOrganization('test-department'))!;
  })();
  return {
    t,
    deps: t.deps,
    app,
    advance: (ms) => void (offset += ms),
    nowSec: () => Math.floor(clock.now().getTime() / 1000),
    flush: () => t.plaza.notifier.flush(),
    async person(name, role) {
      const org = await orgReady;
      const now = clock.now().toISOString();
      const user = { id: t.deps.newId(), email: `person${++people}@example.org`, name, passwordHash: null, isSiteAdmin: false, isModerator: false, failedSignIns: 0, lockedUntil: null, disabled: false, createdAt: now, lastSignInAt: null };
      await t.deps.catalog.accounts.createUser(user);
      if (role) await t.deps.catalog.accounts.putMembership({ organizationId: org.id, userId: user.id, role, createdAt: now });
      const session = await principalFor(t.deps, user, 'session', [...TOKEN_SCOPES], null);
      const { secret } = await createToken(t.deps, session, { name: 'test', scopes: [...TOKEN_SCOPES] });
      return { principal: session, token: secret, auth: { authorization: `Bearer ${secret}` } };
    },
    async dataset(title, o = {}) {
      await orgReady;
      const d = await createDataset(t.deps, t.admin, {
        title,
        organization: ORG,
        description: `About ${title}.`,
        license: 'cc-by-4.0',
        access_level: o.access ?? 'public',
        ...(o.themes ? { themes: o.themes } : {}),
        ...(o.keywords ? { keywords: o.keywords } : {}),
      });
      await addLink(t.deps, t.admin, d.id, { kind: 'link', name: 'Source', url: 'https://example.org/source' });
      if (o.publish ?? true) await changeStatus(t.deps, t.admin, d.id, { status: 'published' });
      return (await t.deps.catalog.datasets.getDataset(d.id))!;
    },
    async close() {
      await app.close();
      await t.close();
    },
  };
}

export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Whether the signature matched the secret registered for the path. */
  verified: boolean;
  /** What the receiver answered. */
  status: number;
}

export interface Receiver {
  url(path: string): string;
  /** The secret that signs what arrives at a path. */
  secrets: Map<string, string>;
  /** Statuses to answer in turn before going back to 200 (after a valid signature). */
  failures: Map<string, number[]>;
  received: ReceivedHook[];
  close(): Promise<void>;
}

/**
 * A webhook receiver on 127.0.0.1, as a subscriber would write one: it checks
 * X-Plaza-Signature against its secret and answers 400 when it does not match.
 */
export async function startReceiver(nowSec: () => number): Promise<Receiver> {
  const secrets = new Map<string, string>();
  const failures = new Map<string, number[]>();
  const received: ReceivedHook[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const body = Buffer.concat(chunks).toString('utf8');
      const header = req.headers[WEBHOOK_SIGNATURE_HEADER.toLowerCase()];
      const verified = verifyWebhookSignature(secrets.get(path) ?? '', typeof header === 'string' ? header : undefined, body, nowSec());
      const status = verified ? (failures.get(path)?.shift() ?? 200) : 400;
      received.push({ path, headers: req.headers, body, verified, status });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : verified ? 'try again later' : 'bad signature');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    secrets,
    failures,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
