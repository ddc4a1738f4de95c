import type { FastifyRequest } from 'fastify';
import { getSite } from '../../../actions/site/settings.ts';
import { anonymous, type Principal } from '../../../domain/accounts/principal.ts';
import type { SiteSettings } from '../../../domain/site/settings.ts';
import type { Language } from '../../../ports/locales.ts';
import { identityOf, type HttpContext } from '../../context.ts';
import { chooseLanguage } from '../language.ts';
import { lookOf, type SiteLook } from '../site-look.ts';
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translator } from '../../../domain/i18n/translator.ts';

/** The portal's own look (its name, logo and colours), defined beside the logo's address. */
export type { SiteLook };

/** The signed-in person as the header needs them: their name, and what they may do (a principal fits). */
export interface LayoutUser {
  name: string;
  isSiteAdmin?: boolean;
  isModerator?: boolean;
  roles?: Record<string, string>;
}

/** What every page knows about its request: the reader's language, the site's look, who is signed in and where the page is. */
export interface PageContext {
  t: Translator;
  site: SiteLook;
  /** The signed-in person, for the header; absent for visitors. */
  user?: LayoutUser | undefined;
  /** The languages the language switch offers (the site's enabled ones); one or none means no switch. */
  languages: readonly Language[];
  /** The page's own path and query, so the language switch can come back to it. */
  path: string;
  /** The portal's public address (the PLAZA_BASE_URL setting, no trailing slash), for canonical and shared links. */
  baseUrl: string;
}

export const PageCtx = createContext<PageContext | null>(null);

/** The request's page context, inside a page rendered by `renderPage`. */
export function usePage(): PageContext {
  const pc = useContext(PageCtx);
  if (!pc) throw new Error('A page component rendered outside renderPage has no page context.');
  return pc;
}

/** The reader's translator, inside a page rendered by `renderPage`. */
export const useT = (): Translator => usePage().t;

/** The languages the site offers: its enabled ones that have messages, in the settings' order (the first is the default). */
export function languagesOf(ctx: HttpContext, site: SiteSettings): Language[] {
  const known = new Map(ctx.deps.locales.languages().map((l) => [l.code, l]));
  return site.languages.flatMap((code) => known.get(code) ?? []);
}

export const offeredLanguages = async (ctx: HttpContext): Promise<Language[]> => languagesOf(ctx, await getSite(ctx.deps));

/**
 * The page context of a request: the reader's language, the site's look, who
 * is signed in, and the page's address. Pass the principal when the route
 * already has it.
 */
export async function pageContext(ctx: HttpContext, req: FastifyRequest, principal?: Principal): Promise<PageContext> {
  // Who is shown in the header: no CSRF check (showing a page changes nothing), and a refused token shows the page to a visitor.
  const who = principal ?? identityOf(ctx.deps, req).then((i) => i.principal, () => anonymous);
  const [site, p] = await Promise.all([getSite(ctx.deps), who]);
  const languages = languagesOf(ctx, site);
  const lang = chooseLanguage(
    req,
    languages.map((l) => l.code),
  );
  return { t: ctx.deps.locales.translator(lang), site: lookOf(site), user: p.kind === 'user' ? p : undefined, languages, path: req.url, baseUrl: (ctx.baseUrl || ctx.deps.site.baseUrl).replace(/\/+$/, '') };
}
