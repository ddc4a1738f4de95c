import type { Champion, ChampionTier } from '../../domain/program/champions.ts';

export interface ChampionQuery {
  /** Only published profiles (the directory); all when false (staff). */
  publishedOnly: boolean;
  tier?: ChampionTier;
  /** One of the catalog's themes. */
  topic?: string;
  organizationId?: string;
  limit: number;
  offset: number;
}

/** A champion named on a dataset's page. */
export interface DatasetChampion {
  id: string;
  slug: string;
  name: string;
  tier: ChampionTier;
}

/** A champion named on a project's page. */
export type ProjectChampion = DatasetChampion;

/** The directory of data champions and the datasets and projects each looks after. */
export interface ChampionStore {
  /** Keeps a profile with its datasets and projects, in one transaction. */
  createChampion(c: Champion): Promise<void>;
  /** Replaces a profile, its datasets and its projects. */
  updateChampion(c: Champion): Promise<void>;
  /** By id or slug. */
  getChampion(idOrSlug: string): Promise<Champion | undefined>;
  /** The profile linked to an account. */
  getChampionOfUser(userId: string): Promise<Champion | undefined>;
  /** By name; `total` counts every match. */
  listChampions(q: ChampionQuery): Promise<{ total: number; results: Champion[] }>;
  /** The ids of the datasets a champion looks after, in the order kept. */
  listChampionDatasets(championId: string): Promise<string[]>;
  /** The published champions looking after a dataset, by name (one indexed query). */
  championsOfDataset(datasetId: string): Promise<DatasetChampion[]>;
  /** The published champions looking after a project, by name (one indexed query). */
  championsOfProject(projectId: string): Promise<ProjectChampion[]>;
  /** Whether a slug is taken. */
  championSlugTaken(slug: string): Promise<boolean>;
}
