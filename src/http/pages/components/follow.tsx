import type { FollowableKind } from '../../../domain/activity/types.ts';
import { useT } from './page-context.ts';

/** A community item's page, such as `/problems/7f3a…`. */
export const itemPage = (kind: FollowableKind, id: string): string => `/${kind}s/${encodeURIComponent(id)}`;
/** Its Atom feed, such as `/feeds/problems/7f3a….atom`. */
export const itemFeed = (kind: FollowableKind, id: string): string => `/feeds/${kind}s/${encodeURIComponent(id)}.atom`;

/** Whether the reader may follow a dataset or community item from its page, and whether they already do. */
export type FollowState =
  /** Not signed in: a link to sign in and come back. */
  | { kind: 'visitor' }
  /** Signed in with a session: the follow form, or that they follow it. */
  | { kind: 'person'; csrf: string; following: boolean }
  /** A program with a token: subscriptions are made through the API. */
  | { kind: 'program' };

/** The message keys a follow section speaks with. */
export interface FollowMessages {
  heading: string;
  follow: string;
  hint: string;
  following: string;
  manage: string;
  signIn: string;
  feed: string;
}

export const ITEM_FOLLOW_MESSAGES: FollowMessages = {
  heading: 'community.followHeading',
  follow: 'community.follow',
  hint: 'community.followHint',
  following: 'community.following',
  manage: 'dataset.manageSubscriptions',
  signIn: 'community.signInToFollow',
  feed: 'community.itemFeed',
};

/**
 * The follow button (an email digest of the changes, through the
 * subscriptions) and the Atom feed. `page` is the thing's page, whose
 * `/follow` takes the form; `feed` is its Atom feed.
 */
export function FollowSection({ page, feed, state, messages }: { page: string; feed: string; state: FollowState; messages: FollowMessages }) {
  const t = useT();
  return (
    <section aria-labelledby="follow">
      <h2 id="follow">{t.t(messages.heading)}</h2>
      {state.kind === 'person' && !state.following ? (
        <form method="post" action={`${page}/follow`}>
          <input type="hidden" name="_csrf" value={state.csrf} />
          <button type="submit" class="usa-button">{t.t(messages.follow)}</button> <span class="meta">{t.t(messages.hint)}</span>
        </form>
      ) : null}
      {state.kind === 'person' && state.following ? (
        <p role="status">
          {t.t(messages.following)} <a href="/account/subscriptions">{t.t(messages.manage)}</a>
        </p>
      ) : null}
      {state.kind === 'visitor' ? (
        <p>
          <a href={`/sign-in?next=${encodeURIComponent(page)}`}>{t.t(messages.signIn)}</a> <span class="meta">{t.t(messages.hint)}</span>
        </p>
      ) : null}
      <p>
        <a href={feed} type="application/atom+xml">
          {t.t(messages.feed)}
        </a>
      </p>
    </section>
  );
}
