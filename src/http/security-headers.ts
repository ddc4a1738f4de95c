import type { FastifyInstance } from 'fastify';
import { getSite } from '../actions/site/settings.ts';
import type { HttpContext } from './context.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's page may be shown in a frame on any site (a chart or table made for embedding). */
    embeddable?: boolean;
  }
}

/** A year: how long a browser remembers to reach an https portal over https only. */
export const HSTS_SECONDS = 365 * 24 * 60 * 60;

/** An origin as a CSP source: scheme, host (a name or a bracketed IPv6 address) and port, nothing that could end a directive. */
const SAFE_ORIGIN = /^https?:\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d+)?$/;

/** The origin of an http(s) address (a tile template's `{z}`-style parts are fine), or undefined when it has none fit for a policy. */
export function originOf(address: string | null | undefined): string | undefined {
  if (!address || !/^https?:\/\//i.test(address)) return undefined;
  try {
    const origin = new URL(address).origin;
    return SAFE_ORIGIN.test(origin) ? origin : undefined;
  } catch {
    return undefined;
  }
}

export interface PolicyInput {
  /** Whether the answer may be framed by any site. */
  embeddable: boolean;
  /** Origins besides the portal's own that images come from: the map tile server, a logo given as a web address. */
  imageOrigins: readonly string[];
}

/**
 * The Content-Security-Policy: scripts only from the portal's own files (the
 * browser islands under /assets/), no inline script or eval; inline styles
 * allowed (ADR 12 says why); images from the portal, `blob:` (the chart's
 * PNG download draws its SVG through one) and the tile and logo origins
 * (both from the site's settings);
 * fetches and event streams to the portal only; no plugins, no `<base>`,
 * forms post to the portal only; framed by no one, or by anyone for an
 * embeddable view.
 */
export function contentSecurityPolicy({ embeddable, imageOrigins }: PolicyInput): string {
  const images = [...new Set(imageOrigins)];
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    ['img-src', "'self'", 'blob:', ...images].join(' '),
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${embeddable ? '*' : "'none'"}`,
  ].join('; ');
}

/** Every security header of one answer. */
export function securityHeaderValues(input: PolicyInput & { https: boolean }): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(input),
    ...(input.embeddable ? {} : { 'X-Frame-Options': 'DENY' }),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    ...(input.https ? { 'Strict-Transport-Security': `max-age=${HSTS_SECONDS}` } : {}),
  };
}

/**
 * Sends the security headers on every answer: pages, the API, browser
 * bundles, feeds, redirects, error and not-found answers. They are set when
 * the request arrives, so every way of answering carries them, and a route
 * may still replace one for its own answers (the uploaded logo's stricter
 * policy, the reset-password page's `no-referrer`). A route declared with
 * `config: { embeddable: true }` may be framed by any site; every other
 * answer refuses to be framed. HSTS is sent when the portal's address is https.
 */
export function securityHeaders(app: FastifyInstance, ctx: Pick<HttpContext, 'deps' | 'baseUrl'>): void {
  const https = (ctx.baseUrl || ctx.deps.site.baseUrl).startsWith('https://');
  // The few sets of headers in use (framed or not, with or without a logo's origin), each made once.
  const made = new Map<string, Record<string, string>>();
  const headersFor = (embeddable: boolean, imageOrigins: string[]): Record<string, string> => {
    const key = `${embeddable} ${imageOrigins.join(' ')}`;
    let headers = made.get(key);
    if (!headers) {
      if (made.size >= 16) made.clear();
      headers = securityHeaderValues({ embeddable, imageOrigins, https });
      made.set(key, headers);
    }
    return headers;
  };
  /** The origins of the map tile server and of the logo when it is a web address (an uploaded logo is served by the portal). */
  const imageOrigins = async (): Promise<string[]> => {
    try {
      const site = await getSite(ctx.deps);
      return [originOf(site.tileUrl), originOf(site.logoUrl)].filter((o): o is string => o !== undefined);
    } catch {
      // The settings cannot be read (the catalog is down): the answer still leaves, without those origins.
      return [];
    }
  };

  // Fastify answers a malformed address (400) or an over-long parameter (414) itself, before any hook runs:
  // the raw response gets the headers as the request arrives (no page there shows an image from elsewhere),
  // and the hook below completes them for everything else.
  app.server.prependListener('request', (_req, res) => {
    for (const [name, value] of Object.entries(headersFor(false, []))) res.setHeader(name, value);
  });

  app.addHook('onRequest', async (req, reply) => {
    const embeddable = req.routeOptions.config?.embeddable === true;
    if (embeddable) reply.raw.removeHeader('X-Frame-Options');
    void reply.headers(headersFor(embeddable, await imageOrigins()));
  });
}
