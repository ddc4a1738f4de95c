import { type SearchFacet } from '../../domain/catalog/search.ts';
import type { Db } from './dialect.ts';
import { json } from './rows.ts';
import { documentLanguages, type SearchLanguage } from './search-stems.ts';
import { addKnownTerms, fold, termsOf } from './search-words.ts';

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
  /** The languages its text is stemmed in: those the dataset declares that search knows, else all of them. */
  languages: SearchLanguage[];
  facets: { facet: SearchFacet; value: string }[];
}


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
      'datasets.language',
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
    languages: documentLanguages(json<string[]>(d.language, [])),
    facets,
  };
}

/** Every known word (see `isTerm`) of a document. */
export function documentTerms(doc: SearchDocument): string[] {
  return termsOf([doc.title, doc.keywords, doc.columns, doc.organization, doc.description, doc.other]);
}

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
  return { doc, newTerms: await addKnownTerms(db, documentTerms(doc)) };
}
