import type { Dataset, DictionaryEntry, Organization, Resource, Version } from '../../domain/catalog/types.ts';
import type { SearchQuery, SearchResult } from '../../domain/catalog/search.ts';
import type { DatasetListQuery, DatasetPatch, DatasetStore, NewVersion, VersionCompletion } from '../../ports/store/datasets.ts';
import type { AreaScope, Effects } from './area.ts';
import type { Db } from './dialect.ts';
import { fourByFour, FOUR_BY_FOUR } from '../../domain/compat/four-by-four.ts';
import { datasetColumns, toDataset, toDictionaryEntry, toOrganization, toResource, toVersion } from './rows.ts';

/** Organizations, datasets, resources, versions and dictionaries on SQL; writes that change what search sees re-index the dataset in the same transaction. */
export class SqlDatasets implements DatasetStore {
  static readonly effects: Effects<DatasetStore> = {
    createOrganization: 'changes pages',
    getOrganization: 'reads',
    listOrganizations: 'reads',
    updateOrganization: 'changes pages',
    createDataset: 'changes pages',
    getDataset: 'reads',
    getDatasets: 'reads',
    listDatasets: 'reads',
    updateDataset: 'changes pages',
    deleteDataset: 'changes pages',
    setLiveVersion: 'changes pages',
    addPopularity: 'changes pages',
    searchDatasets: 'reads',
    getDictionary: 'reads',
    putDictionary: 'changes pages',
    createResource: 'changes pages',
    createResources: 'changes pages',
    getResource: 'reads',
    listResources: 'reads',
  listResourcesOf: 'reads',
    deleteResource: 'changes pages',
    createVersion: 'changes pages',
    getVersion: 'reads',
    getVersions: 'reads',
    listVersions: 'reads',
    completeVersion: 'changes pages',
    failVersion: 'changes pages',
  };

  constructor(private readonly scope: AreaScope) {}

  private get db(): Db {
    return this.scope.db;
  }

  /** Runs a change and re-indexes the datasets it touched, atomically. */
  private async reindexing(ids: (db: Db) => Promise<string[]> | string[], change: (db: Db) => Promise<void>): Promise<void> {
    await this.scope.atomically(async (db) => {
      await change(db);
      for (const id of await ids(db)) await this.scope.dialect.search.index(db, id);
    });
  }

  searchDatasets(query: SearchQuery): Promise<SearchResult<Dataset>> {
    return this.scope.dialect.search.search(this.db, query);
  }

  async createOrganization(o: Organization): Promise<void> {
    await this.db.insertInto('organizations').values({ id: o.id, slug: o.slug, name: o.name, description: o.description, created_at: o.createdAt }).execute();
  }

  async getOrganization(idOrSlug: string): Promise<Organization | undefined> {
    const r = await this.db.selectFrom('organizations').selectAll().where((e) => e.or([e('id', '=', idOrSlug), e('slug', '=', idOrSlug)])).executeTakeFirst();
    return r && toOrganization(r);
  }

  async listOrganizations(): Promise<Organization[]> {
    return (await this.db.selectFrom('organizations').selectAll().orderBy('name').execute()).map(toOrganization);
  }

