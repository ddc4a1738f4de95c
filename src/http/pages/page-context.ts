import type { FastifyRequest } from 'fastify';
import { getSite } from '../../actions/site/settings.ts';
import { anonymous, type Principal } from '../../domain/accounts/principal.ts';
import { identityOf, type HttpContext } from '../context.ts';
import type { PageContext } from './components/page-context.ts';
import { chooseLanguage } from './language.ts';
import { lookOf } from './site-look.ts';

/** The languages the site offers: its enabled ones that have messages, in the order of the message files. */
export async function offeredLanguages(ctx: HttpContext) {
  const enabled = new Set((await getSite(ctx.deps)).languages);
  return ctx.deps.locales.languages().filter((l) => enabled.has(l.code));
}

/**
 * The page context of a request: the reader's language, the site's look, who
 * is signed in, and the page's address. Pass the principal when the route
 * already has it.
 */
export async function pageContext(ctx: HttpContext, req: FastifyRequest, principal?: Principal): Promise<PageContext> {
  // Who is shown in the header: no CSRF check (showing a page changes nothing), and a refused token shows the page to a visitor.
  const who = principal ?? identityOf(ctx.deps, req).then((i) => i.principal, () => anonymous);
  const [site, p] = await Promise.all([getSite(ctx.deps), who]);
  const enabled = new Set(site.languages);
  const languages = ctx.deps.locales.languages().filter((l) => enabled.has(l.code));
  const lang = chooseLanguage(
    req,
    languages.map((l) => l.code),
  );
  return { t: ctx.deps.locales.translator(lang), site: lookOf(site), user: p.kind === 'user' ? p : undefined, languages, path: req.url };
}
