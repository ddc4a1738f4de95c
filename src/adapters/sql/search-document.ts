import { sql, type RawBuilder } from 'kysely';
import { SEARCH_FACETS, type SearchFacet, type SearchQuery, type SearchResult } from '../../domain/catalog/search.ts';
import type { Dataset } from '../../domain/catalog/types.ts';
import type { Db } from './dialect.ts';
import { json, toDataset } from './rows.ts';
import { datasetVisible } from './visibility.ts';

/**
 * One dataset's text as the search index holds it, in the fields the engines
 * weigh differently: the title counts most, then keywords, then the columns
 * of the live version (with their dictionary labels and descriptions), then
 * the organization's name, then the description and the rest (themes,
 * publisher). Every field is already folded (see `fold`).
 */
export interface SearchDocument {
  datasetId: string;
  title: string;
  keywords: string;
  columns: string;
  organization: string;
  description: string;
  other: string;
  facets: { facet: SearchFacet; value: string }[];
}

/** Lower case without diacritics, so "Café" and "cafe" are one word to both engines. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The words of some text, folded: runs of letters and digits. */
export function words(text: string): string[] {
  return fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Whether a word belongs in the list of known words (`search_terms`): three or more letters, nothing else. */
export const isTerm = (w: string): boolean => w.length >= 3 && w.length <= 40 && /^\p{L}+$/u.test(w);

interface ColumnLike {
  name?: unknown;
  label?: unknown;
}

/** Reads one dataset's document from the database; undefined when the dataset is gone. */
export async function loadSearchDocument(db: Db, datasetId: string): Promise<SearchDocument | undefined> {
  const d = await db
    .selectFrom('datasets')
    .innerJoin('organizations', 'organizations.id', 'datasets.organization_id')
    .select([
      'datasets.title',
      'datasets.description',
      'datasets.keywords',
      'datasets.themes',
      'datasets.publisher',
      'datasets.license',
      'datasets.frequency',
      'datasets.live_version_id',
      'organizations.name as org_name',
      'organizations.slug as org_slug',
    ])
    .where('datasets.id', '=', datasetId)
    .executeTakeFirst();
  if (!d) return undefined;
  const keywords = json<string[]>(d.keywords, []);
  const themes = json<string[]>(d.themes, []);
  const columns: string[] = [];
  const formats = new Set<string>();
  if (d.live_version_id) {
    const v = await db.selectFrom('versions').select(['columns', 'source']).where('id', '=', d.live_version_id).executeTakeFirst();
    if (v) {
      for (const c of json<ColumnLike[]>(v.columns, [])) {
        if (typeof c.name === 'string') columns.push(c.name.replace(/_/g, ' '));
        if (typeof c.label === 'string' && c.label !== c.name) columns.push(c.label);
      }
      const format = json<{ format?: unknown } | null>(v.source, null)?.format;
      if (typeof format === 'string' && format) formats.add(format.toLowerCase());
    }
  }
  const dictionary = await db.selectFrom('data_dictionary').select(['column_name', 'label', 'description']).where('dataset_id', '=', datasetId).execute();
  for (const e of dictionary) columns.push(e.column_name.replace(/_/g, ' '), e.label, e.description);
  const resources = await db.selectFrom('resources').select('format').where('dataset_id', '=', datasetId).execute();
  for (const r of resources) if (r.format) formats.add(r.format.toLowerCase());

  const facets: SearchDocument['facets'] = [{ facet: 'organization', value: d.org_slug }];
  for (const t of new Set(themes)) facets.push({ facet: 'theme', value: t });
  for (const k of new Set(keywords.map((k) => k.toLowerCase()))) facets.push({ facet: 'keyword', value: k });
  for (const f of formats) facets.push({ facet: 'format', value: f });
  if (d.license) facets.push({ facet: 'license', value: d.license });
  if (d.frequency) facets.push({ facet: 'frequency', value: d.frequency });

  const text = (parts: (string | null | undefined)[]) => fold(parts.filter((p): p is string => !!p).join('\n'));
  return {
    datasetId,
    title: text([d.title]),
    keywords: text(keywords),
    columns: text(columns),
    organization: text([d.org_name]),
    description: text([d.description]),
    other: text([...themes, d.publisher]),
    facets,
  };
}

/** Every known word (see `isTerm`) of a document. */
export function documentTerms(doc: SearchDocument): string[] {
  const out = new Set<string>();
  for (const field of [doc.title, doc.keywords, doc.columns, doc.organization, doc.description, doc.other]) {
    for (const w of words(field)) if (isTerm(w)) out.add(w);
  }
  return [...out];
}

const CHUNK = 500;

/**
 * Rebuilds the rows both engines share for one dataset: its facet values, and
 * its words added to `search_terms` (which only grows) with their spelling
 * neighbourhoods. Returns the document (undefined when the dataset is gone,
 * its facet rows removed) and the words that were new to `search_terms`.
 */
export async function indexSharedRows(db: Db, datasetId: string): Promise<{ doc: SearchDocument | undefined; newTerms: string[] }> {
  await db.deleteFrom('search_facets').where('dataset_id', '=', datasetId).execute();
  const doc = await loadSearchDocument(db, datasetId);
  if (!doc) return { doc, newTerms: [] };
  if (doc.facets.length) {
    await db
      .insertInto('search_facets')
      .values(doc.facets.map((f) => ({ dataset_id: datasetId, facet: f.facet, value: f.value })))
      .execute();
  }
  const terms = documentTerms(doc);
  const newTerms: string[] = [];
  for (let i = 0; i < terms.length; i += CHUNK) {
    const chunk = terms.slice(i, i + CHUNK);
    const known = new Set((await db.selectFrom('search_terms').select('term').where('term', 'in', chunk).execute()).map((r) => r.term));
    const fresh = chunk.filter((t) => !known.has(t));
    if (!fresh.length) continue;
    const added = await db
      .insertInto('search_terms')
      .values(fresh.map((term) => ({ term })))
      .onConflict((oc) => oc.column('term').doNothing())
      .returning('term')
      .execute();
    newTerms.push(...added.map((r) => r.term));
  }
  if (newTerms.length) await indexTermVariants(db, newTerms);
  return { doc, newTerms };
}

// ---------------------------------------------------------------------------
// What both engines do with the reader's text and with the result set.

/** Words too common to search for (a subset of PostgreSQL's `english` stop words), dropped from queries by both engines alike. */
const STOP_WORDS = new Set(
  'a an and are as at be but by for from has have in into is it its of on or that the their there these this to was were will with'.split(' '),
);

/**
 * One word of the reader's query with the known words it may stand for. The
 * last word's completions take the place of the engines' own prefix
 * operators, which stem the prefix ("res" becomes "re", "ine" becomes "in")
 * and so both widen it wildly and miss words whose stem it runs past
 * ("inspecti" against "inspect").
 */
export interface QueryWord {
  word: string;
  /** Known words it may stand for: completions of the last word, near spellings of an unknown word. */
  alternatives: string[];
}

/**
 * The reader's words: folded, split on anything but letters and digits (so
 * no query syntax of either engine ever reaches it), stop words dropped.
 * `empty` says the text held words but all were stop words.
 */
export function queryWords(q: string | undefined): { words: string[]; empty: boolean } {
  const all = words(q ?? '').slice(0, 12);
  const kept = all.filter((w) => !STOP_WORDS.has(w));
  return { words: [...new Set(kept)], empty: all.length > 0 && kept.length === 0 };
}

/** How many edits a word may be from a known word and still find it: none under 4 letters, 1, or 2 from 8 letters. */
export const maxEdits = (w: string): number => (!isTerm(w) || w.length < 4 ? 0 : w.length >= 8 ? 2 : 1);

/**
 * Damerau–Levenshtein distance (optimal string alignment) between a and b,
 * giving up (returning max + 1) as soon as it must exceed max.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n]!;
}

/** Known words within reach of a word, nearest first, at most `limit`. */
export function nearest(word: string, candidates: Iterable<string>, limit = 8): string[] {
  const max = maxEdits(word);
  const hits: [string, number][] = [];
  for (const c of new Set(candidates)) {
    if (c === word || STOP_WORDS.has(c)) continue;
    const d = editDistance(word, c, max);
    if (d <= max) hits.push([c, d]);
  }
  hits.sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return hits.slice(0, limit).map((h) => h[0]);
}

/**
 * The spelling neighbourhood of a word: the word and every string made by
 * deleting up to `depth` of its letters. Two words within edit distance k
 * share a string made by at most k deletions from each.
 */
export function deletions(word: string, depth: number): Set<string> {
  const out = new Set([word]);
  let layer = [word];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const w of layer) {
      for (let i = 0; i < w.length; i++) {
        const v = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(v)) {
          out.add(v);
          next.push(v);
        }
      }
    }
    layer = next;
  }
  return out;
}

