import type { Generated, Selectable } from 'kysely';
import type { Champion, ChampionTier, Channel } from '../../domain/program/champions.ts';
import type { ChampionQuery, ChampionStore, DatasetChampion, ProjectChampion } from '../../ports/store/champions.ts';
import type { AreaScope, Effects } from './area.ts';
import type { Db } from './dialect.ts';

/** The champions' tables (migrations 0119 and 0123). */
type ChampionTables = {
  champions: {
    seq: Generated<number>;
    id: string;
    slug: string;
    name: string;
    tier: string;
    organization_id: string | null;
    department: string;
    topics: string;
    bio: string;
    channels: string;
    user_id: string | null;
    published: number;
    consent: string;
    created_by: string;
    created_at: string;
    updated_at: string;
  };
  champion_datasets: { champion_id: string; dataset_id: string; position: number };
  champion_projects: { champion_id: string; project_id: string };
};

const tables = (db: Db) => db.withTables<ChampionTables>();

const row = (c: Champion) => ({
  id: c.id,
  slug: c.slug,
  name: c.name,
  tier: c.tier,
  organization_id: c.organizationId,
  department: c.department,
  topics: JSON.stringify(c.topics),
  bio: c.bio,
  channels: JSON.stringify(c.channels),
  user_id: c.userId,
  published: c.published ? 1 : 0,
  consent: c.consent,
  created_by: c.createdBy,
  created_at: c.createdAt,
  updated_at: c.updatedAt,
});

type Links = { datasetIds: string[]; projectIds: string[] };

const toChampion = (r: Selectable<ChampionTables['champions']>, { datasetIds, projectIds }: Links): Champion => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  tier: r.tier as ChampionTier,
  organizationId: r.organization_id,
  department: r.department,
  topics: JSON.parse(r.topics) as string[],
  bio: r.bio,
  channels: JSON.parse(r.channels) as Channel[],
  datasetIds,
  projectIds,
  userId: r.user_id,
  published: Number(r.published) === 1,
  consent: r.consent,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Data champions on SQL. */
export class SqlChampions implements ChampionStore {
  static readonly effects: Effects<ChampionStore> = {
    createChampion: 'changes pages',
    updateChampion: 'changes pages',
    getChampion: 'reads',
    getChampionOfUser: 'reads',
    listChampions: 'reads',
    listChampionDatasets: 'reads',
    championsOfDataset: 'reads',
    championsOfProject: 'reads',
    championSlugTaken: 'reads',
  };

  constructor(private readonly scope: AreaScope) {}

  private get db(): Db {
    return this.scope.db;
  }

  private async setDatasets(db: Db, id: string, datasetIds: string[]): Promise<void> {
    await tables(db).deleteFrom('champion_datasets').where('champion_id', '=', id).execute();
    const ids = [...new Set(datasetIds)];
    if (ids.length) await tables(db).insertInto('champion_datasets').values(ids.map((d, position) => ({ champion_id: id, dataset_id: d, position }))).execute();
  }

  private async setProjects(db: Db, id: string, projectIds: string[]): Promise<void> {
    await tables(db).deleteFrom('champion_projects').where('champion_id', '=', id).execute();
    const ids = [...new Set(projectIds)];
    if (ids.length) await tables(db).insertInto('champion_projects').values(ids.map((p) => ({ champion_id: id, project_id: p }))).execute();
  }

  async createChampion(c: Champion): Promise<void> {
    await this.scope.atomically(async (db) => {
      await tables(db).insertInto('champions').values(row(c)).execute();
      await this.setDatasets(db, c.id, c.datasetIds);
      await this.setProjects(db, c.id, c.projectIds);
    });
  }

  async updateChampion(c: Champion): Promise<void> {
    await this.scope.atomically(async (db) => {
      const { id: _id, created_at: _at, created_by: _by, ...rest } = row(c);
      await tables(db).updateTable('champions').set(rest).where('id', '=', c.id).execute();
      await this.setDatasets(db, c.id, c.datasetIds);
      await this.setProjects(db, c.id, c.projectIds);
    });
  }

