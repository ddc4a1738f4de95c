import type { OutboxMail } from '../../domain/activity/types.ts';
import { MAX_WEBHOOK_ATTEMPTS, retryDelayMs } from '../../domain/notify/backoff.ts';
import type { NotifyStep } from './step.ts';
import type { Deps } from '../deps.ts';

/** Mails taken from the outbox per pass. */
const BATCH = 20;

/**
 * The `nextAttemptAt` of a mail that was given up. The column cannot be empty,
 * so a mail that failed its last attempt keeps `sentAt` null, gets a
 * `lastError` starting with "gave up:", and this date, which never falls due.
 */
export const GAVE_UP_AT = '9999-12-31T00:00:00.000Z';

/**
 * Sends the mail in the outbox that is due, up to 20 at a time, and returns
 * how many it handled. Without a mailer nothing is sent and the mail waits.
 * A failure is retried on the webhook schedule (30 s, 2 min, 10 min, 1 h, 6 h);
 * after the sixth attempt the mail is given up (see {@link GAVE_UP_AT}).
 */
export async function sendDueMail(deps: Deps): Promise<number> {
  const mailer = deps.mailer;
  if (!mailer) return 0;
  const due = await deps.catalog.activity.dueMail(deps.clock.now().toISOString(), BATCH);
  for (const mail of due) {
    try {
      await mailer.send({ to: mail.to, subject: mail.subject, text: mail.text, ...(mail.html ? { html: mail.html } : {}) });
      await deps.catalog.activity.updateMail(mail.id, { attempts: mail.attempts + 1, sentAt: deps.clock.now().toISOString(), lastError: null });
    } catch (e) {
      await deps.catalog.activity.updateMail(mail.id, failure(deps, mail, e));
    }
  }
  return due.length;
}

function failure(deps: Deps, mail: OutboxMail, e: unknown): Pick<OutboxMail, 'attempts' | 'nextAttemptAt' | 'lastError'> {
  const attempts = mail.attempts + 1;
  const message = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
  const delay = retryDelayMs(attempts, Math.random);
  if (delay === null) return { attempts, nextAttemptAt: GAVE_UP_AT, lastError: `gave up: after ${attempts} of ${MAX_WEBHOOK_ATTEMPTS} attempts: ${message}` };
  return { attempts, nextAttemptAt: new Date(deps.clock.now().getTime() + delay).toISOString(), lastError: message };
}

/** The notifier's step that empties the outbox. */
export const sendMailStep: NotifyStep = { name: 'mail', run: sendDueMail };
