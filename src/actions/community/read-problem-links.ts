import { canSeeDataset, visibilityOf } from '../../domain/accounts/policy.ts';
import type { Dataset } from '../../domain/catalog/types.ts';
import { canSeeProblem } from '../../domain/community/policy.ts';
import type { Problem } from '../../domain/community/problems.ts';
import { canSeeRequest } from '../../domain/community/request-policy.ts';
import type { DatasetRequest } from '../../domain/community/requests.ts';
import type { Deps, Principal } from '../deps.ts';

/** A dataset linked to a problem, with when it was linked. */
export interface LinkedDataset {
  dataset: Dataset;
  linkedAt: string;
}

/** The datasets linked to a problem that the principal may see, oldest link first. */
export async function linkedDatasets(deps: Deps, p: Principal, problemId: string): Promise<LinkedDataset[]> {
  const links = (await deps.catalog.problemLinks.listProblemLinks(problemId)).filter((l) => l.kind === 'dataset');
  const found = await Promise.all(links.map(async (l) => ({ dataset: await deps.catalog.datasets.getDataset(l.targetId), linkedAt: l.linkedAt })));
  return found.flatMap((f) => (f.dataset && canSeeDataset(p, f.dataset) ? [{ dataset: f.dataset, linkedAt: f.linkedAt }] : []));
}

/** The problems a dataset bears on (linked to it, not merged away) that the principal may see, newest link first. */
export async function problemsBearingOn(deps: Deps, p: Principal, datasetId: string): Promise<Problem[]> {
  const ids = await deps.catalog.problemLinks.problemsLinkedTo('dataset', datasetId);
  const problems = await Promise.all(ids.map((id) => deps.catalog.problems.getProblem(id)));
  return problems.filter((x): x is Problem => x !== undefined && canSeeProblem(p, x));
}

/** The most datasets the link form offers. */
export const MAX_LINKABLE = 500;

/** The datasets a triager may link: the published ones they see, by title, without those linked already. */
export async function linkableDatasets(deps: Deps, p: Principal, linked: readonly LinkedDataset[]): Promise<Array<{ id: string; slug: string; title: string }>> {
  const page = await deps.catalog.datasets.searchDatasets({ filters: {}, visibility: visibilityOf(p), statuses: ['published'], sort: 'title', limit: MAX_LINKABLE, offset: 0, facets: [], facetLimit: 0 });
  const taken = new Set(linked.map((l) => l.dataset.id));
  return page.results.filter((d) => !taken.has(d.id)).map((d) => ({ id: d.id, slug: d.slug, title: d.title }));
}

/** A request linked to a problem, with when it was linked. */
export interface LinkedRequest {
  request: DatasetRequest;
  linkedAt: string;
}

/** The requests linked to a problem that the principal may see, oldest link first. */
export async function linkedRequests(deps: Deps, p: Principal, problemId: string): Promise<LinkedRequest[]> {
  const links = (await deps.catalog.problemLinks.listProblemLinks(problemId)).filter((l) => l.kind === 'request');
  const found = await Promise.all(links.map(async (l) => ({ request: await deps.catalog.requests.getRequest(l.targetId), linkedAt: l.linkedAt })));
  return found.flatMap((f) => (f.request && canSeeRequest(p, f.request) ? [{ request: f.request, linkedAt: f.linkedAt }] : []));
}

/** The problems a request bears on (linked to it, not merged away) that the principal may see, newest link first. */
export async function problemsBearingOnRequest(deps: Deps, p: Principal, requestId: string): Promise<Problem[]> {
  const ids = await deps.catalog.problemLinks.problemsLinkedTo('request', requestId);
  const problems = await Promise.all(ids.map((id) => deps.catalog.problems.getProblem(id)));
  return problems.filter((x): x is Problem => x !== undefined && canSeeProblem(p, x));
}
