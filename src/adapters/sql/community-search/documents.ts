import { sql } from 'kysely';
import type { Db } from '../dialect.ts';
import type { CommunityDocument, CommunitySearchKind } from './types.ts';
import { documentLanguages } from '../search-stems.ts';
import { fold } from '../search-words.ts';

/** How the index reads one kind of item from its own tables. */
export interface CommunityDocumentLoader {
  /** Every item of the kind that may have an entry, for a rebuild. */
  ids(db: Db): Promise<string[]>;
  /**
   * The item's document; undefined when it has no entry (gone, or merged
   * into another). Hidden items keep theirs: the kind's list query decides
   * who sees them.
   */
  load(db: Db, id: string): Promise<CommunityDocument | undefined>;
}

const text = (parts: (string | null | undefined)[]) => fold(parts.filter((p): p is string => !!p).join('\n'));

/** A problem: its title, what happens, who is affected, then its category and area. Residents write in either language, so both. */
const problemDocuments: CommunityDocumentLoader = {
  async ids(db) {
    return (await sql<{ id: string }>`SELECT id FROM problems WHERE merged_into IS NULL ORDER BY id`.execute(db)).rows.map((r) => r.id);
  },
  async load(db, id) {
    const r = (
      await sql<{ title: string; description: string; affected: string; category: string; area: string | null; merged_into: string | null }>`
        SELECT title, description, affected, category, area, merged_into FROM problems WHERE id = ${id}`.execute(db)
    ).rows[0];
    if (!r || r.merged_into !== null) return undefined;
    return { title: text([r.title]), text: text([r.description]), more: text([r.affected]), other: text([r.category, r.area]), languages: documentLanguages([]) };
  },
};

/** Each kind's loader. */
export const COMMUNITY_DOCUMENTS: { readonly [K in CommunitySearchKind]: CommunityDocumentLoader } = {
  problem: problemDocuments,
};
