import { anonymous } from '../../domain/accounts/principal.ts';
import { canSeeDataset } from '../../domain/accounts/policy.ts';
import { freshnessOf, type Freshness } from '../../domain/catalog/freshness.ts';
import type { Dataset, Organization } from '../../domain/catalog/types.ts';
import { notFound } from '../../domain/errors.ts';
import { canEditChampion, canSeeChampion, seesHiddenChannels } from '../../domain/program/champion-policy.ts';
import { publicProfile, type Champion, type ChampionTier } from '../../domain/program/champions.ts';
import { readsAsStaff } from '../../domain/program/policy.ts';
import type { Project } from '../../domain/program/projects.ts';
import type { DatasetChampion, ProjectChampion } from '../../ports/store/champions.ts';
import type { Deps, Principal } from '../deps.ts';

export interface ChampionListRequest {
  tier?: ChampionTier;
  topic?: string;
  /** An organization's slug or id. */
  organization?: string;
  limit?: number;
  offset?: number;
}

/** The profile as the principal may see it: hidden channels only for the person and program staff. */
export const asSeenBy = (p: Principal, c: Champion): Champion => (seesHiddenChannels(p, c) ? c : publicProfile(c));

/** The directory: published profiles by name, by tier, topic and organization; each showing only its shown channels. */
export async function listChampions(deps: Deps, p: Principal, r: ChampionListRequest = {}): Promise<{ total: number; results: Champion[] }> {
  const org = r.organization ? await deps.catalog.datasets.getOrganization(r.organization) : undefined;
  if (r.organization && !org) return { total: 0, results: [] };
  const page = await deps.catalog.champions.listChampions({
    publishedOnly: true,
    ...(r.tier ? { tier: r.tier } : {}),
    ...(r.topic ? { topic: r.topic } : {}),
    ...(org ? { organizationId: org.id } : {}),
    limit: Math.min(r.limit ?? 100, 200),
    offset: r.offset ?? 0,
  });
  return { total: page.total, results: page.results.map((c) => asSeenBy(p, c)) };
}

/** Whether a dataset is on time, overdue, or has never had its data updated. */
export type FreshnessState = 'on_time' | 'overdue' | 'never';

export interface ChampionDataset {
  dataset: Dataset;
  freshness: Freshness;
  state: FreshnessState;
}

/** A project a champion looks after, with the name of its current phase. */
export interface ChampionProject {
  project: Project;
  phase: string;
  launched: boolean;
}

export interface ChampionDetail {
  champion: Champion;
  organization: Organization | undefined;
  /** The public datasets they look after, each with its freshness. */
  datasets: ChampionDataset[];
  /** The projects they look after, by title. */
  projects: ChampionProject[];
  mayEdit: boolean;
}

export function freshnessState(f: Freshness): FreshnessState {
  if (!f.lastUpdated) return 'never';
  return f.overdue ? 'overdue' : 'on_time';
}

/** A profile the principal may see, unpublished ones being "not found" to all but the person and program staff. */
export async function visibleChampion(deps: Deps, p: Principal, idOrSlug: string): Promise<Champion> {
  const c = await deps.catalog.champions.getChampion(idOrSlug);
  if (!c || !canSeeChampion(p, c)) throw notFound('Champion', idOrSlug);
  return c;
}

/** One champion with their organization, the datasets they look after with each one's freshness, and their projects. */
export async function getChampion(deps: Deps, p: Principal, idOrSlug: string): Promise<ChampionDetail> {
  const c = await visibleChampion(deps, p, idOrSlug);
  const now = deps.clock.now();
  const datasets: ChampionDataset[] = [];
  for (const id of await deps.catalog.champions.listChampionDatasets(c.id)) {
    const dataset = await deps.catalog.datasets.getDataset(id);
    if (!dataset || !canSeeDataset(anonymous, dataset)) continue;
    const freshness = freshnessOf(dataset, now);
    datasets.push({ dataset, freshness, state: freshnessState(freshness) });
  }
  const projects: ChampionProject[] = [];
  for (const id of c.projectIds) {
    const project = await deps.catalog.projects.getProject(id);
    if (project) projects.push({ project, phase: project.phases.find((x) => x.key === project.currentPhase)?.name ?? project.currentPhase, launched: project.launch !== null });
  }
  projects.sort((a, b) => a.project.title.localeCompare(b.project.title));
  const organization = c.organizationId ? await deps.catalog.datasets.getOrganization(c.organizationId) : undefined;
  return { champion: asSeenBy(p, c), organization, datasets, projects, mayEdit: canEditChampion(p, c) };
}

/** The published champions looking after a dataset, for its page: one indexed query. */
export function championsOfDataset(deps: Deps, datasetId: string): Promise<DatasetChampion[]> {
  return deps.catalog.champions.championsOfDataset(datasetId);
}

/** The published champions looking after a project, for its page: one indexed query. */
export function championsOfProject(deps: Deps, projectId: string): Promise<ProjectChampion[]> {
  return deps.catalog.champions.championsOfProject(projectId);
}

/** The signed-in person's own profile, whole, if they have one. */
export async function ownChampion(deps: Deps, p: Principal): Promise<Champion | undefined> {
  return p.kind === 'user' ? deps.catalog.champions.getChampionOfUser(p.userId) : undefined;
}

/** Whether the principal is program staff, who may see every profile and create them for others. */
export const isProgramStaff = (p: Principal): boolean => readsAsStaff(p);
