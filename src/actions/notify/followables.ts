import type { FollowableKind } from '../../domain/activity/types.ts';
import { canSeeProblem } from '../../domain/community/policy.ts';
import { canSeeRequest } from '../../domain/community/request-policy.ts';
import { notFound } from '../../domain/errors.ts';
import type { Deps, Principal } from '../deps.ts';

/** A community item as a follower sees it: what it is called and where its page is. */
export interface FollowedItem {
  id: string;
  title: string;
  /** The item's page on the site, such as `/problems/7f3a…`. */
  path: string;
}

/** How one kind of community item is followed: the subscriptions, the notifier and the feeds ask it. */
export interface Followable {
  /** The item, when the principal may see it now; undefined when it is gone or hidden from them. */
  seenBy(deps: Deps, p: Principal, id: string): Promise<FollowedItem | undefined>;
}

const problems: Followable = {
  async seenBy(deps, p, id) {
    const problem = await deps.catalog.problems.getProblem(id);
    if (!problem || !canSeeProblem(p, problem)) return undefined;
    return { id: problem.id, title: problem.title, path: `/problems/${encodeURIComponent(problem.id)}` };
  },
};

const requests: Followable = {
  async seenBy(deps, p, id) {
    const request = await deps.catalog.requests.getRequest(id);
    if (!request || !canSeeRequest(p, request)) return undefined;
    return { id: request.id, title: request.title, path: `/requests/${encodeURIComponent(request.id)}` };
  },
};

const programEvents: Followable = {
  async seenBy(deps, _p, id) {
    const event = await deps.catalog.events.getEvent(id);
    return event && { id: event.id, title: event.title, path: `/events/${encodeURIComponent(event.slug)}` };
  },
};

/** Projects are public: anybody may follow one. */
const projects: Followable = {
  async seenBy(deps, _p, id) {
    const project = await deps.catalog.projects.getProject(id);
    return project && { id: project.id, title: project.title, path: `/projects/${encodeURIComponent(project.slug)}` };
  },
};

/**
 * The kinds of community item a person may follow one by one. A kind joins by
 * adding its entry here; until then, following one is refused.
 */
export const FOLLOWABLES: { readonly [K in FollowableKind]?: Followable } = { problem: problems, request: requests, event: programEvents, project: projects };

const NOUNS: Record<FollowableKind, string> = { problem: 'Problem', request: 'Request', event: 'Event', project: 'Project' };

/** The item of that kind the principal may see, or "not found" (hidden items are not found, as on their pages). */
export async function followedItem(deps: Deps, p: Principal, kind: FollowableKind, id: string): Promise<FollowedItem> {
  const item = await FOLLOWABLES[kind]?.seenBy(deps, p, id);
  if (!item) throw notFound(NOUNS[kind], id);
  return item;
}
