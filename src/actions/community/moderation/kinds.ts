import { canSeeProblem, canTriageProblem, readsAsModerator } from '../../../domain/community/policy.ts';
import { setProblemHidden } from '../hide-problem.ts';
import { setCommentHidden } from './hide-comment.ts';
import type { ReportableKind } from './kind-types.ts';
import { requestKind, requestCommentKind, showcaseKind } from './more-kinds.ts';

export type { ReportableItem, ReportableKind } from './kind-types.ts';

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
  request: requestKind,
  'request-comment': requestCommentKind,
  showcase: showcaseKind,
};

export const REPORTABLE_KIND_NAMES: readonly string[] = Object.keys(REPORTABLE_KINDS);

/** The kind named, or undefined for a name no kind has. */
export const reportableKind = (name: string): ReportableKind | undefined => (Object.hasOwn(REPORTABLE_KINDS, name) ? REPORTABLE_KINDS[name] : undefined);
