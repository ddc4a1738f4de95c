import type { Dataset, DictionaryEntry, Organization, Resource, Version } from '../../domain/catalog/types.ts';
import type { SearchQuery, SearchResult } from '../../domain/catalog/search.ts';

export interface NewVersion {
  id: string;
  datasetId: string;
  resourceId: string | null;
  /** Per column: a type, or the formats to read it in. */
  typeOverrides: Record<string, string>;
}

export type VersionCompletion = Pick<
  Version,
  'rowCount' | 'rejectedCount' | 'columns' | 'profile' | 'source' | 'warnings' | 'dataKey' | 'rejectsKey'
>;

/** Fields of a dataset that may change after it is created. */
export type DatasetPatch = Partial<Omit<Dataset, 'id' | 'createdAt' | 'createdBy' | 'liveVersionId' | 'popularity'>>;

export interface DatasetListQuery {
  limit: number;
  offset: number;
  organizationId?: string;
}

/** Organizations, datasets, their resources, versions and dictionary, and the search over them. */
export interface DatasetStore {
  createOrganization(org: Organization): Promise<void>;
  getOrganization(idOrSlug: string): Promise<Organization | undefined>;
  listOrganizations(): Promise<Organization[]>;
  updateOrganization(id: string, patch: Partial<Pick<Organization, 'name' | 'description'>>): Promise<void>;

  createDataset(dataset: Dataset): Promise<void>;
  getDataset(idOrSlug: string): Promise<Dataset | undefined>;
  getDatasets(ids: string[]): Promise<Dataset[]>;
  /** Every dataset, newest change first, with no visibility filter: for the publisher's own tools and internal jobs. */
  listDatasets(query: DatasetListQuery): Promise<{ total: number; results: Dataset[] }>;
  updateDataset(id: string, patch: DatasetPatch): Promise<void>;
  deleteDataset(id: string): Promise<void>;
  /** Makes `versionId` the live version; the caller runs it in the transaction that completes the version. */
  setLiveVersion(datasetId: string, versionId: string, at: string): Promise<void>;
  /** Adds to a dataset's popularity (views and downloads). */
  addPopularity(datasetId: string, by: number): Promise<void>;

  /** The catalog search: relevance, typo tolerance, filters, facets, visibility. */
  searchDatasets(query: SearchQuery): Promise<SearchResult<Dataset>>;

  getDictionary(datasetId: string): Promise<DictionaryEntry[]>;
  /** Replaces the entries given (by column); other columns keep theirs. */
  putDictionary(datasetId: string, entries: DictionaryEntry[]): Promise<void>;

  createResource(resource: Resource): Promise<void>;
  /** Several resources at once, each dataset they belong to re-indexed once (a harvested dataset's links). */
  createResources(resources: Resource[]): Promise<void>;
  getResource(id: string): Promise<Resource | undefined>;
  listResources(datasetId: string): Promise<Resource[]>;
  /** The resources of several datasets in one query (for a page of a catalog), each dataset's newest first. */
  listResourcesOf(datasetIds: string[]): Promise<Resource[]>;
  deleteResource(id: string): Promise<void>;

  createVersion(v: NewVersion, at: string): Promise<Version>;
  getVersion(id: string): Promise<Version | undefined>;
  /** Several versions by id, in one query (for a page of results); missing ones are left out. */
  getVersions(ids: string[]): Promise<Version[]>;
  /** Versions of a dataset, newest first. */
  listVersions(datasetId: string): Promise<Version[]>;
  completeVersion(id: string, done: VersionCompletion, at: string): Promise<void>;
  failVersion(id: string, error: string, at: string): Promise<void>;
}
