import { canReviewShowcase, canSubmitShowcase } from '../../domain/community/showcase-policy.ts';
import type { Showcase } from '../../domain/community/showcases.ts';
import { recordActivity } from '../activity/record.ts';
import { deny, requireUser } from '../auth/authorize.ts';
import type { Deps, Principal } from '../deps.ts';
import { getPeer, peerShowcase, requirePlaza } from './browse-peer.ts';
import { fromPeer } from './copy-failure.ts';

/**
 * Copies one of a Plaza peer's showcases here as a starting point, with its
 * origin kept (ADR 52): like any submission it waits for a moderator, unless
 * a moderator copies it, whose copy is approved at once. The datasets it
 * uses are the peer's and its picture stays there: the copy names no
 * dataset and has no picture until someone adds them here.
 */
export async function copyPeerShowcase(deps: Deps, p: Principal, peerId: string, showcaseId: string): Promise<Showcase> {
  requireUser(p, 'Copying a showcase');
  if (!canSubmitShowcase(p)) deny(p, 'Copying a showcase needs a token with the write scope.');
  const peer = await getPeer(deps, p, peerId);
  requirePlaza(peer);
  const theirs = await fromPeer(peer.name, () => peerShowcase(deps, peer, showcaseId));
  const now = deps.clock.now().toISOString();
  const approved = canReviewShowcase(p);
  const showcase: Showcase = {
    id: deps.newId(),
    title: theirs.title.slice(0, 150),
    kind: theirs.kind,
    description: theirs.description.slice(0, 5000),
    link: theirs.link,
    madeBy: theirs.madeBy.slice(0, 200),
    image: null,
    imageAlt: '',
    state: approved ? 'approved' : 'pending',
    stateReason: null,
    authorId: p.userId,
    datasetIds: [],
    originUrl: theirs.pageUrl,
    createdAt: now,
    updatedAt: now,
  };
  return deps.catalog.transaction(async (tx) => {
    await tx.showcases.createShowcase(showcase);
    await recordActivity(deps, tx, p, { verb: 'showcase.submitted', organizationId: null, summary: `copied the showcase “${showcase.title}” from ${peer.name}`, details: { showcase_id: showcase.id, peer: peer.id, origin_url: theirs.pageUrl } });
    if (approved) await recordActivity(deps, tx, p, { verb: 'showcase.approved', organizationId: null, summary: `approved the showcase “${showcase.title}”, copied from ${peer.name}`, details: { showcase_id: showcase.id } });
    return showcase;
  });
}
