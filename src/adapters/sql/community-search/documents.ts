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

/** A dataset request: its title, then why it is wanted. Hidden ones keep their entry, as problems do. */
const requestDocuments: CommunityDocumentLoader = {
  async ids(db) {
    return (await sql<{ id: string }>`SELECT id FROM requests ORDER BY id`.execute(db)).rows.map((r) => r.id);
  },
  async load(db, id) {
    const r = (await sql<{ title: string; description: string }>`SELECT title, description FROM requests WHERE id = ${id}`.execute(db)).rows[0];
    if (!r) return undefined;
    return { title: text([r.title]), text: text([r.description]), more: '', other: '', languages: documentLanguages([]) };
  },
};

/** A showcase, only while approved: its title, its description, who made it, then its kind. Pending and rejected ones have no entry. */
const showcaseDocuments: CommunityDocumentLoader = {
  async ids(db) {
    return (await sql<{ id: string }>`SELECT id FROM showcases WHERE state = 'approved' ORDER BY id`.execute(db)).rows.map((r) => r.id);
  },
  async load(db, id) {
    const r = (
      await sql<{ title: string; description: string; made_by: string; kind: string; state: string }>`
        SELECT title, description, made_by, kind, state FROM showcases WHERE id = ${id}`.execute(db)
    ).rows[0];
    if (!r || r.state !== 'approved') return undefined;
    return { title: text([r.title]), text: text([r.description]), more: text([r.made_by]), other: text([r.kind]), languages: documentLanguages([]) };
  },
};

/** Each kind's loader. */
export const COMMUNITY_DOCUMENTS: { readonly [K in CommunitySearchKind]: CommunityDocumentLoader } = {
  problem: problemDocuments,
  request: requestDocuments,
  showcase: showcaseDocuments,
};
