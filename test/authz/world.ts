import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { hashPassword } from '../../src/actions/accounts/password.ts';
import { principalFor } from '../../src/actions/auth/principal.ts';
import { randomSecret, sha256 } from '../../src/actions/auth/secrets.ts';
import { createToken, SITE_ADMIN_EMAIL } from '../../src/actions/auth/tokens.ts';
import { waitForJob } from '../../src/actions/jobs/get-job.ts';
import { TOKEN_SCOPES, type User } from '../../src/domain/accounts/types.ts';
import type { DeliveryStatus } from '../../src/domain/activity/types.ts';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import type { WebhookSender } from '../../src/ports/webhook-sender.ts';
import { makePerson } from '../support/people.ts';
import { startTestPlazaOn } from '../support/plaza-on-store.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';
import type { StoreKind } from '../support/stores.ts';

/**
 * The people and shared data the authorization matrix runs against: a real
 * Plaza with two organizations (A and B), one person per role, and tokens of
 * the A admin narrowed to one scope each. Builders make fresh targets for the
 * rows that change something.
 */

export const ACTORS = ['anonymous', 'viewer', 'editor', 'orgAdmin', 'otherEditor', 'siteAdmin', 'tokenRead', 'tokenWrite', 'tokenAdmin'] as const;
/**
 * Actors a case may add: a resident (an account with no role anywhere) and a
 * moderator of the community areas. The community routes' cases name both.
 */
export const EXTRA_ACTORS = ['resident', 'moderator'] as const;
export type CoreActor = (typeof ACTORS)[number];
export type ExtraActor = (typeof EXTRA_ACTORS)[number];
export type Actor = CoreActor | ExtraActor;

/** The password every account of the matrix signs in with. */
export const PASSWORD = 'matrix password 2030';

/** A tiny CSV: one row ("Yew,x") is rejected when height is an integer, so the version has a rejects file. */
export const TREES_CSV = 'species,height\nOak,12\nElm,9\nAsh,1\nYew,x\n';

export interface Send {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** JSON body. */
  json?: unknown;
  /** A multipart upload of one file named `file`. */
  file?: { name: string; content: string };
}

export interface World {
  t: TestPlaza;
  app: FastifyInstance;
  registry: ApiRegistry;
  orgA: { id: string; slug: string };
  orgB: { id: string; slug: string };
  /** Authorization headers per actor (none for anonymous). */
  auth: Record<Actor, Record<string, string>>;
  /** The account behind each actor; anonymous owns nothing, so its targets belong to the A editor. */
  userOf: Record<Actor, User>;
  /** Read-only data shared by the rows that only read. */
  shared: {
    /** A draft in A with data loaded (one row rejected). */
    draft: string;
    /** The ingest job of `draft`. */
    draftJob: string;
    /** A published, restricted dataset in A with data. */
    restricted: string;
    /** A subscription of each account (by user id), for reading its delivery log. */
    subscriptionOf: Map<string, string>;
    /** A subscription of the A viewer, someone else's for every other actor. */
    viewersSubscription: string;
  };
  send(req: Send): Promise<LightMyRequestResponse>;
  /** A new draft in A made by the site administrator, with a description and a license. */
  draft(extra?: Record<string, unknown>): Promise<string>;
  /** A new draft in A with a link resource, ready to publish. */
  ready(): Promise<{ slug: string; resourceId: string }>;
  /** A new dataset in A moved to `status` (submitted, published, archived), ready to publish. */
  inStatus(status: 'submitted' | 'published' | 'archived', extra?: Record<string, unknown>): Promise<string>;
  /** A new draft in A with the tiny CSV loaded. */
  loaded(extra?: Record<string, unknown>): Promise<{ slug: string; job: string }>;
  /** Uploads the tiny CSV to a dataset as the site administrator and waits for its job; the job's id. */
  upload(slug: string): Promise<string>;
  /** A new account with the matrix password and no roles. */
  user(): Promise<User>;
  /** A new API token of an account; its id. */
  tokenOf(user: User): Promise<string>;
  /** A new subscription of an account (to a search that matches nothing); its id. */
  subscription(user: User, webhook?: boolean): Promise<string>;
  /** A webhook delivery of a subscription in the given state; its id. */
  delivery(subscriptionId: string, status: DeliveryStatus): Promise<string>;
  /** A password reset link for an account; the secret the email would carry. */
  resetLink(user: User): Promise<string>;
  /** Signs in over HTTP with the matrix password: the session cookie header and the session's CSRF token. */
  signIn(user: User): Promise<{ cookie: string; csrf: string }>;
  /** Waits for every ingest job a row queued, so the next rows start from a quiet worker. */
  settle(res: LightMyRequestResponse): Promise<void>;
  close(): Promise<void>;
}

/** Webhooks go nowhere: every post "succeeds" at once. */
const quietWebhooks: WebhookSender = { post: async () => ({ status: 200, error: null, durationMs: 1, responseSnippet: '' }) };

