import type { Db } from '../dialect.ts';
import { addKnownTerms, COMMUNITY_VOCABULARY, termsOf } from '../search-words.ts';
import { COMMUNITY_DOCUMENTS } from './documents.ts';
import type { CommunitySearchEngine, CommunitySearchKind } from './types.ts';

/** Rebuilds one item's entry from its tables, and learns its words, in the caller's transaction. */
export async function indexCommunityItem(db: Db, engine: CommunitySearchEngine, kind: CommunitySearchKind, itemId: string): Promise<void> {
  const doc = await COMMUNITY_DOCUMENTS[kind].load(db, itemId);
  if (doc) await addKnownTerms(db, termsOf([doc.title, doc.text, doc.more, doc.other]), COMMUNITY_VOCABULARY);
  await engine.write(db, kind, itemId, doc);
}
