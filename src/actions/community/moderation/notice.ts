import { escapeHtml } from '../../../domain/notify/html.ts';
import type { CatalogStore } from '../../../ports/catalog-store.ts';
import type { Deps } from '../../deps.ts';

/**
 * Tells an item's author by email that a moderator hid it (with the reason)
 * or showed it again, in the caller's transaction. Nobody is told when the
 * account is gone or disabled.
 */
export async function tellAuthor(deps: Deps, tx: CatalogStore, authorId: string | null, what: string, path: string, hidden: boolean, reason: string): Promise<void> {
  const author = authorId ? await tx.accounts.getUser(authorId) : undefined;
  if (!author || author.disabled) return;
  const site = deps.site.name;
  const link = `${deps.site.baseUrl}${path}`;
  const subject = hidden ? `Your ${what} is hidden on ${site}` : `Your ${what} is shown again on ${site}`;
  const lines = [
    `Hello ${author.name},`,
    hidden ? `A moderator of ${site} hid your ${what} from the public. The reason:` : `A moderator of ${site} showed your ${what} to the public again. The reason:`,
    reason,
    link,
    site,
  ];
  const at = deps.clock.now().toISOString();
  await tx.activity.enqueueMail({
    id: deps.newId(),
    to: author.email,
    subject,
    text: `${lines.join('\n\n')}\n`,
    html: lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n') + '\n',
    createdAt: at,
    attempts: 0,
    nextAttemptAt: at,
    sentAt: null,
    lastError: null,
  });
  deps.signals.send('job-queued');
}
