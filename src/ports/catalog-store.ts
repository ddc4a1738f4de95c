import type { ApiToken, Dataset, Job, Organization, Resource, Version } from '../domain/catalog/types.ts';
import type { ColumnType } from '../domain/table/types.ts';

export interface NewVersion {
  id: string;
  datasetId: string;
  resourceId: string | null;
  typeOverrides: Record<string, ColumnType>;
}

export type VersionCompletion = Pick<
  Version,
  'rowCount' | 'rejectedCount' | 'columns' | 'profile' | 'source' | 'warnings' | 'dataKey' | 'rejectsKey'
>;

export type JobPatch = Partial<Pick<Job, 'status' | 'phase' | 'rowsRead' | 'rowsRejected' | 'errors' | 'result' | 'startedAt' | 'finishedAt'>>;

export interface DatasetListQuery {
  limit: number;
  offset: number;
  organizationId?: string;
}

/**
 * The catalog: organizations, datasets, resources, versions, jobs and tokens.
 * Implementations: SQLite (embedded) and, later, PostgreSQL. Every method
 * runs in the store's own transaction unless it is called on the store given
 * to `transaction`.
 */
export interface CatalogStore {
  transaction<T>(fn: (tx: CatalogStore) => Promise<T>): Promise<T>;

  createOrganization(org: Organization): Promise<void>;
  getOrganization(idOrSlug: string): Promise<Organization | undefined>;
  listOrganizations(): Promise<Organization[]>;

  createDataset(dataset: Dataset): Promise<void>;
  getDataset(idOrSlug: string): Promise<Dataset | undefined>;
  listDatasets(query: DatasetListQuery): Promise<{ total: number; results: Dataset[] }>;
  updateDataset(id: string, patch: Partial<Pick<Dataset, 'title' | 'description' | 'updatedAt'>>): Promise<void>;
  /** Makes `versionId` the live version; the caller runs it in the transaction that completes the version. */
  setLiveVersion(datasetId: string, versionId: string, at: string): Promise<void>;

  createResource(resource: Resource): Promise<void>;
  getResource(id: string): Promise<Resource | undefined>;
  listResources(datasetId: string): Promise<Resource[]>;

  createVersion(v: NewVersion, at: string): Promise<Version>;
  getVersion(id: string): Promise<Version | undefined>;
  /** Versions of a dataset, newest first. */
  listVersions(datasetId: string): Promise<Version[]>;
  completeVersion(id: string, done: VersionCompletion, at: string): Promise<void>;
  failVersion(id: string, error: string, at: string): Promise<void>;

  createJob(job: Job): Promise<void>;
  getJob(id: string): Promise<Job | undefined>;
  updateJob(id: string, patch: JobPatch): Promise<void>;
  /** Takes the oldest queued job, marking it running; undefined when none waits. */
  claimJob(at: string): Promise<Job | undefined>;
  /** Jobs left running by a process that stopped: put back in the queue. */
  requeueRunningJobs(): Promise<number>;

  createToken(token: ApiToken): Promise<void>;
  findTokenByHash(hash: string): Promise<ApiToken | undefined>;
  countTokens(): Promise<number>;

  close(): Promise<void>;
}