/**
 * How deep a known word's neighbourhood is stored. A query word of under 8
 * letters may be 1 edit away, so 1 deletion from the known word suffices; a
 * query word of 8 or more letters may be 2 edits away, and a known word then
 * needs 2 deletions only when it is itself 8 letters or more (a shorter one
 * is reached by deleting from the query word alone).
 */
const storedDepth = (term: string): number => (term.length >= 8 ? 2 : 1);

/**
 * Records the spelling neighbourhood of words new to `search_terms` in the
 * engine's `search_term_variants (variant, term)` table, so that near
 * spellings are found by one indexed lookup.
 */
export async function indexTermVariants(db: Db, terms: string[]): Promise<void> {
  const rows = terms.flatMap((term) => [...deletions(term, storedDepth(term))].map((variant) => ({ variant, term })));
  for (let i = 0; i < rows.length; i += 400) {
    const chunk = rows.slice(i, i + 400);
    await sql`INSERT INTO search_term_variants (variant, term) VALUES ${sql.join(chunk.map((r) => sql`(${r.variant}, ${r.term})`))}
      ON CONFLICT DO NOTHING`.execute(db);
  }
}

/** Known words that begin with a word, shortest first (each engine reads its own index). */
export type Completions = (db: Db, prefix: string, limit: number) => Promise<string[]>;

