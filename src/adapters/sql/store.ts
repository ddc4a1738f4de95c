import { sql, type Kysely } from 'kysely';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import * as accounts from './accounts.ts';
import * as activity from './activity.ts';
import * as datasets from './datasets.ts';
import type { Db, SqlDialect } from './dialect.ts';
import * as jobs from './jobs.ts';
import * as site from './site.ts';
import type { CatalogDb } from './schema.ts';

type Args<F> = F extends (db: Db, ...rest: infer A) => unknown ? A : never;

/**
 * The catalog store over Kysely: the same queries on SQLite and PostgreSQL,
 * with the dialect supplying job claiming and the search. Changes that alter
 * what search sees re-index the dataset in the same transaction.
 */
export class SqlCatalogStore implements CatalogStore {
  constructor(
    private readonly db: Db,
    private readonly dialect: SqlDialect,
    private readonly inTransaction: boolean,
    private readonly onClose: () => Promise<void>,
  ) {}

  static over(db: Kysely<CatalogDb>, dialect: SqlDialect, onClose: () => Promise<void>): SqlCatalogStore {
    return new SqlCatalogStore(db, dialect, false, onClose);
  }

  async transaction<T>(fn: (tx: CatalogStore) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return this.db.transaction().execute((trx) => fn(new SqlCatalogStore(trx, this.dialect, true, this.onClose)));
  }

  /** Runs a change and re-indexes the datasets it touched, atomically. */
  private async changing(ids: (db: Db) => Promise<string[]> | string[], change: (db: Db) => Promise<void>): Promise<void> {
    await this.transaction(async (tx) => {
      const db = (tx as SqlCatalogStore).db;
      await change(db);
      for (const id of await ids(db)) await this.dialect.search.index(db, id);
    });
  }

  async ping(): Promise<void> {
    await sql`SELECT 1`.execute(this.db);
  }

  async close(): Promise<void> {
    if (!this.inTransaction) await this.onClose();
  }

  // Organizations and datasets
  createOrganization = (...a: Args<typeof datasets.createOrganization>) => datasets.createOrganization(this.db, ...a);
  getOrganization = (...a: Args<typeof datasets.getOrganization>) => datasets.getOrganization(this.db, ...a);
  listOrganizations = () => datasets.listOrganizations(this.db);
  updateOrganization = (id: string, patch: Args<typeof datasets.updateOrganization>[1]) =>
    this.changing(
      async (db) => (await db.selectFrom('datasets').select('id').where('organization_id', '=', id).execute()).map((r) => r.id),
      (db) => datasets.updateOrganization(db, id, patch),
    );
  createDataset = (d: Args<typeof datasets.createDataset>[0]) => this.changing(() => [d.id], (db) => datasets.createDataset(db, d));
  getDataset = (...a: Args<typeof datasets.getDataset>) => datasets.getDataset(this.db, ...a);
  getDatasets = (...a: Args<typeof datasets.getDatasets>) => datasets.getDatasets(this.db, ...a);
  listDatasets = (...a: Args<typeof datasets.listDatasets>) => datasets.listDatasets(this.db, ...a);
  updateDataset = (id: string, patch: Args<typeof datasets.updateDataset>[1]) => this.changing(() => [id], (db) => datasets.updateDataset(db, id, patch));
  deleteDataset = (id: string) => this.changing(() => [id], (db) => datasets.deleteDataset(db, id));
  setLiveVersion = (datasetId: string, versionId: string, at: string) => this.changing(() => [datasetId], (db) => datasets.setLiveVersion(db, datasetId, versionId, at));
  addPopularity = (...a: Args<typeof datasets.addPopularity>) => datasets.addPopularity(this.db, ...a);
  searchDatasets = (...a: Args<SqlDialect['search']['search']>) => this.dialect.search.search(this.db, ...a);
  getDictionary = (...a: Args<typeof datasets.getDictionary>) => datasets.getDictionary(this.db, ...a);
  putDictionary = (datasetId: string, entries: Args<typeof datasets.putDictionary>[1]) => this.changing(() => [datasetId], (db) => datasets.putDictionary(db, datasetId, entries));
  createResource = (r: Args<typeof datasets.createResource>[0]) => this.changing(() => [r.datasetId], (db) => datasets.createResource(db, r));
  getResource = (...a: Args<typeof datasets.getResource>) => datasets.getResource(this.db, ...a);
  listResources = (...a: Args<typeof datasets.listResources>) => datasets.listResources(this.db, ...a);
  deleteResource = (id: string) =>
    this.changing(
      async (db) => (await db.selectFrom('resources').select('dataset_id').where('id', '=', id).execute()).map((r) => r.dataset_id),
      (db) => datasets.deleteResource(db, id),
    );
  createVersion = (...a: Args<typeof datasets.createVersion>) => this.transaction((tx) => datasets.createVersion((tx as SqlCatalogStore).db, ...a));
  getVersion = (...a: Args<typeof datasets.getVersion>) => datasets.getVersion(this.db, ...a);
  getVersions = (...a: Args<typeof datasets.getVersions>) => datasets.getVersions(this.db, ...a);
  listVersions = (...a: Args<typeof datasets.listVersions>) => datasets.listVersions(this.db, ...a);
  completeVersion = (...a: Args<typeof datasets.completeVersion>) => datasets.completeVersion(this.db, ...a);
  failVersion = (...a: Args<typeof datasets.failVersion>) => datasets.failVersion(this.db, ...a);

