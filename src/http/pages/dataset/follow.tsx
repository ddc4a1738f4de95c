import { FollowSection, type FollowMessages, type FollowState } from '../components/follow.tsx';

export type { FollowState };

const MESSAGES: FollowMessages = {
  heading: 'dataset.followHeading',
  follow: 'dataset.follow',
  hint: 'dataset.followHint',
  following: 'dataset.following',
  manage: 'dataset.manageSubscriptions',
  signIn: 'dataset.signInToFollow',
  feed: 'dataset.feed',
};

/** The follow button (an email digest of the dataset's changes, through the subscriptions) and the dataset's Atom feed. */
export function Follow({ slug, state }: { slug: string; state: FollowState }) {
  return <FollowSection page={`/datasets/${slug}`} feed={`/feeds/datasets/${slug}.atom`} state={state} messages={MESSAGES} />;
}