  private async projectsOf(ids: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    const rows = await tables(this.db).selectFrom('champion_projects').select(['champion_id', 'project_id']).where('champion_id', 'in', ids).orderBy('project_id').execute();
    for (const r of rows) out.get(r.champion_id)?.push(r.project_id);
    return out;
  }

  private async linksOf(ids: string[]): Promise<Map<string, Links>> {
    const [datasets, projects] = [await this.datasetsOf(ids), await this.projectsOf(ids)];
    return new Map(ids.map((id) => [id, { datasetIds: datasets.get(id) ?? [], projectIds: projects.get(id) ?? [] }]));
  }

  private async datasetsOf(ids: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    const rows = await tables(this.db).selectFrom('champion_datasets').select(['champion_id', 'dataset_id']).where('champion_id', 'in', ids).orderBy('position').orderBy('dataset_id').execute();
    for (const r of rows) out.get(r.champion_id)?.push(r.dataset_id);
    return out;
  }

  private async one(r: Selectable<ChampionTables['champions']> | undefined): Promise<Champion | undefined> {
    return r && toChampion(r, (await this.linksOf([r.id])).get(r.id) ?? { datasetIds: [], projectIds: [] });
  }

  async getChampion(idOrSlug: string): Promise<Champion | undefined> {
    return this.one(await tables(this.db).selectFrom('champions').selectAll().where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)])).executeTakeFirst());
  }

  async getChampionOfUser(userId: string): Promise<Champion | undefined> {
    return this.one(await tables(this.db).selectFrom('champions').selectAll().where('user_id', '=', userId).executeTakeFirst());
  }

  async listChampions(q: ChampionQuery): Promise<{ total: number; results: Champion[] }> {
    let base = tables(this.db).selectFrom('champions').selectAll();
    if (q.publishedOnly) base = base.where('published', '=', 1);
    if (q.tier) base = base.where('tier', '=', q.tier);
    if (q.organizationId) base = base.where('organization_id', '=', q.organizationId);
    // Topics are a short JSON list: a directory is small, so the topic is matched here after the indexed filters.
    const rows = (await base.orderBy('name').orderBy('seq').execute()).filter((r) => !q.topic || (JSON.parse(r.topics) as string[]).includes(q.topic));
    const page = rows.slice(q.offset, q.offset + q.limit);
    const links = await this.linksOf(page.map((r) => r.id));
    return { total: rows.length, results: page.map((r) => toChampion(r, links.get(r.id) ?? { datasetIds: [], projectIds: [] })) };
  }

  async listChampionDatasets(championId: string): Promise<string[]> {
    return (await this.datasetsOf([championId])).get(championId) ?? [];
  }

  async championsOfDataset(datasetId: string): Promise<DatasetChampion[]> {
    const rows = await tables(this.db)
      .selectFrom('champion_datasets')
      .innerJoin('champions', 'champions.id', 'champion_datasets.champion_id')
      .select(['champions.id', 'champions.slug', 'champions.name', 'champions.tier'])
      .where('champion_datasets.dataset_id', '=', datasetId)
      .where('champions.published', '=', 1)
      .orderBy('champions.name')
      .execute();
    return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, tier: r.tier as ChampionTier }));
  }

  async championsOfProject(projectId: string): Promise<ProjectChampion[]> {
    const rows = await tables(this.db)
      .selectFrom('champion_projects')
      .innerJoin('champions', 'champions.id', 'champion_projects.champion_id')
      .select(['champions.id', 'champions.slug', 'champions.name', 'champions.tier'])
      .where('champion_projects.project_id', '=', projectId)
      .where('champions.published', '=', 1)
      .orderBy('champions.name')
      .execute();
    return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, tier: r.tier as ChampionTier }));
  }

  async championSlugTaken(slug: string): Promise<boolean> {
    return (await tables(this.db).selectFrom('champions').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
  }
}