/**
 * Works out what each of the reader's words may stand for: the last word's
 * completions (search as you type), and, for a word that is not a known word and has
 * no completions, the known words within `maxEdits` of it (through
 * `search_term_variants`, checked by `editDistance`).
 */
export async function planQuery(db: Db, words: string[], completions: Completions): Promise<QueryWord[]> {
  const plan: QueryWord[] = words.map((word) => ({ word, alternatives: [] }));
  const known = new Set((await sql<{ term: string }>`SELECT term FROM search_terms WHERE term IN (${sql.join(words)})`.execute(db)).rows.map((r) => r.term));
  const last = plan[plan.length - 1]!;
  if (isTerm(last.word)) last.alternatives.push(...(await completions(db, last.word, COMPLETIONS)).filter((t) => t !== last.word));
  const unknown = plan.filter((p) => !known.has(p.word) && !p.alternatives.length && maxEdits(p.word) > 0);
  if (unknown.length) {
    const variants = new Map<string, QueryWord[]>();
    for (const p of unknown) for (const v of deletions(p.word, maxEdits(p.word))) variants.set(v, [...(variants.get(v) ?? []), p]);
    const near = await sql<{ variant: string; term: string }>`SELECT variant, term FROM search_term_variants WHERE variant IN (${sql.join([...variants.keys()])})`.execute(db);
    const candidates = new Map<QueryWord, string[]>();
    for (const r of near.rows) for (const p of variants.get(r.variant) ?? []) candidates.set(p, [...(candidates.get(p) ?? []), r.term]);
    for (const p of unknown) p.alternatives.push(...nearest(p.word, candidates.get(p) ?? []));
  }
  return plan;
}