  // Accounts
  createUser = (...a: Args<typeof accounts.createUser>) => accounts.createUser(this.db, ...a);
  getUser = (...a: Args<typeof accounts.getUser>) => accounts.getUser(this.db, ...a);
  findUserByEmail = (...a: Args<typeof accounts.findUserByEmail>) => accounts.findUserByEmail(this.db, ...a);
  listUsers = (...a: Args<typeof accounts.listUsers>) => accounts.listUsers(this.db, ...a);
  updateUser = (...a: Args<typeof accounts.updateUser>) => accounts.updateUser(this.db, ...a);
  countUsers = () => accounts.countUsers(this.db);
  putMembership = (...a: Args<typeof accounts.putMembership>) => accounts.putMembership(this.db, ...a);
  removeMembership = (...a: Args<typeof accounts.removeMembership>) => accounts.removeMembership(this.db, ...a);
  listMemberships = (...a: Args<typeof accounts.listMemberships>) => accounts.listMemberships(this.db, ...a);
  listMembers = (...a: Args<typeof accounts.listMembers>) => accounts.listMembers(this.db, ...a);
  createSession = (...a: Args<typeof accounts.createSession>) => accounts.createSession(this.db, ...a);
  getSession = (...a: Args<typeof accounts.getSession>) => accounts.getSession(this.db, ...a);
  touchSession = (...a: Args<typeof accounts.touchSession>) => accounts.touchSession(this.db, ...a);
  deleteSession = (...a: Args<typeof accounts.deleteSession>) => accounts.deleteSession(this.db, ...a);
  deleteUserSessions = (...a: Args<typeof accounts.deleteUserSessions>) => accounts.deleteUserSessions(this.db, ...a);
  createToken = (...a: Args<typeof accounts.createToken>) => accounts.createToken(this.db, ...a);
  findTokenByHash = (...a: Args<typeof accounts.findTokenByHash>) => accounts.findTokenByHash(this.db, ...a);
  listTokens = (...a: Args<typeof accounts.listTokens>) => accounts.listTokens(this.db, ...a);
  getToken = (...a: Args<typeof accounts.getToken>) => accounts.getToken(this.db, ...a);
  revokeToken = (...a: Args<typeof accounts.revokeToken>) => accounts.revokeToken(this.db, ...a);
  touchToken = (...a: Args<typeof accounts.touchToken>) => accounts.touchToken(this.db, ...a);
  countTokens = () => accounts.countTokens(this.db);
  createPasswordReset = (...a: Args<typeof accounts.createPasswordReset>) => accounts.createPasswordReset(this.db, ...a);
  findPasswordReset = (...a: Args<typeof accounts.findPasswordReset>) => accounts.findPasswordReset(this.db, ...a);
  usePasswordReset = (...a: Args<typeof accounts.usePasswordReset>) => accounts.usePasswordReset(this.db, ...a);
  countPasswordResets = (...a: Args<typeof accounts.countPasswordResets>) => accounts.countPasswordResets(this.db, ...a);
  purgeExpired = (...a: Args<typeof accounts.purgeExpired>) => accounts.purgeExpired(this.db, ...a);

  // Activity and notifications
  addActivity = (...a: Args<typeof activity.addActivity>) => activity.addActivity(this.db, ...a);
  listActivity = (...a: Args<typeof activity.listActivity>) => activity.listActivity(this.db, ...a);
  activitySince = (...a: Args<typeof activity.activitySince>) => activity.activitySince(this.db, ...a);
  createSubscription = (...a: Args<typeof activity.createSubscription>) => activity.createSubscription(this.db, ...a);
  getSubscription = (...a: Args<typeof activity.getSubscription>) => activity.getSubscription(this.db, ...a);
  listSubscriptions = (...a: Args<typeof activity.listSubscriptions>) => activity.listSubscriptions(this.db, ...a);
  subscriptionsFor = (...a: Args<typeof activity.subscriptionsFor>) => activity.subscriptionsFor(this.db, ...a);
  deleteSubscription = (...a: Args<typeof activity.deleteSubscription>) => activity.deleteSubscription(this.db, ...a);
  createDelivery = (...a: Args<typeof activity.createDelivery>) => activity.createDelivery(this.db, ...a);
  dueDeliveries = (...a: Args<typeof activity.dueDeliveries>) => activity.dueDeliveries(this.db, ...a);
  updateDelivery = (...a: Args<typeof activity.updateDelivery>) => activity.updateDelivery(this.db, ...a);
  listDeliveries = (...a: Args<typeof activity.listDeliveries>) => activity.listDeliveries(this.db, ...a);
  enqueueMail = (...a: Args<typeof activity.enqueueMail>) => activity.enqueueMail(this.db, ...a);
  dueMail = (...a: Args<typeof activity.dueMail>) => activity.dueMail(this.db, ...a);
  updateMail = (...a: Args<typeof activity.updateMail>) => activity.updateMail(this.db, ...a);
  getCursor = (...a: Args<typeof activity.getCursor>) => activity.getCursor(this.db, ...a);
  setCursor = (...a: Args<typeof activity.setCursor>) => activity.setCursor(this.db, ...a);

  // Jobs
  createJob = (...a: Args<typeof jobs.createJob>) => jobs.createJob(this.db, ...a);
  getJob = (...a: Args<typeof jobs.getJob>) => jobs.getJob(this.db, ...a);
  updateJob = (...a: Args<typeof jobs.updateJob>) => jobs.updateJob(this.db, ...a);
  claimJob = (at: string) => this.dialect.claimJob(this.db, at);
  requeueRunningJobs = () => jobs.requeueRunningJobs(this.db);

  // Site settings
  getSiteSettings = () => site.getSiteSettings(this.db);
  putSiteSettings = (values: Args<typeof site.putSiteSettings>[0]) => this.transaction((tx) => site.putSiteSettings((tx as SqlCatalogStore).db, values));
  publicRowCount = () => site.publicRowCount(this.db);
}
