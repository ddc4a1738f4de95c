import type { Kysely } from 'kysely';
import type { Db, SearchEngine } from '../dialect.ts';
import { indexTermVariants } from '../search-words.ts';

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