/**
 * How many completions of the last word a query takes from `search_terms`,
 * shortest first. A reader still typing a 3-letter prefix that more words
 * share sees the commonest shapes first and narrows it with the next letter.
 */
export const COMPLETIONS = 32;

/**
 * How an engine matches the reader's text: the ids of every matching
 * dataset, and the rank of those among some ids (a subquery), so that the
 * ranking function runs only on what passed the filters.
 */
export interface TextMatch {
  /** A subquery of `dataset_id` for every dataset matching the text. */
  ids: RawBuilder<unknown>;
  /** A subquery of (dataset_id, rank) for the matching datasets among `among`; a higher rank is a better match. */
  ranked(among: RawBuilder<unknown>): RawBuilder<unknown>;
}

/**
 * The part of a search after the text match, the same SQL on both engines:
 * visibility, statuses, due date, ids, facet filters, order, paging, total
 * and disjunctive facet counts. `match` is undefined when there is no text
 * to match. Two statements: the page's ids, the total and the facet counts in
 * one, then the page's datasets.
 */
export async function runSearch(db: Db, q: SearchQuery, match: TextMatch | undefined, dialect: 'sqlite' | 'postgres'): Promise<SearchResult<Dataset>> {
  const collate = dialect === 'postgres' ? sql` COLLATE "C"` : sql``;
  const statuses = q.statuses?.length ? q.statuses : ['published'];
  let base = db
    .selectFrom('datasets')
    .where((e) => datasetVisible(e, q.visibility))
    .where('datasets.status', 'in', statuses)
    .select(['datasets.id', 'datasets.slug', 'datasets.title', 'datasets.updated_at', 'datasets.popularity']);
  if (q.overdueAt) base = base.where('datasets.next_due_at', '<', q.overdueAt);
  if (q.ids) base = q.ids.length ? base.where('datasets.id', 'in', q.ids) : base.where(sql<boolean>`1 = 0`);
  // With text, the matches drive, each finding its dataset by key: they are usually far fewer than the
  // visible datasets. CROSS JOIN fixes the join order on SQLite; on PostgreSQL, LATERAL with OFFSET 0
  // (which keeps the planner from flattening it back into a hash join over every dataset).
  const matched = !match
    ? sql`SELECT b.* FROM (${base}) b`
    : dialect === 'postgres'
      ? sql`SELECT b.* FROM (${match.ids}) m CROSS JOIN LATERAL (${base.where('datasets.id', '=', sql<string>`m.dataset_id`).offset(0)}) b`
      : sql`SELECT b.* FROM (${match.ids}) m CROSS JOIN (${base}) b WHERE b.id = m.dataset_id`;

  // One flag per filtered facet: whether the dataset has any of the chosen values.
  const filtered = SEARCH_FACETS.filter((f) => (q.filters[f] ?? []).length > 0);
  const flags = filtered.map(
    (f, i) => sql`(id IN (SELECT dataset_id FROM search_facets WHERE facet = ${f} AND value IN (${sql.join(q.filters[f] ?? [])}))) AS ${sql.raw(`f${i}`)}`,
  );
  const passes = (except?: SearchFacet) => {
    const conds = filtered.flatMap((f, i) => (f === except ? [] : [sql.raw(`flt.f${i}`)]));
    return conds.length ? sql.join(conds, sql` AND `) : sql`1 = 1`;
  };
  const hits = sql`WITH base AS MATERIALIZED (${matched}),
    flt AS MATERIALIZED (SELECT base.*${flags.length ? sql`, ${sql.join(flags)}` : sql``} FROM base),
    hits AS MATERIALIZED (SELECT * FROM flt WHERE ${passes()})`;

  // The page: the datasets that pass every filter, ranked only among themselves.
  const byRank = q.sort === 'relevance' && match !== undefined;
  const order = byRank
    ? sql`r.rank DESC, hits.slug${collate}`
    : q.sort === 'popular'
      ? sql`hits.popularity DESC, hits.slug${collate}`
      : q.sort === 'title'
        ? sql`lower(hits.title)${collate}, hits.slug${collate}`
        : sql`hits.updated_at DESC, hits.slug${collate}`;
  const pageRows = sql`SELECT hits.id, row_number() OVER (ORDER BY ${order}) AS pos
    FROM hits${byRank ? sql` JOIN (${match.ranked(sql`SELECT id FROM hits`)}) r ON r.dataset_id = hits.id` : sql``}
    ORDER BY ${order} LIMIT ${q.limit} OFFSET ${q.offset}`;

  // Facets without a filter of their own share one count; each filtered facet counts apart, without its own filter.
  // The datasets drive the join, reaching their facet rows by index (CROSS JOIN on SQLite, LATERAL on PostgreSQL).
  const wanted = [...new Set(q.facets)];
  const shared = wanted.filter((f) => !filtered.includes(f));
  const groups = [...(shared.length ? [{ facets: shared, conds: passes() }] : []), ...wanted.filter((f) => filtered.includes(f)).map((f) => ({ facets: [f], conds: passes(f) }))];
  const counts = groups.map((g) =>
    dialect === 'postgres'
      ? sql`SELECT sf.facet, sf.value, count(*) AS n FROM flt CROSS JOIN LATERAL (
          SELECT facet, value FROM search_facets WHERE dataset_id = flt.id AND facet IN (${sql.join(g.facets)}) OFFSET 0) sf
        WHERE ${g.conds} GROUP BY sf.facet, sf.value`
      : sql`SELECT sf.facet, sf.value, count(*) AS n FROM flt CROSS JOIN search_facets sf
        WHERE ${g.conds} AND sf.dataset_id = flt.id AND sf.facet IN (${sql.join(g.facets)}) GROUP BY sf.facet, sf.value`,
  );
  const facetRows = counts.length
    ? sql` UNION ALL SELECT 'f', facet, value, n FROM (
        SELECT c.*, row_number() OVER (PARTITION BY c.facet ORDER BY c.n DESC, c.value${collate}) AS r FROM (${sql.join(counts, sql` UNION ALL `)}) c
      ) t WHERE r <= ${q.facetLimit}`
    : sql``;

  // One statement, so the text is matched and the filters applied once: the page's ids (kind p, in order), the total (t), the facet counts (f).
  const rows = await sql<{ kind: 'p' | 't' | 'f'; facet: string | null; value: string | null; n: number | string }>`${hits}
    SELECT 'p' AS kind, CAST(NULL AS TEXT) AS facet, page.id AS value, page.pos AS n FROM (${pageRows}) page
    UNION ALL SELECT 't', NULL, NULL, (SELECT count(*) FROM hits)${facetRows}`.execute(db);

  const facets: SearchResult<Dataset>['facets'] = {};
  for (const f of wanted) facets[f] = [];
  const pageIds: [string, number][] = [];
  let total = 0;
  for (const r of rows.rows) {
    if (r.kind === 'p') pageIds.push([r.value!, Number(r.n)]);
    else if (r.kind === 't') total = Number(r.n);
    else facets[r.facet as SearchFacet]!.push({ value: r.value!, count: Number(r.n) });
  }
  for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  pageIds.sort((a, b) => a[1] - b[1]);
  const found = pageIds.length ? await db.selectFrom('datasets').selectAll().where('id', 'in', pageIds.map((p) => p[0])).execute() : [];
  const byId = new Map(found.map((r) => [r.id, r]));
  const results = pageIds.flatMap(([id]) => {
    const r = byId.get(id);
    return r ? [toDataset(r)] : [];
  });
  return { total, results, facets };
}
