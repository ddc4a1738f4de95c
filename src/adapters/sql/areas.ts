import type { CatalogAreas } from '../../ports/catalog-store.ts';
import { SqlAccounts } from './accounts.ts';
import { SqlActivity } from './activity.ts';
import type { AreaClass } from './area.ts';
import { SqlDatasets } from './datasets.ts';
import { SqlJobs } from './jobs.ts';
import { SqlProblems } from './problems.ts';
import { SqlRequests } from './requests.ts';
import { SqlReports } from './reports.ts';
import { SqlProblemLinks } from './problem-links.ts';
import { SqlSite } from './site.ts';
import { SqlShowcases } from './showcases.ts';
import { SqlChampions } from './champions.ts';
import { SqlProgram } from './program.ts';
import { SqlEcosystem } from './ecosystem.ts';
import { SqlEvents } from './events.ts';
import { SqlProjects } from './projects.ts';
import { SqlHarvest } from './harvest.ts';

/** The SQL class of each catalog area: an area of the port missing here, or one too many, does not compile. */
export const AREAS: { readonly [Name in keyof CatalogAreas]: AreaClass<CatalogAreas[Name]> } = {
  datasets: SqlDatasets,
  accounts: SqlAccounts,
  activity: SqlActivity,
  jobs: SqlJobs,
  site: SqlSite,
  problems: SqlProblems,
  requests: SqlRequests,
  showcases: SqlShowcases,
  reports: SqlReports,
  problemLinks: SqlProblemLinks,
  champions: SqlChampions,
  program: SqlProgram,
  ecosystem: SqlEcosystem,
  events: SqlEvents,
  projects: SqlProjects,
  harvest: SqlHarvest,
};
