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
 * a moderator copies it, whose copy is approved at once. Its picture is
 * fetched through the guarded fetch and checked like an upload; a picture
 * that cannot be had leaves the copy without one (`pictureCopied` says so).
 * The datasets it uses are the peer's: the copy names none until someone
 * adds them here.
 */
export async function copyPeerShowcase(deps: Deps, p: Principal, peerId: string, showcaseId: string): Promise<Showcase & { pictureCopied: boolean }> {
  requireUser(p, 'Copying a showcase');
  if (!canSubmitShowcase(p)) deny(p, 'Copying a showcase needs a token with the write scope.');
  const peer = await getPeer(deps, p, peerId);
  requirePlaza(peer);
  const theirs = await fromPeer(peer.name, () => peerShowcase(deps, peer, showcaseId));
  const now = deps.clock.now().toISOString();
  const approved = canReviewShowcase(p);
  const id = deps.newId();
  const image = theirs.imageUrl ? await copyPicture(deps, theirs.imageUrl, `showcases/${id}`) : null;
  const showcase: Showcase = {
    id,
    title: theirs.title.slice(0, 150),
    kind: theirs.kind,
    description: theirs.description.slice(0, 5000),
    link: theirs.link,
    madeBy: theirs.madeBy.slice(0, 200),
    image,
    imageAlt: image ? theirs.imageAlt.slice(0, 300) : '',
    state: approved ? 'approved' : 'pending',
    stateReason: null,
    authorId: p.userId,
    datasetIds: [],
    originUrl: theirs.pageUrl,
    createdAt: now,
    updatedAt: now,
  };
  const kept = await deps.catalog.transaction(async (tx) => {
    await tx.showcases.createShowcase(showcase);
    await recordActivity(deps, tx, p, { verb: 'showcase.submitted', organizationId: null, summary: `copied the showcase “${showcase.title}” from ${peer.name}`, details: { showcase_id: showcase.id, peer: peer.id, origin_url: theirs.pageUrl } });
    if (approved) await recordActivity(deps, tx, p, { verb: 'showcase.approved', organizationId: null, summary: `approved the showcase “${showcase.title}”, copied from ${peer.name}`, details: { showcase_id: showcase.id } });
    return showcase;
  }).catch(async (err: unknown) => {
    if (image) await Promise.all(deps.images.widths.map((w) => deps.blobs.delete(deps.images.key(image, w)).catch(() => undefined)));
    throw err;
  });
  return { ...kept, pictureCopied: image !== null || theirs.imageUrl === null };
}

/** The peer's picture, kept here at the usual widths after the same checks as an upload; null when it cannot be had. */
async function copyPicture(deps: Deps, url: string, prefix: string): Promise<string | null> {
  try {
    const res = await deps.fetch(url, { signal: AbortSignal.timeout(Math.max(deps.limits.peerSearchMs * 2, 2_000)), redirect: 'follow' });
    if (!res.ok || Number(res.headers.get('content-length') ?? 0) > deps.images.maxBytes) return null;
    const bytes = Buffer.from(await res.arrayBuffer());
    if (bytes.length > deps.images.maxBytes) return null;
    return (await deps.images.save(prefix, bytes)).ok ? prefix : null;
  } catch {
    return null;
  }
}
