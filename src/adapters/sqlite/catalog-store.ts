import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, type Transaction } from 'kysely';
import type { ApiToken, Dataset, Job, Organization, Resource, Version } from '../../domain/catalog/types.ts';
import type { CatalogStore, DatasetListQuery, JobPatch, NewVersion, VersionCompletion } from '../../ports/catalog-store.ts';
import { migrations } from './migrations.ts';
import { toDataset, toJob, toOrganization, toResource, toToken, toVersion } from './rows.ts';
import type { CatalogDb } from './schema.ts';

type Db = Kysely<CatalogDb> | Transaction<CatalogDb>;

/** The catalog on an embedded SQLite file (WAL), through Kysely. */
export class SqliteCatalogStore implements CatalogStore {
  private constructor(
    private readonly db: Db,
    private readonly root: Kysely<CatalogDb>,
    private readonly inTransaction: boolean,
  ) {}

  /** Opens (creating if needed) the database at `path` and brings its schema up to date. */
  static async open(path: string): Promise<SqliteCatalogStore> {
    const sqlite = new Database(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<CatalogDb>({ dialect: new SqliteDialect({ database: sqlite }) });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return new SqliteCatalogStore(db, db, false);
  }

  async transaction<T>(fn: (tx: CatalogStore) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.root.transaction().execute((trx) => fn(new SqliteCatalogStore(trx, this.root, true)));
  }

  async createOrganization(o: Organization): Promise<void> {
    await this.db.insertInto('organizations').values({ id: o.id, slug: o.slug, name: o.name, created_at: o.createdAt }).execute();
  }

  async getOrganization(idOrSlug: string): Promise<Organization | undefined> {
    const r = await this.db.selectFrom('organizations').selectAll().where((e) => e.or([e('id', '=', idOrSlug), e('slug', '=', idOrSlug)])).executeTakeFirst();
    return r && toOrganization(r);
  }

  async listOrganizations(): Promise<Organization[]> {
    return (await this.db.selectFrom('organizations').selectAll().orderBy('name').execute()).map(toOrganization);
  }

  async createDataset(d: Dataset): Promise<void> {
    await this.db
      .insertInto('datasets')
      .values({
        id: d.id,
        slug: d.slug,
        organization_id: d.organizationId,
        title: d.title,
        description: d.description,
        live_version_id: d.liveVersionId,
        created_at: d.createdAt,
        updated_at: d.updatedAt,
      })
      .execute();
  }

  async getDataset(idOrSlug: string): Promise<Dataset | undefined> {
    const r = await this.db.selectFrom('datasets').selectAll().where((e) => e.or([e('id', '=', idOrSlug), e('slug', '=', idOrSlug)])).executeTakeFirst();
    return r && toDataset(r);
  }

  async listDatasets(q: DatasetListQuery): Promise<{ total: number; results: Dataset[] }> {
    let base = this.db.selectFrom('datasets');
    if (q.organizationId) base = base.where('organization_id', '=', q.organizationId);
    const total = await base.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await base.selectAll().orderBy('updated_at', 'desc').orderBy('slug').limit(q.limit).offset(q.offset).execute();
    return { total: Number(total.n), results: rows.map(toDataset) };
  }

  async updateDataset(id: string, patch: Partial<Pick<Dataset, 'title' | 'description' | 'updatedAt'>>): Promise<void> {
    const values: Partial<CatalogDb['datasets']> = {};
    if (patch.title !== undefined) values.title = patch.title;
    if (patch.description !== undefined) values.description = patch.description;
    if (patch.updatedAt !== undefined) values.updated_at = patch.updatedAt;
    if (Object.keys(values).length) await this.db.updateTable('datasets').set(values).where('id', '=', id).execute();
  }

  async setLiveVersion(datasetId: string, versionId: string, at: string): Promise<void> {
    await this.db.updateTable('datasets').set({ live_version_id: versionId, updated_at: at }).where('id', '=', datasetId).execute();
  }

  async createResource(r: Resource): Promise<void> {
    await this.db
      .insertInto('resources')
      .values({
        id: r.id,
        dataset_id: r.datasetId,
        kind: r.kind,
        name: r.name,
        source_url: r.sourceUrl,
        blob_key: r.blobKey,
        size_bytes: r.sizeBytes,
        format: r.format,
        created_at: r.createdAt,
      })
      .execute();
  }

  async getResource(id: string): Promise<Resource | undefined> {
    const r = await this.db.selectFrom('resources').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toResource(r);
  }

  async listResources(datasetId: string): Promise<Resource[]> {
    return (await this.db.selectFrom('resources').selectAll().where('dataset_id', '=', datasetId).orderBy('created_at', 'desc').execute()).map(toResource);
  }

  async createVersion(v: NewVersion, at: string): Promise<Version> {
    return this.transaction(async (tx) => {
      const self = tx as SqliteCatalogStore;
      const last = await self.db.selectFrom('versions').select((e) => e.fn.max('number').as('n')).where('dataset_id', '=', v.datasetId).executeTakeFirst();
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
      await self.db.insertInto('versions').values(row).execute();
      return toVersion(row);
    });
  }

  async getVersion(id: string): Promise<Version | undefined> {
    const r = await this.db.selectFrom('versions').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toVersion(r);
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

  async createJob(j: Job): Promise<void> {
    await this.db
      .insertInto('jobs')
      .values({
        id: j.id,
        type: j.type,
        status: j.status,
        phase: j.phase,
        rows_read: j.rowsRead,
        rows_rejected: j.rowsRejected,
        errors: JSON.stringify(j.errors),
        payload: JSON.stringify(j.payload),
        result: j.result === null ? null : JSON.stringify(j.result),
        created_at: j.createdAt,
        started_at: j.startedAt,
        finished_at: j.finishedAt,
      })
      .execute();
  }

  async getJob(id: string): Promise<Job | undefined> {
    const r = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toJob(r);
  }

  async updateJob(id: string, p: JobPatch): Promise<void> {
    const values: Partial<Omit<CatalogDb['jobs'], 'seq'>> = {};
    if (p.status !== undefined) values.status = p.status;
    if (p.phase !== undefined) values.phase = p.phase;
    if (p.rowsRead !== undefined) values.rows_read = p.rowsRead;
    if (p.rowsRejected !== undefined) values.rows_rejected = p.rowsRejected;
    if (p.errors !== undefined) values.errors = JSON.stringify(p.errors);
    if (p.result !== undefined) values.result = p.result === null ? null : JSON.stringify(p.result);
    if (p.startedAt !== undefined) values.started_at = p.startedAt;
    if (p.finishedAt !== undefined) values.finished_at = p.finishedAt;
    if (Object.keys(values).length) await this.db.updateTable('jobs').set(values).where('id', '=', id).execute();
  }

  async claimJob(at: string): Promise<Job | undefined> {
    const r = await this.db
      .updateTable('jobs')
      .set({ status: 'running', started_at: at })
      .where('seq', '=', (e) => e.selectFrom('jobs').select('seq').where('status', '=', 'queued').orderBy('seq').limit(1))
      .where('status', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
    return r && toJob(r);
  }

  async requeueRunningJobs(): Promise<number> {
    const r = await this.db.updateTable('jobs').set({ status: 'queued', phase: 'queued', started_at: null }).where('status', '=', 'running').executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async createToken(t: ApiToken): Promise<void> {
    await this.db.insertInto('api_tokens').values({ id: t.id, name: t.name, token_hash: t.tokenHash, scope: t.scope, created_at: t.createdAt }).execute();
  }

  async findTokenByHash(hash: string): Promise<ApiToken | undefined> {
    const r = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
    return r && toToken(r);
  }

  async countTokens(): Promise<number> {
    const r = await this.db.selectFrom('api_tokens').select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async close(): Promise<void> {
    if (!this.inTransaction) await this.root.destroy();
  }
}
