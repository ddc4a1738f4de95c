import type { AccountStore } from './store/accounts.ts';
import type { ActivityStore } from './store/activity.ts';
import type { DatasetStore } from './store/datasets.ts';
import type { JobStore } from './store/jobs.ts';
import type { ProblemStore } from './store/problems.ts';
import type { RequestStore } from './store/requests.ts';
import type { ReportStore } from './store/reports.ts';
import type { ProblemLinkStore } from './store/problem-links.ts';
import type { SiteStore } from './store/site.ts';
import type { ShowcaseStore } from './store/showcases.ts';
import type { ChampionStore } from './store/champions.ts';
import type { ProgramStore } from './store/program.ts';
import type { EcosystemStore } from './store/ecosystem.ts';
import type { EventStore } from './store/events.ts';
import type { ProjectStore } from './store/projects.ts';
import type { HarvestStore } from './store/harvest.ts';

export type { DatasetListQuery, DatasetPatch, NewVersion, VersionCompletion } from './store/datasets.ts';
export type { UserPatch } from './store/accounts.ts';
export type { ActivityQuery, DeliveryPatch } from './store/activity.ts';
export type { JobPatch } from './store/jobs.ts';
export type { ProblemPatch, ProblemQuery } from './store/problems.ts';
export type { RequestPatch, RequestQuery } from './store/requests.ts';
export type { ShowcaseQuery } from './store/showcases.ts';
export type { ChampionQuery } from './store/champions.ts';
export type { HarvestNotes, HarvestRunPatch, HarvestSourcePatch } from './store/harvest.ts';

/**
 * The catalog's areas, each its own port in `store/`. An area added here is
 * implemented by one SQL class registered in `adapters/sql/areas.ts` (the
 * compiler checks the two lists match).
 */
export interface CatalogAreas {
  datasets: DatasetStore;
  accounts: AccountStore;
  activity: ActivityStore;
  jobs: JobStore;
  site: SiteStore;
  problems: ProblemStore;
  requests: RequestStore;
  showcases: ShowcaseStore;
  reports: ReportStore;
  problemLinks: ProblemLinkStore;
  champions: ChampionStore;
  program: ProgramStore;
  ecosystem: EcosystemStore;
  events: EventStore;
  projects: ProjectStore;
  harvest: HarvestStore;
}

/**
 * The catalog database: datasets and search, accounts, activity and
 * notifications, jobs, the site's settings and the problem inventory, one area each
 * (`catalog.datasets.getDataset(…)`). Implementations: SQLite (embedded) and
 * PostgreSQL, both checked by one contract test suite per area. Every method
 * runs in the store's own transaction unless it is called on the store given
 * to `transaction`.
 */
export interface CatalogStore extends Readonly<CatalogAreas> {
  transaction<T>(fn: (tx: CatalogStore) => Promise<T>): Promise<T>;
  /**
   * Calls `listener` after each change this store makes to what pages show
   * (a dataset, a version, an organization, the site's settings…): once a
   * method outside a transaction settles, or once a transaction that made any
   * commits. Failed writes outside a transaction count, as they may have done
   * part of their work; a rolled back transaction does not.
   */
  onPagesChanged(listener: () => void): void;
  /** Answers when the database does (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