  async updateOrganization(id: string, patch: Partial<Pick<Organization, 'name' | 'description'>>): Promise<void> {
    await this.reindexing(async (db) => (await db.selectFrom('datasets').select('id').where('organization_id', '=', id).execute()).map((r) => r.id), async (db) => {
      const values = { ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.description !== undefined ? { description: patch.description } : {}) };
      if (Object.keys(values).length) await db.updateTable('organizations').set(values).where('id', '=', id).execute();
    });
  }

  async createDataset(d: Dataset): Promise<void> {
    await this.reindexing(() => [d.id], async (db) => {
      // A four-by-four another dataset drew already is left out: that one keeps it (ADR 43).
      const code = fourByFour(d.id);
      const taken = await db.selectFrom('datasets').select('id').where('four_by_four', '=', code).executeTakeFirst();
      await db.insertInto('datasets').values({ ...(datasetColumns(d) as Required<ReturnType<typeof datasetColumns>>), four_by_four: taken ? null : code }).execute();
    });
  }

  async getDataset(idOrSlug: string): Promise<Dataset | undefined> {
    const r = await this.db.selectFrom('datasets').selectAll().where((e) => e.or([e('id', '=', idOrSlug), e('slug', '=', idOrSlug)])).executeTakeFirst();
    if (r) return toDataset(r);
    // A Socrata client asks by four-by-four (ADR 43); an id or a slug comes first.
    if (!FOUR_BY_FOUR.test(idOrSlug)) return undefined;
    const coded = await this.db.selectFrom('datasets').selectAll().where('four_by_four', '=', idOrSlug).executeTakeFirst();
    return coded && toDataset(coded);
  }

  async getDatasets(ids: string[]): Promise<Dataset[]> {
    if (!ids.length) return [];
    const rows = (await this.db.selectFrom('datasets').selectAll().where('id', 'in', ids).execute()).map(toDataset);
    const byId = new Map(rows.map((d) => [d.id, d]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async listDatasets(q: DatasetListQuery): Promise<{ total: number; results: Dataset[] }> {
    let base = this.db.selectFrom('datasets');
    if (q.organizationId) base = base.where('organization_id', '=', q.organizationId);
    const total = await base.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base.selectAll().orderBy('updated_at', 'desc').orderBy('slug').limit(q.limit).offset(q.offset).execute();
    return { total: Number(total.n), results: rows.map(toDataset) };
  }

  async updateDataset(id: string, patch: DatasetPatch): Promise<void> {
    await this.reindexing(() => [id], async (db) => {
      const values = datasetColumns(patch);
      if (Object.keys(values).length) await db.updateTable('datasets').set(values).where('id', '=', id).execute();
    });
  }

  async deleteDataset(id: string): Promise<void> {
    await this.reindexing(() => [id], async (db) => {
      await db.deleteFrom('data_dictionary').where('dataset_id', '=', id).execute();
      await db.updateTable('datasets').set({ live_version_id: null }).where('id', '=', id).execute();
      await db.deleteFrom('versions').where('dataset_id', '=', id).execute();
      await db.deleteFrom('resources').where('dataset_id', '=', id).execute();
      await db.deleteFrom('datasets').where('id', '=', id).execute();
    });
  }

  async setLiveVersion(datasetId: string, versionId: string, at: string): Promise<void> {
    await this.reindexing(() => [datasetId], async (db) => {
      await db.updateTable('datasets').set({ live_version_id: versionId, updated_at: at, data_updated_at: at }).where('id', '=', datasetId).execute();
    });
  }

  async addPopularity(datasetId: string, by: number): Promise<void> {
    await this.db.updateTable('datasets').set((e) => ({ popularity: e('popularity', '+', by) })).where('id', '=', datasetId).execute();
  }

  async getDictionary(datasetId: string): Promise<DictionaryEntry[]> {
    return (await this.db.selectFrom('data_dictionary').selectAll().where('dataset_id', '=', datasetId).orderBy('column_name').execute()).map(toDictionaryEntry);
  }

  async putDictionary(datasetId: string, entries: DictionaryEntry[]): Promise<void> {
    await this.reindexing(() => [datasetId], async (db) => {
      for (const e of entries) {
        const row = { dataset_id: datasetId, column_name: e.column, label: e.label, description: e.description, unit: e.unit, role: e.role ?? null };
        await db
          .insertInto('data_dictionary')
          .values(row)
          .onConflict((oc) => oc.columns(['dataset_id', 'column_name']).doUpdateSet({ label: e.label, description: e.description, unit: e.unit, role: e.role ?? null }))
          .execute();
      }
    });
  }

  createResource(r: Resource): Promise<void> {
    return this.insertResources([r]);
  }

  createResources(rs: Resource[]): Promise<void> {
    return this.insertResources(rs);
  }

  /** Both of the above (not one through the other: each public method tells pages of its change once). */
  private async insertResources(rs: Resource[]): Promise<void> {
    if (!rs.length) return;
    // Re-indexing a dataset reads and stems all its text: once per dataset, not once per resource.
    await this.reindexing(() => [...new Set(rs.map((r) => r.datasetId))], async (db) => {
      for (const r of rs) {
        await db
          .insertInto('resources')
          .values({
            id: r.id,
            dataset_id: r.datasetId,
            kind: r.kind,
            name: r.name,
            description: r.description,
            source_url: r.sourceUrl,
            blob_key: r.blobKey,
            size_bytes: r.sizeBytes,
            format: r.format,
            created_at: r.createdAt,
          })
          .execute();
      }
    });
  }

  async getResource(id: string): Promise<Resource | undefined> {
    const r = await this.db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toResource(r);
  }

  async listResources(datasetId: string): Promise<Resource[]> {
    return (await this.db.selectFrom('resources').selectAll().where('dataset_id', '=', datasetId).orderBy('created_at', 'desc').orderBy('id').execute()).map(toResource);
  }

  async listResourcesOf(datasetIds: string[]): Promise<Resource[]> {
    if (!datasetIds.length) return [];
    const rows = await this.db.selectFrom('resources').selectAll().where('dataset_id', 'in', datasetIds).orderBy('dataset_id').orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(toResource);
  }

  async deleteResource(id: string): Promise<void> {
    await this.reindexing(async (db) => (await db.selectFrom('resources').select('dataset_id').where('id', '=', id).execute()).map((r) => r.dataset_id), async (db) => {
      await db.updateTable('versions').set({ resource_id: null }).where('resource_id', '=', id).execute();
      await db.deleteFrom('resources').where('id', '=', id).execute();
    });
  }

  async createVersion(v: NewVersion, at: string): Promise<Version> {
    return this.scope.atomically(async (db) => {
      // Locks the dataset's row until the transaction ends, so versions of one
      // dataset created at the same time get consecutive numbers on PostgreSQL
      // (SQLite runs one write transaction at a time already).
      await db.updateTable('datasets').set((e) => ({ updated_at: e.ref('updated_at') })).where('id', '=', v.datasetId).execute();
      const last = await db.selectFrom('versions').select((e) => e.fn.max('number').as('n')).where('dataset_id', '=', v.datasetId).executeTakeFirst();
      const row = {
        id: v.id,
        dataset_id: v.datasetId,
        number: Number(last?.n ?? 0) + 1,
        status: 'pending',
        resource_id: v.resourceId,
        row_count: null,
        rejected_count: 0,
        columns: '[]',
        profile: '{}',
        source: null,
        warnings: '[]',
        data_key: null,
        rejects_key: null,
        error: null,
        type_overrides: JSON.stringify(v.typeOverrides),
        created_at: at,
        completed_at: null,
      };
      await db.insertInto('versions').values(row).execute();
      return toVersion(row);
    });
  }

  async getVersion(id: string): Promise<Version | undefined> {
    const r = await this.db.selectFrom('versions').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toVersion(r);
  }

  async getVersions(ids: string[]): Promise<Version[]> {
    if (!ids.length) return [];
    return (await this.db.selectFrom('versions').selectAll().where('id', 'in', ids).execute()).map(toVersion);
  }

  async listVersions(datasetId: string): Promise<Version[]> {
    return (await this.db.selectFrom('versions').selectAll().where('dataset_id', '=', datasetId).orderBy('number', 'desc').execute()).map(toVersion);
  }

  async completeVersion(id: string, d: VersionCompletion, at: string): Promise<void> {
    await this.db
      .updateTable('versions')
      .set({
        status: 'ready',
        row_count: d.rowCount,
        rejected_count: d.rejectedCount,
        columns: JSON.stringify(d.columns),
        profile: JSON.stringify(d.profile),
        source: JSON.stringify(d.source),
        warnings: JSON.stringify(d.warnings),
        data_key: d.dataKey,
        rejects_key: d.rejectsKey,
        completed_at: at,
      })
      .where('id', '=', id)
      .execute();
  }

  async failVersion(id: string, error: string, at: string): Promise<void> {
    await this.db.updateTable('versions').set({ status: 'failed', error, completed_at: at }).where('id', '=', id).execute();
  }
}
