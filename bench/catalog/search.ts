/**
 * Catalog search benchmark: 10,000 generated datasets (`generate.ts`) loaded
 * through the catalog store into a fresh SQLite file and a fresh PostgreSQL
 * database, then keyword queries with two facet filters and counts for all
 * six facets timed through `store.searchDatasets`, as the portal's search
 * page calls it. p50/p99 per run, median over runs. See bench/README.md.
 *
 * Run alone: `npm run bench -- catalog` (merges its section into
 * bench/RESULTS.md); the whole `npm run bench` runs it last.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgresCatalog } from '../../src/adapters/postgres/catalog-store.ts';
import { openSqliteCatalog } from '../../src/adapters/sqlite/catalog-store.ts';
import { SEARCH_FACETS, type SearchFacet, type SearchQuery } from '../../src/domain/catalog/search.ts';
import type { CatalogStore } from '../../src/ports/catalog-store.ts';
import { generateCatalog, Picker, random, type GeneratedCatalog, type GeneratedDataset } from './generate.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DATASETS = Number(process.env.BENCH_CATALOG_DATASETS ?? 10_000);
const QUERIES = Number(process.env.BENCH_CATALOG_QUERIES ?? 300);
const RUNS = Number(process.env.BENCH_CATALOG_RUNS ?? 5);
const PG_URL = process.env.BENCH_CATALOG_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_DB = 'plaza_bench_catalog';
const SEED = 20_260_101;

export const CATALOG_BEGIN = '<!-- catalog search: written by bench/catalog/search.ts -->';
export const CATALOG_END = '<!-- catalog search: end -->';

const median = (xs: number[]): number => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const pct = (xs: number[], q: number): number => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((q / 100) * s.length) - 1))]!;
};
const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const int = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');
const log = (...a: unknown[]) => console.log(`[catalog ${(performance.now() / 1000).toFixed(1)}s]`, ...a);

// ---------- queries ----------

/** A word of 5+ letters with a typo: two neighbouring letters swapped, one dropped, or one changed. */
function typo(p: Picker, word: string): string {
  const i = p.int(1, word.length - 2);
  switch (p.int(0, 2)) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    default:
      return word.slice(0, i) + (word[i] === 'e' ? 'a' : 'e') + word.slice(i + 1);
  }
}

const wordsOf = (s: string) => s.toLowerCase().match(/[a-z]{4,}/g) ?? [];
const FILTER_PAIRS: [SearchFacet, SearchFacet][] = [
  ['organization', 'format'],
  ['theme', 'license'],
  ['format', 'frequency'],
  ['organization', 'license'],
  ['theme', 'format'],
  ['keyword', 'format'],
];

export interface QueryShape {
  key: string;
  label: string;
  queries: SearchQuery[];
}

/**
 * Queries a reader might type, each drawn from one dataset anonymous readers
 * can see, so that most find something: a keyword or a word of its title
 * (sometimes two words, a prefix still being typed, or a typo), with two of
 * its facet values as filters and counts for all six facets.
 */
