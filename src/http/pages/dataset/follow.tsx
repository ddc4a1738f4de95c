import { useT } from '../components/page-context.ts';

/** Whether the reader may follow the dataset from its page, and whether they already do. */
export type FollowState =
  /** Not signed in: a link to sign in and come back. */
  | { kind: 'visitor' }
  /** Signed in with a session: the follow form, or that they follow it. */
  | { kind: 'person'; csrf: string; following: boolean }
  /** A program with a token: subscriptions are made through the API. */
  | { kind: 'program' };

/** The follow button (an email digest of the dataset's changes, through the subscriptions) and the dataset's Atom feed. */
export function Follow({ slug, state }: { slug: string; state: FollowState }) {
  const t = useT();
  const page = `/datasets/${slug}`;
  const feed = (
    <a href={`/feeds/datasets/${slug}.atom`} type="application/atom+xml">
      {t.t('dataset.feed')}
    </a>
  );
  return (
    <section aria-labelledby="follow">
      <h2 id="follow">{t.t('dataset.followHeading')}</h2>
      {state.kind === 'person' && !state.following ? (
        <form method="post" action={`${page}/follow`}>
          <input type="hidden" name="_csrf" value={state.csrf} />
          <button type="submit" class="usa-button">{t.t('dataset.follow')}</button> <span class="meta">{t.t('dataset.followHint')}</span>
        </form>
      ) : null}
      {state.kind === 'person' && state.following ? (
        <p role="status">
          {t.t('dataset.following')} <a href="/account/subscriptions">{t.t('dataset.manageSubscriptions')}</a>
        </p>
      ) : null}
      {state.kind === 'visitor' ? (
        <p>
          <a href={`/sign-in?next=${encodeURIComponent(page)}`}>{t.t('dataset.signInToFollow')}</a> <span class="meta">{t.t('dataset.followHint')}</span>
        </p>
      ) : null}
      <p>{feed}</p>
    </section>
  );
}
