import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { actorFields, relationFields, SELF_RELATION_RULE, slugOf, type ActorInput, type EcoActor, type EcoRelation, type RelationInput } from './ecosystem.ts';

/**
 * The map's exchange files: actors and relationships as two CSV files, or
 * both in one JSON document. Every row is checked before anything is kept;
 * each problem names its file, its row and its column.
 */

export const ACTOR_COLUMNS = ['slug', 'name', 'kind', 'topics', 'note', 'website', 'organization'] as const;
export const RELATION_COLUMNS = ['from', 'to', 'kind', 'topics', 'note'] as const;

/** One refused value: the file, the row (in a CSV file the header is row 1; in JSON the first entry of a list is 1) and the column. */
export interface ImportProblem {
  file: string;
  row: number;
  column: string;
  /** What is wrong, as a rule's English sentence. */
  reason: string;
}

export type ActorRow = ActorInput & { slug: string; row: number };
export type RelationRow = RelationInput & { row: number };

export interface ParsedGraph {
  actors: ActorRow[];
  relations: RelationRow[];
  problems: ImportProblem[];
}

const ROW_LIMIT = 5000;

function issues(file: string, row: number, error: z.ZodError, prefix = ''): ImportProblem[] {
  return error.issues.map((i) => ({ file, row, column: prefix + String(i.path[0] ?? ''), reason: i.message }));
}

function actorRow(file: string, row: number, raw: Record<string, unknown>, problems: ImportProblem[], prefix = ''): ActorRow | undefined {
  const parsed = actorFields.safeParse(raw);
  if (!parsed.success) {
    problems.push(...issues(file, row, parsed.error, prefix));
    return undefined;
  }
  const slug = parsed.data.slug || slugOf(parsed.data.name);
  if (!slug) {
    problems.push({ file, row, column: `${prefix}slug`, reason: 'Use lower-case letters, digits and hyphens in the slug.' });
    return undefined;
  }
  return { ...parsed.data, slug, row };
}

function relationRow(file: string, row: number, raw: Record<string, unknown>, problems: ImportProblem[], prefix = ''): RelationRow | undefined {
  const parsed = relationFields.safeParse(raw);
  if (!parsed.success) {
    problems.push(...issues(file, row, parsed.error, prefix));
    return undefined;
  }
  return { ...parsed.data, row };
}