export function buildQueries(catalog: GeneratedCatalog, n: number, seed = SEED + 1): QueryShape[] {
  const p = new Picker(random(seed));
  const visible = catalog.datasets.filter((g) => g.dataset.status === 'published' && g.dataset.accessLevel !== 'private');
  const orgSlug = new Map(catalog.organizations.map((o) => [o.id, o.slug]));
  const facetValues = (g: GeneratedDataset): Record<SearchFacet, string[]> => ({
    organization: [orgSlug.get(g.dataset.organizationId)!],
    theme: g.dataset.themes,
    keyword: g.dataset.keywords.map((k) => k.toLowerCase()),
    format: [...new Set([...g.formats, g.sourceFormat])],
    license: g.dataset.license ? [g.dataset.license] : [],
    frequency: g.dataset.frequency ? [g.dataset.frequency] : [],
  });
  const base = (q: string | undefined, filters: SearchQuery['filters']): SearchQuery => ({
    ...(q === undefined ? {} : { q }),
    filters,
    visibility: { all: false, organizationIds: [] },
    sort: 'relevance',
    limit: 20,
    offset: 0,
    facets: [...SEARCH_FACETS],
    facetLimit: 10,
  });
  const twoFilters = (g: GeneratedDataset) => {
    const values = facetValues(g);
    for (let tries = 0; tries < 10; tries++) {
      const [a, b] = p.one(FILTER_PAIRS);
      if (values[a].length && values[b].length) return { [a]: [p.one(values[a])], [b]: [p.one(values[b])] };
    }
    return { organization: values.organization };
  };
  const keywordText = (g: GeneratedDataset): string => {
    const titleWords = wordsOf(g.dataset.title);
    const keyword = p.one(g.dataset.keywords);
    const r = p.next();
    if (r < 0.45) return keyword;
    if (r < 0.7 || !titleWords.length) return titleWords.length ? p.one(titleWords) : keyword;
    if (r < 0.85) return `${wordsOf(keyword)[0] ?? keyword} ${p.one(titleWords)}`;
    const w = p.one(titleWords);
    return w.slice(0, Math.max(3, Math.min(w.length - 1, p.int(3, 6))));
  };
  const typoText = (g: GeneratedDataset): string => {
    const candidates = [...wordsOf(g.dataset.title), ...g.dataset.keywords.flatMap(wordsOf)].filter((w) => w.length >= 5);
    return candidates.length ? typo(p, p.one(candidates)) : p.one(g.dataset.keywords);
  };
  const shapes: QueryShape[] = [
    { key: 'target', label: 'keyword + 2 facet filters + 6 facet counts', queries: [] },
    { key: 'typo', label: 'misspelt word + 2 facet filters + 6 facet counts', queries: [] },
    { key: 'browse', label: 'no text, 2 facet filters + 6 facet counts', queries: [] },
    { key: 'text', label: 'keyword only + 6 facet counts', queries: [] },
  ];
  for (let i = 0; i < n; i++) {
    const g = p.one(visible);
    shapes[0]!.queries.push(base(keywordText(g), twoFilters(g)));
    const t = p.one(visible);
    shapes[1]!.queries.push(base(typoText(t), twoFilters(t)));
    shapes[2]!.queries.push(base(undefined, twoFilters(p.one(visible))));
    shapes[3]!.queries.push(base(keywordText(p.one(visible)), {}));
  }
  return shapes;
}

// ---------- loading ----------

/** Loads a generated catalog through the store, 100 datasets per transaction; seconds taken. */
export async function load(store: CatalogStore, catalog: GeneratedCatalog): Promise<number> {
  const t0 = performance.now();
  for (const o of catalog.organizations) await store.datasets.createOrganization(o);
  const BATCH = 100;
  for (let i = 0; i < catalog.datasets.length; i += BATCH) {
    await store.transaction(async (tx) => {
      for (const g of catalog.datasets.slice(i, i + BATCH)) {
        const d = g.dataset;
        await tx.datasets.createDataset(d);
        for (const [k, format] of g.formats.entries()) {
          await tx.datasets.createResource({ id: `${d.id}-r${k}`, datasetId: d.id, kind: format === 'api' ? 'api' : 'file', name: `${d.slug}.${format}`, description: '', sourceUrl: null, blobKey: null, sizeBytes: null, format, createdAt: d.createdAt });
        }
        const v = await tx.datasets.createVersion({ id: `${d.id}-v1`, datasetId: d.id, resourceId: null, typeOverrides: {} }, d.createdAt);
        await tx.datasets.completeVersion(
          v.id,
          {
            rowCount: 1000,
            rejectedCount: 0,
            columns: g.columns.map(([name, label]) => ({ name, label, type: 'text', physical: 'VARCHAR' })),
            profile: {},
            source: { format: g.sourceFormat, encoding: 'utf-8' },
            warnings: [],
            dataKey: null,
            rejectsKey: null,
          },
          d.updatedAt,
        );
        await tx.datasets.setLiveVersion(d.id, v.id, d.updatedAt);
        if (g.dictionary.length) await tx.datasets.putDictionary(d.id, g.dictionary);
        await tx.datasets.updateDataset(d.id, { updatedAt: d.updatedAt });
      }
    });
    if ((i / BATCH) % 20 === 19) log(`  ${i + BATCH} datasets`);
  }
  return (performance.now() - t0) / 1000;
}

