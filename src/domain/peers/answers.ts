import { z } from 'zod';
import { ckanDatasetPage, siteRoot } from './search-urls.ts';
import { PeerAnswerError, type PeerResult } from './types.ts';

/**
 * Peers' search answers read into results: each kind's JSON checked for the
 * fields Plaza shows, anything else refused with what was wrong, so that a
 * peer answering garbage is "missing" with a reason, never a failure here.
 */

/** The most characters of a description a result keeps. */
const DESCRIPTION_MAX = 500;

const clip = (s: string | null | undefined): string => {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > DESCRIPTION_MAX ? `${t.slice(0, DESCRIPTION_MAX - 1)}…` : t;
};
const text = z.string().nullish();
const webLink = (s: string, base: string): string | null => {
  try {
    const u = new URL(s, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
};

function read<T>(schema: z.ZodType<T>, json: unknown, what: string): T {
  const r = schema.safeParse(json);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new PeerAnswerError(`The answer is not ${what}${issue ? ` (${issue.path.join('.') || 'the whole answer'}: ${issue.message})` : ''}.`);
}

export interface ReadAnswer {
  total: number;
  results: PeerResult[];
}

const plazaSearch = z.object({
  total: z.number().int().min(0),
  results: z.array(z.object({
    title: z.string(),
    description: text,
    publisher: text,
    updated_at: text,
    modified: text,
    organization: z.object({ name: z.string() }).nullish(),
    links: z.object({ page: z.string() }),
  })),
});

/** A Plaza peer's `GET /api/v1/datasets`. */
export function readPlazaSearch(json: unknown, peerUrl: string): ReadAnswer {
  const a = read(plazaSearch, json, 'a Plaza catalog search');
  const root = `${siteRoot(peerUrl)}/`;
  return {
    total: a.total,
    results: a.results.map((d) => ({ title: d.title, description: clip(d.description), url: webLink(d.links.page.replace(/^\//, ''), root) ?? root, modified: d.modified ?? d.updated_at ?? null, publisher: d.publisher ?? d.organization?.name ?? null })),
  };
}

const ckanSearch = z.object({
  success: z.literal(true),
  result: z.object({
    count: z.number().int().min(0),
    results: z.array(z.object({ name: z.string(), title: text, notes: text, metadata_modified: text, author: text, organization: z.object({ title: text, name: text }).nullish() })),
  }),
});

/** A CKAN peer's `package_search`. */
export function readCkanSearch(json: unknown, peerUrl: string): ReadAnswer {
  const a = read(ckanSearch, json, 'a CKAN package_search result');
  return {
    total: a.result.count,
    results: a.result.results.map((d) => ({ title: d.title || d.name, description: clip(d.notes), url: ckanDatasetPage(peerUrl, d.name), modified: d.metadata_modified ?? null, publisher: d.organization?.title ?? d.organization?.name ?? d.author ?? null })),
  };
}

const socrataSearch = z.object({
  resultSetSize: z.number().int().min(0),
  results: z.array(z.object({
    resource: z.object({ id: z.string(), name: z.string(), description: text, updatedAt: text, attribution: text }),
    permalink: text,
    link: text,
    metadata: z.object({ domain: z.string() }).partial().nullish(),
  })),
});

/** A Socrata peer's Discovery API answer. */
export function readSocrataSearch(json: unknown, peerUrl: string): ReadAnswer {
  const a = read(socrataSearch, json, 'a Socrata Discovery API result');
  const root = `${siteRoot(peerUrl)}/`;
  return {
    total: a.resultSetSize,
    results: a.results.map((d) => ({
      title: d.resource.name,
      description: clip(d.resource.description),
      url: webLink(d.permalink ?? d.link ?? '', root) ?? webLink(`/d/${d.resource.id}`, d.metadata?.domain ? `https://${d.metadata.domain}/` : root) ?? root,
      modified: d.resource.updatedAt ?? null,
      publisher: d.resource.attribution ?? null,
    })),
  };
}

/** The words of a query, lower case, for matching a catalog read whole. */
export const queryWords = (q: string): string[] => [...new Set(q.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1))];

/** A dataset of a catalog read whole, as matched. */
export interface CatalogEntry extends PeerResult {
  keywords: string[];
}

/**
 * The entries of a catalog that match every word of a query in their title,
 * description or keywords (all of them with no words), those matching in the
 * title first.
 */
export function matchCatalog(entries: readonly CatalogEntry[], q: string, limit: number): ReadAnswer {
  const words = queryWords(q);
  const fold = (s: string) => s.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const scored: Array<{ e: CatalogEntry; score: number }> = [];
  for (const e of entries) {
    const title = fold(e.title);
    const all = `${title} ${fold(e.description)} ${fold(e.keywords.join(' '))}`;
    if (!words.every((w) => all.includes(w))) continue;
    scored.push({ e, score: words.filter((w) => title.includes(w)).length });
  }
  scored.sort((a, b) => b.score - a.score);
  return { total: scored.length, results: scored.slice(0, limit).map(({ e }) => ({ title: e.title, description: clip(e.description), url: e.url, modified: e.modified, publisher: e.publisher })) };
}
