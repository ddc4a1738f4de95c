import { isSiteAdmin } from '../../domain/accounts/policy.ts';
import type { Organization } from '../../domain/catalog/types.ts';
import type { HarvestRun, HarvestSource } from '../../domain/harvest/types.ts';
import type { Deps, Principal } from '../deps.ts';
import { getSource, listSources } from './sources.ts';

/** A source as lists show it: its organization, and its last run for site administrators (runs are theirs). */
export interface SourceView {
  source: HarvestSource;
  organization: Pick<Organization, 'id' | 'slug' | 'name'> | null;
  lastRun: HarvestRun | null;
}

async function viewsOf(deps: Deps, p: Principal, sources: HarvestSource[]): Promise<SourceView[]> {
  const orgs = new Map((await deps.catalog.datasets.listOrganizations()).map((o) => [o.id, o]));
  const admin = isSiteAdmin(p);
  const views: SourceView[] = [];
  for (const source of sources) {
    const org = orgs.get(source.organizationId);
    const lastRun = admin && source.lastRunId ? ((await deps.catalog.harvest.getRun(source.lastRunId)) ?? null) : null;
    views.push({ source, organization: org ? { id: org.id, slug: org.slug, name: org.name } : null, lastRun });
  }
  return views;
}

/** The sources a principal may see (`listSources`), each with its organization and last run. */
export async function listSourceViews(deps: Deps, p: Principal): Promise<SourceView[]> {
  return viewsOf(deps, p, await listSources(deps, p));
}

/** One source a principal may see (`getSource`), with its organization and last run. */
export async function sourceView(deps: Deps, p: Principal, id: string): Promise<SourceView> {
  const [view] = await viewsOf(deps, p, [await getSource(deps, p, id)]);
  return view!;
}

/** A source's run still queued or running, if any: at most one is, and a new run waits for it. */
export async function openRun(deps: Deps, p: Principal, sourceId: string): Promise<HarvestRun | undefined> {
  const source = await getSource(deps, p, sourceId);
  const [last] = await deps.catalog.harvest.listRuns(source.id, 1);
  return last && (last.status === 'queued' || last.status === 'running') ? last : undefined;
}