// ---------- timing ----------

export interface ShapeResult {
  key: string;
  label: string;
  n: number;
  p50: number;
  p99: number;
  runs: { p50: number; p99: number }[];
  /** Share of queries that found at least one dataset, and the median total. */
  found: number;
  medianTotal: number;
}

export interface StoreResult {
  name: 'sqlite' | 'postgres';
  loadSeconds: number;
  size: string;
  terms: number;
  variants: number;
  shapes: ShapeResult[];
  error?: string;
}

async function time(store: CatalogStore, shapes: QueryShape[]): Promise<ShapeResult[]> {
  const out: ShapeResult[] = [];
  // Warm-up: one pass over every shape.
  for (const s of shapes) for (const q of s.queries) await store.datasets.searchDatasets(q);
  for (const s of shapes) {
    const runs: { p50: number; p99: number }[] = [];
    let found = 0;
    const totals: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const ts: number[] = [];
      for (const q of s.queries) {
        const t0 = performance.now();
        const res = await store.datasets.searchDatasets(q);
        ts.push(performance.now() - t0);
        if (r === 0) {
          if (res.total > 0) found++;
          totals.push(res.total);
        }
      }
      runs.push({ p50: median(ts), p99: pct(ts, 99) });
    }
    out.push({ key: s.key, label: s.label, n: s.queries.length, runs, p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), found: found / s.queries.length, medianTotal: median(totals) });
    log(`  ${s.key}: p50 ${f(out.at(-1)!.p50)} ms, p99 ${f(out.at(-1)!.p99)} ms (runs: ${runs.map((r) => `${f(r.p50)}/${f(r.p99)}`).join(', ')})`);
  }
  return out;
}

async function onServer(statement: string, db = 'postgres'): Promise<pg.QueryResult> {
  const u = new URL(PG_URL);
  u.pathname = `/${db}`;
  const c = new pg.Client({ connectionString: u.toString(), connectionTimeoutMillis: 3000 });
  await c.connect();
  try {
    return await c.query(statement);
  } finally {
    await c.end();
  }
}

export interface CatalogBenchResult {
  startedAt: string;
  seconds: number;
  datasets: number;
  visible: number;
  organizations: number;
  distinctKeywords: number;
  queries: number;
  runs: number;
  loads: { at: string; load1: number }[];
  stores: StoreResult[];
  examples: string[];
}

