import { canSeeProblem, canTriageProblem, readsAsModerator } from '../../../domain/community/policy.ts';
import type { CatalogStore } from '../../../ports/catalog-store.ts';
import type { Deps, Principal } from '../../deps.ts';
import { setProblemHidden } from '../hide-problem.ts';
import { setCommentHidden } from './hide-comment.ts';

/** A community item as reports and the moderators' queue see it. */
export interface ReportableItem {
  kind: string;
  id: string;
  /** What the queue shows of it: a problem's title, a comment's text. */
  text: string;
  authorId: string | null;
  hidden: boolean;
  /** The page it is on. */
  path: string;
}

/** One kind of item people may report and moderators hide: a new kind joins by one entry in `REPORTABLE_KINDS`. */
export interface ReportableKind {
  /** The item as the principal may see it, or undefined when it is not there for them. */
  find(deps: Deps, p: Principal, id: string, store?: CatalogStore): Promise<ReportableItem | undefined>;
  /** Hides the item or shows it again with the reason: kept in the activity stream, its author told. */
  setHidden(deps: Deps, p: Principal, id: string, hidden: boolean, reason: string): Promise<void>;
}

const problemPath = (id: string): string => `/problems/${encodeURIComponent(id)}`;

const problem: ReportableKind = {
  async find(deps, p, id, store = deps.catalog) {
    const found = await store.problems.getProblem(id);
    if (!found || !canSeeProblem(p, found)) return undefined;
    return { kind: 'problem', id: found.id, text: found.title, authorId: found.authorId, hidden: found.hidden, path: problemPath(found.id) };
  },
  async setHidden(deps, p, id, hidden, reason) {
    await setProblemHidden(deps, p, id, { hidden, reason });
  },
};

const problemComment: ReportableKind = {
  async find(deps, p, id, store = deps.catalog) {
    const comment = await store.problems.getComment(id);
    const parent = comment && (await store.problems.getProblem(comment.problemId));
    if (!comment || !parent || !canSeeProblem(p, parent)) return undefined;
    if (comment.hidden && !canTriageProblem(p, parent) && !readsAsModerator(p)) return undefined;
    return { kind: 'problem-comment', id: comment.id, text: comment.body, authorId: comment.authorId, hidden: comment.hidden, path: `${problemPath(parent.id)}#comment-${encodeURIComponent(comment.id)}` };
  },
  async setHidden(deps, p, id, hidden, reason) {
    await setCommentHidden(deps, p, id, { hidden, reason });
  },
};

/** Every kind of item that can be reported, by name. */
export const REPORTABLE_KINDS: Readonly<Record<string, ReportableKind>> = {
  problem,
  'problem-comment': problemComment,
};

export const REPORTABLE_KIND_NAMES: readonly string[] = Object.keys(REPORTABLE_KINDS);

/** The kind named, or undefined for a name no kind has. */
export const reportableKind = (name: string): ReportableKind | undefined => (Object.hasOwn(REPORTABLE_KINDS, name) ? REPORTABLE_KINDS[name] : undefined);
