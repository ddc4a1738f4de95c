import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ownChampion } from '../../../actions/champions/read-champions.ts';
import { z } from 'zod';
import { getAccount } from '../../../actions/accounts/account.ts';
import { createToken, listTokens, revokeToken } from '../../../actions/auth/tokens.ts';
import type { UserPrincipal } from '../../../domain/accounts/principal.ts';
import { TOKEN_SCOPES } from '../../../domain/accounts/types.ts';
import { AppError } from '../../../domain/errors.ts';
import { actorOf, identityOf, type HttpContext } from '../../context.ts';
import { pageContext } from '../components/page-context.ts';
import { accountPage, type AccountState } from './tokens.tsx';

type Form = Record<string, string | undefined>;

/** `/account`: the signed-in person's account and API tokens, as forms that work without JavaScript. */
export function accountTokenRoutes(app: FastifyInstance, ctx: HttpContext): void {
  const { deps } = ctx;

  /** The page for the signed-in person, or a redirect to sign in; `more` adds what a form's answer shows. */
  async function show(req: FastifyRequest, reply: FastifyReply, more: Partial<AccountState> = {}, status = 200) {
    const { principal, session } = await identityOf(deps, req);
    if (principal.kind !== 'user' || !session) return reply.redirect(`/sign-in?next=${encodeURIComponent('/account')}`, 303);
    const p: UserPrincipal = principal;
    const [account, tokens, pc] = await Promise.all([getAccount(deps, p), listTokens(deps, p), pageContext(ctx, req, p)]);
    const state: AccountState = {
      who: { name: p.name, email: account.user.email },
      organizations: account.memberships.map((m) => ({ name: m.organization.name, slug: m.organization.slug, role: m.role })),
      tokens,
      scopes: p.scopes,
      csrf: session.csrfToken,
      emailConfirmed: p.emailVerified,
      champion: await ownChampion(deps, p),
      ...(((req.query as Form).revoked === '1' && !more.created) ? { notice: pc.t.t('tokens.revoked') } : {}),
      ...more,
    };
    return reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-store').send(accountPage(pc, state).value);
  }

  app.get('/account', (req, reply) => show(req, reply));

  app.post('/account/tokens', async (req, reply) => {
    const f = (req.body ?? {}) as Form;
    const values: Record<string, string> = { name: f.name ?? '', expires_in_days: f.expires_in_days ?? '' };
    for (const sc of TOKEN_SCOPES) if (f[`scope_${sc}`] === 'on') values[`scope_${sc}`] = 'on';
    let p;
    try {
      p = await actorOf(deps, req);
    } catch (e) {
      if (e instanceof AppError && e.code === 'csrf_failed') return show(req, reply, { values, errors: { form: e.message } }, 403);
      throw e;
    }
    const days = values.expires_in_days!.trim();
    const input = {
      name: values.name,
      scopes: TOKEN_SCOPES.filter((sc) => values[`scope_${sc}`] === 'on'),
      expires_in_days: days === '' ? null : /^\d+$/.test(days) ? Number(days) : days,
    };
    try {
      const { token, secret } = await createToken(deps, p, input);
      return show(req, reply, { created: { name: token.name, secret } });
    } catch (e) {
      if (!(e instanceof AppError) || e.status >= 500 || e.code === 'unauthorized') throw e;
      const errors: Record<string, string> = {};
      for (const x of (e.details?.fields ?? []) as Array<{ field: string; message: string }>) errors[x.field.split('.')[0] || 'form'] ??= x.message;
      if (!Object.keys(errors).length) errors.form = e.message;
      return show(req, reply, { values, errors }, e.status);
    }
  });

  app.post('/account/tokens/:id/revoke', async (req, reply) => {
    const { id } = z.object({ id: z.string().min(1).max(100) }).parse(req.params);
    // actorOf checks the form's CSRF token against the session; a refusal is explained as a page.
    await revokeToken(deps, await actorOf(deps, req), id);
    return reply.redirect('/account?revoked=1', 303);
  });
}
