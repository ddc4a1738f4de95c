import { sql, type Generated, type Selectable } from 'kysely';
import type { Showcase, ShowcaseKind, ShowcaseState } from '../../domain/community/showcases.ts';
import type { ShowcasePage, ShowcaseQuery, ShowcaseStore } from '../../ports/store/showcases.ts';
import type { AreaScope, Effects } from './area.ts';
import { indexCommunityItem } from './community-search/engine.ts';
import type { Db } from './dialect.ts';

/** The showcases' tables (migration 0108). */
type ShowcaseTables = {
  showcases: {
    seq: Generated<number>;
    id: string;
    title: string;
    kind: string;
    description: string;
    link: string;
    made_by: string;
    image: string | null;
    image_alt: string;
    state: string;
    state_reason: string | null;
    author_id: string;
    /** Where a showcase copied from a peer came from (migration 0125). */
    origin_url: string | null;
    created_at: string;
    updated_at: string;
  };
  showcase_datasets: { showcase_id: string; dataset_id: string };
};

const tables = (db: Db) => db.withTables<ShowcaseTables>();

const toShowcase = (r: Selectable<ShowcaseTables['showcases']>, datasetIds: string[]): Showcase => ({
  id: r.id,
  title: r.title,
  kind: r.kind as ShowcaseKind,
  description: r.description,
  link: r.link,
  madeBy: r.made_by,
  image: r.image,
  imageAlt: r.image_alt,
  state: r.state as ShowcaseState,
  stateReason: r.state_reason,
  authorId: r.author_id,
  datasetIds,
  ...(r.origin_url ? { originUrl: r.origin_url } : {}),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Showcases on SQL. */
export class SqlShowcases implements ShowcaseStore {
  static readonly effects: Effects<ShowcaseStore> = {
    createShowcase: 'changes pages',
    getShowcase: 'reads',
    listShowcases: 'reads',
    setShowcaseState: 'changes pages',
    setShowcaseImage: 'changes pages',
    countApprovedByDataset: 'reads',
  };

  constructor(private readonly scope: AreaScope) {}

  private get db(): Db {
    return this.scope.db;
  }

  async createShowcase(s: Showcase): Promise<void> {
    await this.scope.atomically(async (db) => {
      await tables(db)
        .insertInto('showcases')
        .values({
          id: s.id,
          title: s.title,
          kind: s.kind,
          description: s.description,
          link: s.link,
          made_by: s.madeBy,
          image: s.image,
          image_alt: s.imageAlt,
          state: s.state,
          state_reason: s.stateReason,
          author_id: s.authorId,
          origin_url: s.originUrl ?? null,
          created_at: s.createdAt,
          updated_at: s.updatedAt,
        })
        .execute();
      const ids = [...new Set(s.datasetIds)];
      if (ids.length) await tables(db).insertInto('showcase_datasets').values(ids.map((d) => ({ showcase_id: s.id, dataset_id: d }))).execute();
      await this.index(db, s.id);
    });
  }

  /** Rebuilds a showcase's entry in the community search index: one while approved, none otherwise. */
  private index(db: Db, id: string): Promise<void> {
    return indexCommunityItem(db, this.scope.dialect.communitySearch, 'showcase', id);
  }

  /** The datasets of each showcase given, in the order they were named. */
  private async datasetsOf(ids: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    const rows = await tables(this.db).selectFrom('showcase_datasets').select(['showcase_id', 'dataset_id']).where('showcase_id', 'in', ids).orderBy('dataset_id').execute();
    for (const r of rows) out.get(r.showcase_id)?.push(r.dataset_id);
    return out;
  }

  async getShowcase(id: string): Promise<Showcase | undefined> {
    const r = await tables(this.db).selectFrom('showcases').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toShowcase(r, (await this.datasetsOf([id])).get(id) ?? []);
  }

  /** Showcases passing the query's states, author and dataset, and its kinds unless `byKind` is false. */
  private filtered(q: ShowcaseQuery, byKind = true) {
    let base = tables(this.db).selectFrom('showcases').where('state', 'in', q.states.length ? q.states : ['approved']);
    if (byKind && q.kinds?.length) base = base.where('kind', 'in', q.kinds);
    if (q.authorId) base = base.where('author_id', '=', q.authorId);
    const datasetId = q.datasetId;
    if (datasetId) base = base.where('id', 'in', (eb) => eb.selectFrom('showcase_datasets').select('showcase_id').where('dataset_id', '=', datasetId));
    return base;
  }

  async listShowcases(q: ShowcaseQuery): Promise<ShowcasePage> {
    const match = q.q === undefined ? 'all' : await this.scope.dialect.communitySearch.match(this.db, 'showcase', q.q, q.synonyms);
    if (match === 'none') return { total: 0, results: [], ...(q.kindFacet ? { facets: { kind: [] } } : {}) };
    const text = match === 'all' ? undefined : match;
    const ofText = (b: ReturnType<SqlShowcases['filtered']>) => (text ? b.where(sql<boolean>`showcases.id IN (${text.ids})`) : b);
    const base = ofText(this.filtered(q));
    const counted = await base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
    let page = base.selectAll('showcases');
    if (text) {
      // The ranking reads the text match itself, among the showcases that pass the filters.
      const ranked = sql<{ item_id: string; matched: number | string; rank: number | string }>`(${text.ranked(sql`${this.filtered(q).select('showcases.id')}`)})`.as('r');
      page = page
        .innerJoin(ranked, (j) => j.onRef('r.item_id', '=', 'showcases.id'))
        .orderBy(sql`r.matched`, 'desc')
        .orderBy(sql`r.rank`, 'desc');
    }
    const rows = await page.orderBy('seq', 'desc').limit(q.limit).offset(q.offset).execute();
    const datasets = await this.datasetsOf(rows.map((r) => r.id));
    const out: ShowcasePage = { total: Number(counted?.n ?? 0), results: rows.map((r) => toShowcase(r, datasets.get(r.id) ?? [])) };
    if (q.kindFacet) {
      const counts = await ofText(this.filtered(q, false))
        .select((eb) => ['kind', eb.fn.countAll<number | string>().as('n')])
        .groupBy('kind')
        .execute();
      const kind = counts.map((c) => ({ value: c.kind, count: Number(c.n) }));
      kind.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      out.facets = { kind };
    }
    return out;
  }

  async setShowcaseState(id: string, state: ShowcaseState, reason: string | null, at: string): Promise<void> {
    await this.scope.atomically(async (db) => {
      await tables(db).updateTable('showcases').set({ state, state_reason: reason, updated_at: at }).where('id', '=', id).execute();
      await this.index(db, id);
    });
  }

  async setShowcaseImage(id: string, image: string | null, at: string): Promise<void> {
    await tables(this.db).updateTable('showcases').set({ image, updated_at: at }).where('id', '=', id).execute();
  }

  async countApprovedByDataset(datasetIds: string[]): Promise<Map<string, number>> {
    if (!datasetIds.length) return new Map();
    const rows = await tables(this.db)
      .selectFrom('showcase_datasets')
      .innerJoin('showcases', 'showcases.id', 'showcase_datasets.showcase_id')
      .select((eb) => ['showcase_datasets.dataset_id', eb.fn.countAll<number | string>().as('n')])
      .where('showcases.state', '=', 'approved')
      .where('showcase_datasets.dataset_id', 'in', datasetIds)
      .groupBy('showcase_datasets.dataset_id')
      .execute();
    return new Map(rows.map((r) => [r.dataset_id, Number(r.n)]));
  }
}
