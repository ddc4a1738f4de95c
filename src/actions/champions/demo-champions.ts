import type { Channel, ChampionTier } from '../../domain/program/champions.ts';
import { listOrganizations } from '../accounts/organizations.ts';
import { listProjects } from '../projects/read-projects.ts';
import type { Deps, Principal } from '../deps.ts';
import { siteThemes } from '../site/settings.ts';
import { createChampion } from './save-champion.ts';

/** One of the demo city's champions (demo/champions.json). */
export interface DemoChampion {
  name: string;
  tier: ChampionTier;
  /** A Plaza organization, by name; else `department` names where they belong. */
  organization?: string;
  department?: string;
  topics: string[];
  bio: string;
  channels: Array<Omit<Channel, 'place'> & { place?: string }>;
  /** Slugs of demo datasets. */
  datasets: string[];
  /** Titles of demo projects (seeded before the champions). */
  projects?: string[];
}

/**
 * Creates the demo city's champion profiles as program staff, published
 * (their consent noted as the demo's), through the action people use. A
 * dataset, project or topic the city no longer has is left out; projects are
 * looked up by title. Returns their slugs.
 */
export async function seedDemoChampions(deps: Deps, staff: Principal, entries: DemoChampion[]): Promise<string[]> {
  const organizations = await listOrganizations(deps);
  const themes = await siteThemes(deps);
  const projects = (await listProjects(deps, { limit: 100 })).results;
  const slugs: string[] = [];
  for (const e of entries) {
    const org = e.organization ? organizations.find((o) => o.name === e.organization) : undefined;
    const datasets: string[] = [];
    for (const d of e.datasets) if (await deps.catalog.datasets.getDataset(d)) datasets.push(d);
    const c = await createChampion(deps, staff, {
      name: e.name,
      tier: e.tier,
      organization: org?.slug ?? '',
      department: org ? '' : (e.department ?? e.organization ?? ''),
      topics: e.topics.filter((t) => themes.includes(t)),
      bio: e.bio,
      channels: e.channels,
      datasets,
      projects: (e.projects ?? []).flatMap((title) => projects.filter((x) => x.title === title).map((x) => x.slug)),
      published: true,
      consent: 'Agreed to the demo profile',
    });
    slugs.push(c.slug);
  }
  return slugs;
}
