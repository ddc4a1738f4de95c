import type { UserPrincipal } from '../../domain/accounts/principal.ts';
import { isFollowableKind, parseSubject, type ActivityEntry, type OutboxMail, type Subscription } from '../../domain/activity/types.ts';
import { composeDigest, type DigestItem } from '../../domain/notify/digest.ts';
import type { NotifyStep } from './step.ts';
import type { Deps } from '../deps.ts';
import { MatchCache, matches } from './match.ts';

/** The cursor holding the last digest: `{ "seq": <last entry digested>, "at": <when> }`. */
export const DIGEST_CURSOR = 'digest';
const PAGE = 500;
const HOUR_MS = 60 * 60 * 1000;

interface DigestState {
  seq: number;
  at: string;
}

function readState(raw: string | undefined): DigestState | undefined {
  if (!raw) return undefined;
  try {
    const s = JSON.parse(raw) as Partial<DigestState>;
    return typeof s.seq === 'number' && typeof s.at === 'string' && !Number.isNaN(Date.parse(s.at)) ? { seq: s.seq, at: s.at } : undefined;
  } catch {
    return undefined;
  }
}

/** Where the subscriber reads about an entry, and what the digest calls it. */
async function subjectOf(deps: Deps, cache: MatchCache, owner: UserPrincipal, entry: ActivityEntry): Promise<{ title: string; url: string }> {
  const base = deps.site.baseUrl;
  const about = parseSubject(entry.subject);
  const item = about ? await cache.item(owner, about.kind, about.id) : undefined;
  if (item) return { title: item.title, url: `${base}${item.path}` };
  const dataset = entry.datasetId ? await cache.dataset(entry.datasetId) : undefined;
  if (dataset) return { title: dataset.title, url: `${base}/datasets/${encodeURIComponent(dataset.slug)}` };
  const org = entry.organizationId ? await cache.organization(entry.organizationId) : undefined;
  if (org) return { title: org.name, url: `${base}/organizations/${encodeURIComponent(org.slug)}` };
  return { title: deps.site.name, url: `${base}/` };
}

/** Why the subscriber hears of it: "the dataset Street trees", "the search q=trees". */
async function contextOf(cache: MatchCache, owner: UserPrincipal, sub: Subscription): Promise<string> {
  if (isFollowableKind(sub.target)) return `the ${sub.target} ${(await cache.item(owner, sub.target, sub.targetId))?.title ?? sub.targetId}`;
  if (sub.target === 'dataset') return `the dataset ${(await cache.dataset(sub.targetId))?.title ?? sub.targetId}`;
  if (sub.target === 'organization') return `the organization ${(await cache.organization(sub.targetId))?.name ?? sub.targetId}`;
  return `the search "${sub.targetId || 'all datasets'}"`;
}

interface Recipient {
  owner: UserPrincipal;
  items: Map<string, DigestItem>;
}

/** Each email subscriber's matching items among the entries after `seq`; returns the last seq read. */
async function gather(deps: Deps, cache: MatchCache, after: number, into: Map<string, Recipient>): Promise<number> {
  let seq = after;
  for (;;) {
    const entries = await deps.catalog.activity.activitySince(seq, PAGE);
    for (const entry of entries) {
      for (const sub of await deps.catalog.activity.subscriptionsFor(entry.datasetId, entry.organizationId, entry.subject)) {
        if (!sub.email || !(await matches(cache, sub, entry))) continue;
        const owner = await cache.owner(sub.userId);
        if (!owner) continue;
        let r = into.get(owner.userId);
        if (!r) into.set(owner.userId, (r = { owner, items: new Map() }));
        if (r.items.has(entry.id)) continue;
        const subject = await subjectOf(deps, cache, owner, entry);
        r.items.set(entry.id, { at: entry.at, actorName: entry.actorName, summary: entry.summary, subjectTitle: subject.title, subjectUrl: subject.url, context: await contextOf(cache, owner, sub) });
      }
      seq = entry.seq;
    }
    if (entries.length < PAGE) return seq;
  }
}

/**
 * Every `site.digestHours`, one email per subscriber who asked for digests,
 * listing what happened since the last digest that their subscriptions match
 * and they may see (see `matches`). People with nothing new get nothing. The
 * mails go to the outbox, which the mail step sends; the mails and the new
 * cursor are written together.
 */
export const digestStep: NotifyStep = {
  name: 'digest',
  async run(deps: Deps): Promise<number> {
    const now = deps.clock.now();
    const raw = await deps.catalog.activity.getCursor(DIGEST_CURSOR);
    const state = readState(raw);
    if (!state) {
      // The first digest is due a period from now. It reads the stream from the start, which
      // `matches` limits to what happened after each subscription was made.
      await deps.catalog.activity.setCursor(DIGEST_CURSOR, JSON.stringify({ seq: 0, at: now.toISOString() }));
      return 0;
    }
    if (now.getTime() - Date.parse(state.at) < deps.site.digestHours * HOUR_MS) return 0;

    const recipients = new Map<string, Recipient>();
    const seq = await gather(deps, new MatchCache(deps), state.seq, recipients);
    const period = deps.site.digestHours >= 7 * 24 ? 'weekly' : 'daily';
    const mails: OutboxMail[] = [];
    for (const { owner, items } of recipients.values()) {
      if (!items.size) continue;
      const mail = composeDigest({ siteName: deps.site.name, recipientName: owner.name, period, items: [...items.values()], manageUrl: `${deps.site.baseUrl}/account/subscriptions` });
      mails.push({ id: deps.newId(), to: owner.email, subject: mail.subject, text: mail.text, html: mail.html, createdAt: now.toISOString(), attempts: 0, nextAttemptAt: now.toISOString(), sentAt: null, lastError: null });
    }
    const done = await deps.catalog.transaction(async (tx) => {
      // Another process that got here first has sent this digest already.
      if ((await tx.activity.getCursor(DIGEST_CURSOR)) !== raw) return false;
      for (const m of mails) await tx.activity.enqueueMail(m);
      await tx.activity.setCursor(DIGEST_CURSOR, JSON.stringify({ seq, at: now.toISOString() }));
      return true;
    });
    if (done && mails.length) deps.signals.send('job-queued');
    return done ? mails.length : 0;
  },
};
