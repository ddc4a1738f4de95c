import { sql } from 'kysely';
import { SEARCH_FACETS, type SearchFacet, type SearchQuery, type SearchResult } from '../../domain/catalog/search.ts';
import type { Dataset } from '../../domain/catalog/types.ts';
import type { Db } from './dialect.ts';
import { toDataset } from './rows.ts';
import type { TextMatch } from './search-match.ts';
import { datasetVisible } from './visibility.ts';

export type { TextMatch } from './search-match.ts';

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
  if (q.updated?.from) base = base.where('datasets.updated_at', '>=', q.updated.from);
  if (q.updated?.to) base = base.where('datasets.updated_at', '<=', q.updated.to);
  if (q.ids) base = q.ids.length ? base.where('datasets.id', 'in', q.ids) : base.where(sql<boolean>`1 = 0`);
  // With text, the matches drive, each finding its dataset by key: they are usually far fewer than the
  // visible datasets. CROSS JOIN fixes the join order on SQLite; on PostgreSQL, LATERAL with OFFSET 0
  // (which keeps the planner from flattening it back into a hash join over every dataset).
  const matched = !match
    ? sql`SELECT b.* FROM (${base}) b`
    : dialect === 'postgres'
      ? sql`SELECT b.* FROM (${match.ids}) m CROSS JOIN LATERAL (${base.where('datasets.id', '=', sql<string>`m.item_id`).offset(0)}) b`
      : sql`SELECT b.* FROM (${match.ids}) m CROSS JOIN (${base}) b WHERE b.id = m.item_id`;

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
    ? sql`r.matched DESC, r.rank DESC, hits.slug${collate}`
    : q.sort === 'popular'
      ? sql`hits.popularity DESC, hits.slug${collate}`
      : q.sort === 'title'
        ? sql`lower(hits.title)${collate}, hits.slug${collate}`
        : sql`hits.updated_at DESC, hits.slug${collate}`;
  const pageRows = sql`SELECT hits.id, row_number() OVER (ORDER BY ${order}) AS pos
    FROM hits${byRank ? sql` JOIN (${match.ranked(sql`SELECT id FROM hits`)}) r ON r.item_id = hits.id` : sql``}
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