let address = 0;
/** A new client address per request, so the per-address sign-in, sign-up and reset throttles never trip. */
const nextAddress = (): string => `10.9.${Math.floor(++address / 250) % 250}.${(address % 250) + 1}`;

function multipart(file: { name: string; content: string }): { boundary: string; payload: Buffer } {
  const boundary = '----authz-matrix';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(file.content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { boundary, payload };
}

/** The world on a catalog store of the given kind, or on the default SQLite file in the Plaza's data folder. */
export async function startWorld(store?: StoreKind): Promise<World> {
  // Readiness is read here for who may read it: its probes get time enough on a busy test machine.
  const settings = { readyTimeoutMs: 10_000 };
  const t = store ? await startTestPlazaOn(store, { webhooks: quietWebhooks }, settings) : await startTestPlaza({ webhooks: quietWebhooks }, settings);
  const registry = new ApiRegistry();
  const app = await buildApp({ deps: t.deps, siteName: 'Test City', baseUrl: 'http://test.local', registry }, { logLevel: 'silent' });
  const passwordHash = await hashPassword(PASSWORD);
  const admin = { authorization: `Bearer ${t.token}` };
  let n = 0;

  const send = async (req: Send): Promise<LightMyRequestResponse> => {
    const headers: Record<string, string> = { ...(req.headers ?? {}) };
    let payload: string | Buffer | undefined;
    if (req.file) {
      const m = multipart(req.file);
      headers['content-type'] = `multipart/form-data; boundary=${m.boundary}`;
      payload = m.payload;
    } else if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(req.json);
    }
    return app.inject({ method: req.method as 'GET', url: req.url, headers, remoteAddress: nextAddress(), ...(payload !== undefined ? { payload } : {}) });
  };
  /** A fixture step as the site administrator; anything but the expected status stops the suite with the answer. */
  const must = async (req: Send, status: number) => {
    const res = await send({ ...req, headers: { ...admin, ...(req.headers ?? {}) } });
    if (res.statusCode !== status) throw new Error(`fixture ${req.method} ${req.url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    return res;
  };

  const orgA = (await must({ method: 'POST', url: '/api/v1/organizations', json: { name: 'Department A', slug: 'dept-a' } }, 201)).json() as { id: string; slug: string };
  const orgB = (await must({ method: 'POST', url: '/api/v1/organizations', json: { name: 'Department B', slug: 'dept-b' } }, 201)).json() as { id: string; slug: string };

  const viewer = await makePerson(t, { name: 'A viewer', roles: { [orgA.id]: 'viewer' } });
  const editor = await makePerson(t, { name: 'A editor', roles: { [orgA.id]: 'editor' } });
  const orgAdmin = await makePerson(t, { name: 'A admin', roles: { [orgA.id]: 'admin' } });
  const otherEditor = await makePerson(t, { name: 'B editor', roles: { [orgB.id]: 'editor' } });
  const resident = await makePerson(t, { name: 'Resident' });
  const moderator = await makePerson(t, { name: 'Moderator', moderator: true });
  const siteAdminUser = (await t.deps.catalog.accounts.findUserByEmail(SITE_ADMIN_EMAIL))!;
  // Tokens of the A admin, each narrowed to one scope.
  const adminSession = await principalFor(t.deps, orgAdmin.user, 'session', [...TOKEN_SCOPES], null);
  const scoped = async (scope: 'read' | 'write' | 'admin') => ({ authorization: `Bearer ${(await createToken(t.deps, adminSession, { name: `only ${scope}`, scopes: [scope] })).secret}` });

  const auth: Record<Actor, Record<string, string>> = {
    anonymous: {},
    viewer: viewer.auth,
    editor: editor.auth,
    orgAdmin: orgAdmin.auth,
    otherEditor: otherEditor.auth,
    siteAdmin: admin,
    tokenRead: await scoped('read'),
    tokenWrite: await scoped('write'),
    tokenAdmin: await scoped('admin'),
    resident: resident.auth,
    moderator: moderator.auth,
  };
  const userOf: Record<Actor, User> = {
    anonymous: editor.user,
    viewer: viewer.user,
    editor: editor.user,
    orgAdmin: orgAdmin.user,
    otherEditor: otherEditor.user,
    siteAdmin: siteAdminUser,
    tokenRead: orgAdmin.user,
    tokenWrite: orgAdmin.user,
    tokenAdmin: orgAdmin.user,
    resident: resident.user,
    moderator: moderator.user,
  };
  // Everyone can sign in, and change their password, with the matrix password.
  for (const u of new Set(Object.values(userOf))) {
    await t.deps.catalog.accounts.updateUser(u.id, { passwordHash });
    u.passwordHash = passwordHash;
  }

  const settle = async (res: LightMyRequestResponse) => {
    if (res.statusCode !== 202) return;
    const job = (res.json() as { job?: { id?: string } }).job?.id;
    if (job) await waitForJob(t.deps, job);
  };
  const draft = async (extra: Record<string, unknown> = {}) => {
    n++;
    const body = { title: `Matrix dataset ${n}`, slug: `matrix-${n}`, organization: orgA.slug, description: 'Street trees.', license: 'cc-by-4.0', ...extra };
    return ((await must({ method: 'POST', url: '/api/v1/datasets', json: body }, 201)).json() as { slug: string }).slug;
  };
  const link = async (slug: string) => {
    const res = await must({ method: 'POST', url: `/api/v1/datasets/${slug}/resources`, json: { kind: 'link', name: 'Source', url: 'https://example.org/trees' } }, 201);
    return (res.json() as { resource: { id: string } }).resource.id;
  };
  const move = async (slug: string, status: string) => void (await must({ method: 'POST', url: `/api/v1/datasets/${slug}/status`, json: { status } }, 200));
  const upload = async (slug: string) => {
    const res = await must({ method: 'POST', url: `/api/v1/datasets/${slug}/resources?types=height:integer`, file: { name: 'trees.csv', content: TREES_CSV } }, 202);
    const job = (res.json() as { job: { id: string } }).job.id;
    const done = await waitForJob(t.deps, job);
    if (done.status !== 'succeeded') throw new Error(`fixture upload to ${slug} failed: ${JSON.stringify(done.errors)}`);
    return job;
  };
  const user = async () => {
    n++;
    const u: User = {
      id: t.deps.newId(), email: `matrix-user-${n}@example.org`, name: `Matrix user ${n}`, passwordHash, isSiteAdmin: false, isModerator: false,
      failedSignIns: 0, lockedUntil: null, disabled: false, createdAt: t.deps.clock.now().toISOString(), lastSignInAt: null,
    };
    await t.deps.catalog.accounts.createUser(u);
    return u;
  };
  const subscription = async (owner: User, webhook = false) => {
    const id = t.deps.newId();
    n++;
    await t.deps.catalog.activity.createSubscription({
      id, userId: owner.id, target: 'search', targetId: `q=nothing-matches-${n}`, email: !webhook,
      webhookUrl: webhook ? 'https://hooks.example.org/plaza' : null, webhookSecret: webhook ? 'whsec_matrix' : null, createdAt: t.deps.clock.now().toISOString(),
    });
    return id;
  };

  const draftData = await draft({ slug: 'matrix-draft-data', title: 'Matrix draft with data' });
  const draftJob = await upload(draftData);
  const restricted = await draft({ slug: 'matrix-restricted', title: 'Matrix restricted', access_level: 'restricted' });
  await upload(restricted);
  await move(restricted, 'published');
  const subscriptionOf = new Map<string, string>();
  for (const u of new Set(Object.values(userOf))) subscriptionOf.set(u.id, await subscription(u, true));

  return {
    t, app, registry, orgA, orgB, auth, userOf,
    shared: { draft: draftData, draftJob, restricted, subscriptionOf, viewersSubscription: subscriptionOf.get(viewer.user.id)! },
    send,
    draft,
    async ready() {
      const slug = await draft();
      return { slug, resourceId: await link(slug) };
    },
    async inStatus(status, extra = {}) {
      const slug = await draft(extra);
      await link(slug);
      if (status === 'submitted') await move(slug, 'submitted');
      else await move(slug, 'published');
      if (status === 'archived') await move(slug, 'archived');
      return slug;
    },
    async loaded(extra = {}) {
      const slug = await draft(extra);
      return { slug, job: await upload(slug) };
    },
    upload: (slug) => upload(slug),
    user,
    async tokenOf(owner) {
      const session = await principalFor(t.deps, owner, 'session', [...TOKEN_SCOPES], null);
      return (await createToken(t.deps, session, { name: 'to revoke', scopes: ['read'] })).token.id;
    },
    subscription,
    async delivery(subscriptionId, status) {
      const id = t.deps.newId();
      const at = t.deps.clock.now().toISOString();
      await t.deps.catalog.activity.createDelivery({
        id, subscriptionId, activitySeq: 1, event: 'dataset.updated', payload: '{}', status, attempts: status === 'pending' ? 0 : 6,
        nextAttemptAt: status === 'pending' ? at : null, lastStatus: status === 'failed' ? 500 : 200, lastError: status === 'failed' ? 'HTTP 500' : null,
        createdAt: at, deliveredAt: status === 'succeeded' ? at : null,
      });
      return id;
    },
    async resetLink(owner) {
      const secret = randomSecret();
      const now = t.deps.clock.now();
      await t.deps.catalog.accounts.createPasswordReset({ tokenHash: sha256(secret), userId: owner.id, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + 3_600_000).toISOString(), usedAt: null });
      return secret;
    },
    async signIn(who) {
      const res = await send({ method: 'POST', url: '/api/v1/session', json: { email: who.email, password: PASSWORD } });
      if (res.statusCode !== 200) throw new Error(`sign-in of ${who.email} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
      const set = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('plaza_session='));
      if (!set) throw new Error('sign-in set no session cookie');
      return { cookie: set.split(';')[0]!, csrf: (res.json() as { csrf_token: string }).csrf_token };
    },
    settle,
    async close() {
      await app.close();
      await t.close();
    },
  };
}
