import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readCookie } from '../session-cookie.ts';

/** The cookie that remembers the reader's language choice for a year. */
export const LANGUAGE_COOKIE = 'plaza_lang';
/** The switch's address: `/language/{code}?back={path}`. */
export const LANGUAGE_PATH = '/language';

/** Accept-Language as language tags, best first (`es-MX;q=0.9` → `es-MX`). */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? 1);
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((l) => l.tag);
}

/** The offered language that best matches a tag: exactly, or by its primary language (`es-MX` → `es`, `pt` → `pt-BR`). */
export function matchLanguage(tag: string, offered: readonly string[]): string | undefined {
  const lower = tag.toLowerCase();
  const exact = offered.find((o) => o.toLowerCase() === lower);
  if (exact) return exact;
  const primary = lower.split('-')[0];
  return offered.find((o) => o.toLowerCase() === primary) ?? offered.find((o) => o.toLowerCase().split('-')[0] === primary);
}

/**
 * The reader's language among the offered ones: `?lang=` on the address (so
 * a shared link keeps its language), else the switch's cookie, else the
 * browser's Accept-Language, else the site's first language.
 */
export function chooseLanguage(req: FastifyRequest, offered: readonly string[]): string {
  const asked = (req.query as Record<string, unknown> | undefined)?.lang;
  for (const tag of [typeof asked === 'string' ? asked : undefined, readCookie(req, LANGUAGE_COOKIE), ...acceptedLanguages(req.headers['accept-language'])]) {
    const found = tag ? matchLanguage(tag, offered) : undefined;
    if (found) return found;
  }
  return offered[0] ?? 'en';
}

/** A path on this portal to come back to, or `/` for anything else (never another site). */
export function safeBack(back: unknown): string {
  return typeof back === 'string' && back.startsWith('/') && !back.startsWith('//') && !back.startsWith('/\\') && back.length <= 2_000 ? back : '/';
}

/**
 * The language switch: remembers the choice in a cookie and goes back to the
 * page. It is a plain link, so it works without JavaScript.
 */
export function languageRoutes(app: FastifyInstance, offered: () => Promise<readonly string[]>): void {
  app.get(`${LANGUAGE_PATH}/:code`, async (req, reply) => {
    const { code } = req.params as { code: string };
    const back = safeBack((req.query as Record<string, unknown>).back);
    const found = matchLanguage(code, await offered());
    if (found) void reply.header('Set-Cookie', `${LANGUAGE_COOKIE}=${encodeURIComponent(found)}; Path=/; SameSite=Lax; Max-Age=${365 * 24 * 3600}`);
    return reply.redirect(back, 303);
  });
}
