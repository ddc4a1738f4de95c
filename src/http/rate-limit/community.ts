import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { anonymous } from '../../actions/deps.ts';
import { identityOf, type HttpContext } from '../context.ts';
import { errorBody } from '../errors.ts';
import { errorPage } from '../pages/components/ErrorPage.tsx';
import { pageContext } from '../pages/components/page-context.ts';
import type { RateLimiter as Limiter } from '../../ports/rate-limiter.ts';
import { RateLimiter } from './limiter.ts';

/** What the community limits count: posts (problems, comments, reports) and votes. */
export type CommunityAct = 'post' | 'vote';

/** Per hour: how many of each act one account, and one address, may do (0: no limit). */
export type CommunityLimits = Record<CommunityAct, { account: number; address: number }>;

/** The window the community limits count in. */
export const COMMUNITY_WINDOW_MS = 3_600_000;

/**
 * The requests that post or vote in the community areas, on the API and on
 * the pages. A new kind of community item adds its lines here.
 */
export const COMMUNITY_WRITES: ReadonlyArray<{ act: CommunityAct; methods: readonly string[]; path: RegExp }> = [
  { act: 'post', methods: ['POST'], path: /^\/(?:api\/v1\/)?problems$/ },
  { act: 'post', methods: ['POST'], path: /^\/(?:api\/v1\/)?problems\/[^/]+\/comments$/ },
  { act: 'post', methods: ['POST'], path: /^\/api\/v1\/reports$/ },
  { act: 'post', methods: ['POST'], path: /^\/problems\/[^/]+(?:\/comments\/[^/]+)?\/report$/ },
  { act: 'vote', methods: ['PUT', 'DELETE'], path: /^\/api\/v1\/problems\/[^/]+\/vote$/ },
  { act: 'vote', methods: ['POST'], path: /^\/problems\/[^/]+\/vote$/ },
];

/** The act a request does, or undefined when it is not a community write. */
export function communityActOf(method: string, url: string): CommunityAct | undefined {
  const path = url.replace(/[?#].*$/, '');
  return COMMUNITY_WRITES.find((w) => w.methods.includes(method) && w.path.test(path))?.act;
}

const minutes = (ms: number): number => Math.max(1, Math.ceil(ms / 60_000));

/**
 * Limits posting and voting per account and per address with the rate
 * limiter (the one given, shared by every node through Redis, or this
 * process's own): over either budget, the API answers 429 (`rate_limited`, with
 * `Retry-After`) and a page answers 429 with the same advice in the reader's
 * language; nothing is kept.
 */
export function communityLimitHook(app: FastifyInstance, ctx: HttpContext, limits: CommunityLimits, shared?: Limiter): void {
  if (!Object.values(limits).some((l) => l.account > 0 || l.address > 0)) return;
  const limiter: Limiter = shared ?? new RateLimiter({ now: () => ctx.deps.clock.now().getTime() });
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const act = communityActOf(req.method, req.url);
    if (!act) return undefined;
    // A bad token or session is answered by the route; here it counts as its address.
    const { principal } = await identityOf(ctx.deps, req).catch(() => ({ principal: anonymous }));
    const budget = limits[act];
    // The address first: a request it refuses spends nothing of the account's budget.
    const byAddress = await limiter.take(`${act}:ip:${req.ip}`, budget.address, COMMUNITY_WINDOW_MS);
    const byAccount = byAddress.allowed && principal.kind === 'user' ? await limiter.take(`${act}:user:${principal.userId}`, budget.account, COMMUNITY_WINDOW_MS) : byAddress;
    const refused = !byAddress.allowed ? { who: 'address', r: byAddress } : !byAccount.allowed ? { who: 'account', r: byAccount } : undefined;
    if (!refused) return undefined;
    const wait = minutes(refused.r.retryAfterMs);
    void reply.code(429).header('Retry-After', String(Math.ceil(refused.r.retryAfterMs / 1000)));
    if (req.url.startsWith('/api/')) {
      const what = act === 'post' ? 'posts' : 'votes';
      const message = `Too many ${what}: the limit is ${refused.r.limit} per hour for ${refused.who === 'account' ? 'an account' : 'an address'}. Try again in ${wait} minute${wait === 1 ? '' : 's'}.`;
      return reply.send(errorBody('rate_limited', message, { limit: refused.r.limit, per: refused.who, retry_after_seconds: Math.ceil(refused.r.retryAfterMs / 1000) }));
    }
    const pc = await pageContext(ctx, req, principal);
    const page = errorPage(pc, pc.t.t('moderation.tooManyTitle'), pc.t.t(act === 'post' ? 'moderation.tooManyPosts' : 'moderation.tooManyVotes', { limit: refused.r.limit, minutes: wait }));
    return reply.header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page.value);
  });
}
