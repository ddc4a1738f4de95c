import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import type { Deps } from '../../actions/deps.ts';
import { encodePage, MIN_BYTES, pageEncoding, type PageEncoding } from '../compress.ts';
import { readCookie, SESSION_COOKIE } from '../session-cookie.ts';

/**
 * How long a kept page may be served when no `pages-changed` signal came.
 * With signals shared between processes (PostgreSQL or Redis) a change
 * anywhere clears kept pages at once and this only bounds a lost signal;
 * with signals in one process, it is how long another process's change may
 * take to show (docs/caching.md, ADR 56).
 */
export const PAGE_CACHE_MS = 10_000;
const MAX_PAGES = 1_000;

interface Kept {
  body: string;
  /** When it was made, on the portal's clock. */
  at: number;
  /** The catalog's change counter then. */
  version: number;
  /** Runs on every answer from the cache (counting a dataset's views). */
  onHit: (() => void) | undefined;
  /** The page compressed, each encoding made once when first asked for. */
  encoded: Partial<Record<PageEncoding, Promise<Buffer>>>;
  /** A weak entity tag of the page's text (the same page in any encoding), for browsers that ask whether it changed. */
  etag: string;
}

/** Whether an If-None-Match header names the entity tag (weak comparison, as for GET). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/** A page as its route made it. */
export interface MadePage {
  body: string;
  status: number;
  onHit?: () => void;
}

/**
 * Pages kept for visitors who are not signed in, who all see the same page
 * for the same address and language: the catalog, the home page and dataset
 * pages are made once and served from memory until the catalog changes in
 * this process or PAGE_CACHE_MS pass. Signed-in people, programs with tokens,
 * answers that are not 200 and answers that set a cookie are never kept.
 * A kept page is compressed once per encoding browsers ask for, and carries
 * an ETag: a browser that has it already gets a 304 without the page.
 */
export class PageCache {
  private readonly pages = new Map<string, Kept>();
  /** Shareable requests answered from the cache, and those it had to make, since the process started (for `/metrics`). */
  readonly counts = { hits: 0, misses: 0 };

  constructor(private readonly deps: Pick<Deps, 'changes' | 'clock'>) {}

  /** Shareable requests answered from memory. */
  get hits(): number {
    return this.counts.hits;
  }

  /** Shareable requests whose page had to be made. */
  get misses(): number {
    return this.counts.misses;
  }

  /** Whether the request is one every visitor would get the same answer to. */
  static shareable(req: FastifyRequest): boolean {
    return req.method === 'GET' && !req.headers.authorization && !readCookie(req, SESSION_COOKIE);
  }

  get(key: string): Kept | undefined {
    const kept = this.pages.get(key);
    if (!kept) return undefined;
    if (kept.version !== this.deps.changes.version() || this.deps.clock.now().getTime() - kept.at >= PAGE_CACHE_MS) {
      this.pages.delete(key);
      return undefined;
    }
    // Most recently used last, so the oldest is the first to go.
    this.pages.delete(key);
    this.pages.set(key, kept);
    return kept;
  }

  set(key: string, body: string, onHit: (() => void) | undefined, version: number): Kept {
    const etag = `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    const kept: Kept = { body, at: this.deps.clock.now().getTime(), version, onHit, encoded: {}, etag };
    this.pages.set(key, kept);
    while (this.pages.size > MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
    return kept;
  }

  /** Sends a kept page, compressed when the browser accepts it. */
  private async send(req: FastifyRequest, reply: FastifyReply, kept: Kept): Promise<FastifyReply> {
    void reply.header('Content-Type', 'text/html; charset=utf-8').header('ETag', kept.etag);
    if (matchesEtag(req.headers['if-none-match'], kept.etag)) return reply.status(304).send();
    const encoding = kept.body.length >= MIN_BYTES ? pageEncoding(req.headers['accept-encoding']) : undefined;
    if (!encoding) return reply.send(kept.body);
    const encoded = (kept.encoded[encoding] ??= encodePage(kept.body, encoding));
    return reply.header('Content-Encoding', encoding).send(await encoded);
  }

  /**
   * Answers from the cache when it can, else makes the page and keeps it if
   * it may be shared. The key is the language and the whole address.
   */
  async serve(req: FastifyRequest, reply: FastifyReply, lang: string, make: () => Promise<MadePage>): Promise<FastifyReply> {
    const shareable = PageCache.shareable(req);
    const key = `${lang} ${req.url}`;
    const kept = shareable ? this.get(key) : undefined;
    if (shareable) this.counts[kept ? 'hits' : 'misses']++;
    if (kept) {
      kept.onHit?.();
      return this.send(req, reply, kept);
    }
    const version = this.deps.changes.version();
    const page = await make();
    if (shareable && page.status === 200 && !reply.hasHeader('set-cookie')) return this.send(req, reply, this.set(key, page.body, page.onHit, version));
    return reply.status(page.status).header('Content-Type', 'text/html; charset=utf-8').send(page.body);
  }
}
