import { canSeeRequest } from '../../../domain/community/request-policy.ts';
import { canSeeShowcase } from '../../../domain/community/showcase-policy.ts';
import { readsAsModerator } from '../../../domain/community/policy.ts';
import { setShowcaseHidden } from '../../showcases/hide-showcase.ts';
import type { ReportableKind } from './kind-types.ts';
import { setRequestCommentHidden, setRequestHidden } from './hide-request.ts';

const requestPath = (id: string): string => `/requests/${encodeURIComponent(id)}`;

/** A dataset request: hidden ones stay for moderators, the organization's editors and the asker. */
export const requestKind: ReportableKind = {
  async find(deps, p, id, store = deps.catalog) {
    const found = await store.requests.getRequest(id);
    if (!found || !canSeeRequest(p, found)) return undefined;
    return { kind: 'request', id: found.id, text: found.title, authorId: found.authorId, hidden: found.hidden, path: requestPath(found.id) };
  },
  async setHidden(deps, p, id, hidden, reason) {
    await setRequestHidden(deps, p, id, { hidden, reason });
  },
};

/** A comment on a dataset request: a hidden one is there for moderators only. */
export const requestCommentKind: ReportableKind = {
  async find(deps, p, id, store = deps.catalog) {
    const comment = await store.requests.getRequestComment(id);
    const parent = comment && (await store.requests.getRequest(comment.requestId));
    if (!comment || !parent || !canSeeRequest(p, parent)) return undefined;
    if (comment.hidden && !readsAsModerator(p)) return undefined;
    return { kind: 'request-comment', id: comment.id, text: comment.body, authorId: comment.authorId, hidden: comment.hidden, path: `${requestPath(parent.id)}#comment-${encodeURIComponent(comment.id)}` };
  },
  async setHidden(deps, p, id, hidden, reason) {
    await setRequestCommentHidden(deps, p, id, { hidden, reason });
  },
};

/** A showcase: hiding one takes it out of the gallery and the dataset pages (it is kept as rejected, with the reason). */
export const showcaseKind: ReportableKind = {
  async find(deps, p, id, store = deps.catalog) {
    const found = await store.showcases.getShowcase(id);
    if (!found || !canSeeShowcase(p, found)) return undefined;
    return { kind: 'showcase', id: found.id, text: found.title, authorId: found.authorId, hidden: found.state === 'rejected', path: `/showcases/${encodeURIComponent(found.id)}` };
  },
  async setHidden(deps, p, id, hidden, reason) {
    await setShowcaseHidden(deps, p, id, { hidden, reason });
  },
};
