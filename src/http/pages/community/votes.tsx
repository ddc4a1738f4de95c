import type { ComponentChildren } from 'preact';
import { ConfirmEmailNotice } from '../account/verify-views.tsx';
import { useT } from '../components/page-context.ts';

/** What the vote section of a problem or request page needs. */
export interface VotesProps {
  /** The message namespace (`problems`, `requests`): its votesHeading, votesLong, vote, unvote and signInToVote. */
  ns: string;
  /** The section's class. */
  className: string;
  /** The item's page, its id already encoded: the vote form posts to `<path>/vote`. */
  path: string;
  /** Where signing in (or confirming an address) comes back to. */
  returnTo: string;
  votes: number;
  votedByYou: boolean;
  /** A hidden item takes no votes. */
  hidden: boolean;
  /** The session's CSRF token; absent for visitors. */
  csrf: string | undefined;
  /** The reader's unconfirmed address: a notice stands in for the vote form. */
  unconfirmedEmail?: string | undefined;
}

/** The vote count and the form to add or take back one's vote, or a link to sign in. */
export function Votes(p: VotesProps) {
  const t = useT();
  let action: ComponentChildren;
  if (!p.csrf) action = <a href={`/sign-in?next=${encodeURIComponent(p.returnTo)}`}>{t.t(`${p.ns}.signInToVote`)}</a>;
  else if (p.hidden) action = null;
  else if (p.unconfirmedEmail) action = <ConfirmEmailNotice email={p.unconfirmedEmail} csrf={p.csrf} next={p.returnTo} />;
  else
    action = (
      <form method="post" action={`${p.path}/vote`}>
        <input type="hidden" name="_csrf" value={p.csrf} />
        <input type="hidden" name="vote" value={p.votedByYou ? 'remove' : 'add'} />
        <button type="submit" class={p.votedByYou ? 'usa-button usa-button--outline' : 'usa-button'}>
          {t.t(p.votedByYou ? `${p.ns}.unvote` : `${p.ns}.vote`)}
        </button>
      </form>
    );
  return (
    <section class={p.className} aria-label={t.t(`${p.ns}.votesHeading`)}>
      <p class="votes">{t.t(`${p.ns}.votesLong`, { count: p.votes })}</p>
      {action}
    </section>
  );
}