export async function runCatalogBench(): Promise<CatalogBenchResult> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const loads: { at: string; load1: number }[] = [{ at: 'start', load1: loadavg()[0]! }];
  log(`generating ${DATASETS} datasets`);
  const catalog = generateCatalog(DATASETS, SEED);
  const shapes = buildQueries(catalog, QUERIES);
  const stores: StoreResult[] = [];

  // SQLite
  const dir = await mkdtemp(join(tmpdir(), 'plaza-bench-catalog-'));
  try {
    const file = join(dir, 'catalog.sqlite');
    const store = await openSqliteCatalog(file);
    log('loading SQLite');
    const loadSeconds = await load(store, catalog);
    log(`  loaded in ${f(loadSeconds, 1)} s`);
    loads.push({ at: 'SQLite loaded', load1: loadavg()[0]! });
    const shapesOut = await time(store, shapes);
    await store.close();
    const raw = new Database(file, { readonly: true });
    const count = (table: string) => Number((raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n);
    const terms = count('search_terms');
    const variants = count('search_term_variants');
    raw.close();
    const bytes = (await stat(file)).size + (await stat(`${file}-wal`).catch(() => ({ size: 0 }))).size;
    stores.push({ name: 'sqlite', loadSeconds, size: `${f(bytes / 1e6, 0)} MB file`, terms, variants, shapes: shapesOut });
  } catch (err) {
    stores.push({ name: 'sqlite', loadSeconds: NaN, size: '—', terms: NaN, variants: NaN, shapes: [], error: String(err) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  loads.push({ at: 'SQLite done', load1: loadavg()[0]! });

  // PostgreSQL
  try {
    await onServer(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`);
    await onServer(`CREATE DATABASE ${PG_DB}`);
    const u = new URL(PG_URL);
    u.pathname = `/${PG_DB}`;
    const store = await openPostgresCatalog(u.toString());
    try {
      log('loading PostgreSQL');
      const loadSeconds = await load(store, catalog);
      log(`  loaded in ${f(loadSeconds, 1)} s`);
      await onServer('VACUUM ANALYZE', PG_DB);
      loads.push({ at: 'PostgreSQL loaded', load1: loadavg()[0]! });
      const shapesOut = await time(store, shapes);
      const info = await onServer(
        `SELECT pg_database_size(current_database()) AS bytes, (SELECT count(*) FROM search_terms) AS terms, (SELECT count(*) FROM search_term_variants) AS variants`,
        PG_DB,
      );
      const row = info.rows[0] as { bytes: string; terms: string; variants: string };
      stores.push({ name: 'postgres', loadSeconds, size: `${f(Number(row.bytes) / 1e6, 0)} MB database`, terms: Number(row.terms), variants: Number(row.variants), shapes: shapesOut });
    } finally {
      await store.close();
    }
  } catch (err) {
    stores.push({ name: 'postgres', loadSeconds: NaN, size: '—', terms: NaN, variants: NaN, shapes: [], error: String(err) });
  } finally {
    await onServer(`DROP DATABASE IF EXISTS ${PG_DB} WITH (FORCE)`).catch(() => {});
  }
  loads.push({ at: 'end', load1: loadavg()[0]! });

  const visible = catalog.datasets.filter((g) => g.dataset.status === 'published' && g.dataset.accessLevel !== 'private').length;
  const examples = shapes.flatMap((s) => s.queries.slice(0, 3).map((q) => `${q.q === undefined ? '(no text)' : `"${q.q}"`} + ${Object.entries(q.filters).map(([k, v]) => `${k}=${v!.join('|')}`).join(', ')}`));
  return {
    startedAt,
    seconds: (performance.now() - t0) / 1000,
    datasets: catalog.datasets.length,
    visible,
    organizations: catalog.organizations.length,
    distinctKeywords: new Set(catalog.datasets.flatMap((g) => g.dataset.keywords)).size,
    queries: QUERIES,
    runs: RUNS,
    loads,
    stores,
    examples,
  };
}

// ---------- report ----------

export function catalogSection(r: CatalogBenchResult): string {
  const target = (s: StoreResult) => s.shapes.find((x) => x.key === 'target');
  const mark = (ok: boolean | null) => (ok === null ? 'NOT MEASURED' : ok ? 'PASS' : 'MISS');
  const busy = Math.max(...r.loads.map((l) => l.load1)) > 1.5;
  // The reference measured in the same run: the same queries on the other store.
  const versus = (s: StoreResult, key: string, p50: number) => {
    const other = r.stores.find((o) => o !== s && !o.error)?.shapes.find((x) => x.key === key);
    return other ? `${f(p50 / other.p50)}×` : '—';
  };
  const rows = r.stores.flatMap((s) =>
    s.error
      ? [`| ${s.name} | — | — | — | — | — | — | **error:** ${s.error.replace(/\|/g, '\\|')} |`]
      : s.shapes.map((x) => `| ${s.name} | ${x.label} | ${x.n} × ${x.runs.length} | ${f(x.p50)} | ${f(x.p99)} | ${x.runs.map((q) => `${f(q.p50)}/${f(q.p99)}`).join(' · ')} | ${f(x.found * 100, 0)}% · ${int(x.medianTotal)} | ${versus(s, x.key, x.p50)} |`),
  );
  return `${CATALOG_BEGIN}
## Catalog search, ${int(r.datasets)} datasets (ms)

Run by \`npm run bench -- catalog\` (bench/catalog/search.ts) on ${r.startedAt}; took ${f(r.seconds, 0)} s. Load (1-minute average): ${r.loads.map((l) => `${l.at} ${f(l.load1, 1)}`).join(' · ')}.${busy ? '\n\n> **Warning:** the load average rose above 1.5 during this part: other processes were using the CPUs, so its figures are pessimistic.' : ''}

- **Catalog**: ${int(r.datasets)} datasets from \`bench/catalog/generate.ts\` (seed ${SEED}; ${int(r.visible)} visible to anonymous readers, the rest draft, submitted or private; ${r.organizations} organizations, ${int(r.distinctKeywords)} distinct keywords), each with 1–4 resources, a live version with 3–20 columns and, for a third, a data dictionary, loaded through the store (every change re-indexed, 100 datasets per transaction) into a fresh SQLite file and a fresh PostgreSQL database (then \`VACUUM ANALYZE\`).
- **Queries**: ${r.queries} per shape, each drawn from one visible dataset (a keyword, a title word, two words, or a prefix still being typed; the typo shape swaps, drops or changes a letter of a 5+ letter word), with two of its facet values as filters, counts for all six facets (top 10 each), page of 20 by relevance, as an anonymous reader. Called through \`store.searchDatasets\` in process (no HTTP), one at a time, after one warm-up pass; ${r.runs} runs, p50 and p99 per run, the median of the runs shown.
- Examples: ${r.examples.slice(0, 6).map((e) => `\`${e}\``).join('; ')}.

| Store | Shape | Queries × runs | p50 | p99 | every run (p50/p99) | found something · median total | p50 vs the other store |
|---|---|---:|---:|---:|---|---:|---|
${rows.join('\n')}

Index: ${r.stores.map((s) => `${s.name} loaded ${f(s.loadSeconds, 1)} s (${int(r.datasets / s.loadSeconds)} datasets/s), ${s.size}, ${int(s.terms)} known words, ${int(s.variants)} spelling-neighbourhood rows`).join('; ')}.

| Target | Measured | Result |
|---|---|---|
${r.stores
  .map((s) => {
    const t = target(s);
    return `| Catalog search p50 ≤ 10 ms (${s.name}) | ${t ? `${f(t.p50)} ms` : '—'} | ${mark(t ? t.p50 <= 10 : null)} |\n| Catalog search p99 ≤ 40 ms (${s.name}) | ${t ? `${f(t.p99)} ms` : '—'} | ${mark(t ? t.p99 <= 40 : null)} |`;
  })
  .join('\n')}
${CATALOG_END}`;
}

/** The catalog search section of a RESULTS.md text, or '' when it has none. */
export function extractCatalogSection(text: string): string {
  const a = text.indexOf(CATALOG_BEGIN);
  const b = text.indexOf(CATALOG_END);
  return a >= 0 && b > a ? text.slice(a, b + CATALOG_END.length) : '';
}

/** Puts the section into bench/RESULTS.md: in place of the previous one, else before the hand-written notes, else at the end. */
export async function mergeCatalogSection(section: string, notesMarker: string): Promise<void> {
  const path = join(ROOT, 'bench/RESULTS.md');
  const text = await readFile(path, 'utf8').catch(() => '# Plaza benchmark results\n');
  const old = extractCatalogSection(text);
  let next: string;
  if (old) next = text.replace(old, section);
  else if (text.includes(notesMarker)) next = text.replace(notesMarker, `${section}\n\n${notesMarker}`);
  else next = `${text.trimEnd()}\n\n${section}\n`;
  await writeFile(path, next);
}

export const NOTES_MARKER = '<!-- notes: written by hand, kept when the benchmark rewrites this file -->';

/** Runs the catalog search benchmark and merges its section into bench/RESULTS.md. */
export async function main(): Promise<void> {
  const result = await runCatalogBench();
  const section = catalogSection(result);
  console.log(section);
  await mergeCatalogSection(section, NOTES_MARKER);
  log('merged the catalog search section into bench/RESULTS.md');
}
