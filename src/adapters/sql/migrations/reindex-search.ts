import type { Kysely } from 'kysely';
import { COMMUNITY_DOCUMENTS } from '../community-search/documents.ts';
import { indexCommunityItem } from '../community-search/engine.ts';
import { COMMUNITY_SEARCH_KINDS, type CommunitySearchEngine } from '../community-search/types.ts';
import type { Db, SearchEngine } from '../dialect.ts';
import { COMMUNITY_VOCABULARY, indexTermVariants } from '../search-words.ts';

/**
 * Indexes the whole catalog with one engine's search: the spelling
 * neighbourhood of every known word, then every dataset's entry, in id order.
 * Both steps may run again: they replace what is there.
 */
export async function reindexSearch(db: Kysely<unknown>, engine: SearchEngine): Promise<void> {
  const catalog = db as unknown as Db;
  const terms = await catalog.selectFrom('search_terms').select('term').execute();
  await indexTermVariants(catalog, terms.map((t) => t.term));
  const ids = await catalog.selectFrom('datasets').select('id').orderBy('id').execute();
  for (const { id } of ids) await engine.index(catalog, id);
}

/**
 * Indexes every community item with one engine's community search, the same
 * way: the spelling neighbourhood of the community's known words, then each
 * kind's items in id order. It may run again: it replaces what is there.
 */
export async function reindexCommunitySearch(db: Kysely<unknown>, engine: CommunitySearchEngine): Promise<void> {
  const catalog = db as unknown as Db;
  const terms = await catalog.selectFrom('community_search_terms').select('term').execute();
  await indexTermVariants(catalog, terms.map((t) => t.term), COMMUNITY_VOCABULARY);
  for (const kind of COMMUNITY_SEARCH_KINDS) {
    for (const id of await COMMUNITY_DOCUMENTS[kind].ids(catalog)) await indexCommunityItem(catalog, engine, kind, id);
  }
}