/** The rows of a CSV file as records by column, or the problem that stops it being read. */
function readCsv(file: string, text: string, columns: readonly string[], problems: ImportProblem[]): Record<string, string>[] {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, to: ROW_LIMIT + 1 }) as string[][];
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    problems.push({ file, row: line, column: '', reason: 'The file is not valid CSV (check the quotes).' });
    return [];
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = columns.filter((c) => !header.includes(c) && c !== 'slug' && c !== 'topics' && c !== 'note' && c !== 'website' && c !== 'organization');
  for (const c of missing) problems.push({ file, row: 1, column: c, reason: 'The column is missing from the first row.' });
  if (missing.length) return [];
  return records.slice(1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** The actors' CSV file (columns `slug,name,kind,topics,note,website,organization`; topics separated by ";"). */
export function parseActorsCsv(file: string, text: string, problems: ImportProblem[]): ActorRow[] {
  const out: ActorRow[] = [];
  readCsv(file, text, ACTOR_COLUMNS, problems).forEach((r, i) => {
    const row = actorRow(file, i + 2, r, problems);
    if (row) out.push(row);
  });
  return out;
}

/** The relationships' CSV file (columns `from,to,kind,topics,note`; `from` and `to` are actors' slugs). */
export function parseRelationsCsv(file: string, text: string, problems: ImportProblem[]): RelationRow[] {
  const out: RelationRow[] = [];
  readCsv(file, text, RELATION_COLUMNS, problems).forEach((r, i) => {
    const row = relationRow(file, i + 2, r, problems);
    if (row) out.push(row);
  });
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The JSON document `{ "actors": [...], "relationships": [...] }`. */
export function parseGraphJson(file: string, text: string, problems: ImportProblem[]): Pick<ParsedGraph, 'actors' | 'relations'> {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    problems.push({ file, row: 1, column: '', reason: 'The file is not valid JSON.' });
    return { actors: [], relations: [] };
  }
  if (!isRecord(doc) || !Array.isArray(doc.actors) || (doc.relationships !== undefined && !Array.isArray(doc.relationships))) {
    problems.push({ file, row: 1, column: 'actors', reason: 'The document needs a list "actors" and a list "relationships".' });
    return { actors: [], relations: [] };
  }
  const actors: ActorRow[] = [];
  const relations: RelationRow[] = [];
  (doc.actors as unknown[]).slice(0, ROW_LIMIT).forEach((a, i) => {
    const row = actorRow(file, i + 1, isRecord(a) ? a : {}, problems, 'actors.');
    if (row) actors.push(row);
  });
  ((doc.relationships ?? []) as unknown[]).slice(0, ROW_LIMIT).forEach((r, i) => {
    const row = relationRow(file, i + 1, isRecord(r) ? r : {}, problems, 'relationships.');
    if (row) relations.push(row);
  });
  return { actors, relations };
}

/**
 * The problems between rows: an actor's slug twice, a relationship to an
 * actor neither in the file nor on the map (`known`), to itself, or twice.
 */
export function crossCheck(g: Pick<ParsedGraph, 'actors' | 'relations'>, files: { actors: string; relations: string; prefix?: string }, known: ReadonlySet<string>): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const p = files.prefix ?? '';
  const slugs = new Set<string>();
  for (const a of g.actors) {
    if (slugs.has(a.slug)) problems.push({ file: files.actors, row: a.row, column: `${p}slug`, reason: 'Another row has the same slug.' });
    slugs.add(a.slug);
  }
  const seen = new Set<string>();
  const rp = p ? 'relationships.' : '';
  for (const r of g.relations) {
    for (const end of ['from', 'to'] as const) {
      if (!slugs.has(r[end]) && !known.has(r[end])) problems.push({ file: files.relations, row: r.row, column: rp + end, reason: 'There is no actor with this slug.' });
    }
    if (r.from === r.to) problems.push({ file: files.relations, row: r.row, column: `${rp}to`, reason: SELF_RELATION_RULE });
    const key = `${r.from}\n${r.to}\n${r.kind}`;
    if (seen.has(key)) problems.push({ file: files.relations, row: r.row, column: `${rp}kind`, reason: 'Another row has the same relationship between the same actors.' });
    seen.add(key);
  }
  return problems;
}

const cell = (v: string): string => (/[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v);
const line = (cells: string[]): string => `${cells.map(cell).join(',')}\r\n`;

/** The exchange form of the map: actors and relationships by slug; `orgSlug` names each actor's Plaza organization. */
export interface GraphDocument {
  actors: Array<{ slug: string; name: string; kind: string; topics: string[]; note: string; website: string; organization: string }>;
  relationships: Array<{ from: string; to: string; kind: string; topics: string[]; note: string }>;
}

export function graphDocument(actors: EcoActor[], relations: EcoRelation[], orgSlug: (id: string) => string | undefined): GraphDocument {
  const sorted = [...actors].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const slugById = new Map(actors.map((a) => [a.id, a.slug]));
  const rels = relations
    .filter((r) => slugById.has(r.fromId) && slugById.has(r.toId))
    .map((r) => ({ from: slugById.get(r.fromId)!, to: slugById.get(r.toId)!, kind: r.kind as string, topics: r.topics, note: r.note }))
    .sort((a, b) => (`${a.from}\n${a.to}\n${a.kind}` < `${b.from}\n${b.to}\n${b.kind}` ? -1 : 1));
  return {
    actors: sorted.map((a) => ({ slug: a.slug, name: a.name, kind: a.kind, topics: a.topics, note: a.note, website: a.website, organization: (a.organizationId && orgSlug(a.organizationId)) || '' })),
    relationships: rels,
  };
}

export function actorsCsv(doc: GraphDocument): string {
  return line([...ACTOR_COLUMNS]) + doc.actors.map((a) => line([a.slug, a.name, a.kind, a.topics.join(';'), a.note, a.website, a.organization])).join('');
}

export function relationsCsv(doc: GraphDocument): string {
  return line([...RELATION_COLUMNS]) + doc.relationships.map((r) => line([r.from, r.to, r.kind, r.topics.join(';'), r.note])).join('');
}
