/**
 * Follows an ingest job live: Server-Sent Events from /api/v1/jobs/{id}/events,
 * or polling /api/v1/jobs/{id} once a second when events are not available.
 * On a page showing a running job (`[data-job]`), it updates the status line
 * and reloads the page when the job has finished, so the server shows the result.
 * Its texts come from the messages the page hands it (`data-messages`, `data-lang`).
 */
import { makeTranslator, type Messages, type Translator } from '../domain/i18n/translator.ts';

export interface JobView {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'dead';
  phase: string;
  rows_read: number;
  rows_rejected: number;
  errors: Array<{ message: string }>;
}

export const isFinished = (j: JobView): boolean => j.status === 'succeeded' || j.status === 'failed' || j.status === 'dead';

/** The island's translator, from the messages and language the page hands it on `el` (English wording when it has none). */
export function translatorOf(el: HTMLElement | null): Translator {
  let messages: Messages = {};
  try {
    messages = JSON.parse(el?.dataset.messages ?? '{}') as Messages;
  } catch {
    // Unreadable messages: the keys show, which a test notices.
  }
  return makeTranslator(el?.dataset.lang ?? 'en', messages);
}

/** What the job is doing, in the words (and with the messages) the server's page uses. */
export function describeJob(t: Translator, j: JobView): string {
  const phase = t.has(`publish.phase.${j.phase}`) ? t.t(`publish.phase.${j.phase}`) : j.phase;
  if (j.status === 'queued') return t.t('publish.job.queued');
  if (j.status === 'running') return j.rows_read ? t.t('publish.job.runningRows', { phase, count: j.rows_read }) : t.t('publish.job.running', { phase });
  if (j.status === 'succeeded') {
    const count = j.rows_read - j.rows_rejected;
    return j.rows_rejected ? t.t('publish.job.succeededRejected', { count, rejected: j.rows_rejected }) : t.t('publish.job.succeeded', { count });
  }
  return t.t('publish.job.failed', { message: j.errors[0]?.message ?? t.t('publish.job.unreadable') });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Calls `onUpdate` with each state of the job; resolves with its final state. */
export function followJob(id: string, onUpdate: (j: JobView) => void): Promise<JobView> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (j: JobView) => {
      if (!done) {
        done = true;
        resolve(j);
      }
    };
    const poll = async () => {
      while (!done) {
        try {
          const res = await fetch(`/api/v1/jobs/${encodeURIComponent(id)}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
          if (res.ok) {
            const j = (await res.json()) as JobView;
            onUpdate(j);
            if (isFinished(j)) return finish(j);
          }
        } catch {
          // A dropped connection: try again in a moment.
        }
        await sleep(1000);
      }
    };
    if (typeof EventSource === 'undefined') return void poll();
    const events = new EventSource(`/api/v1/jobs/${encodeURIComponent(id)}/events`);
    events.addEventListener('job', (ev) => {
      const j = JSON.parse((ev as MessageEvent<string>).data) as JobView;
      onUpdate(j);
      if (isFinished(j)) {
        events.close();
        finish(j);
      }
    });
    events.onerror = () => {
      events.close();
      if (!done) void poll();
    };
  });
}

for (const section of document.querySelectorAll<HTMLElement>('[data-job]')) {
  const text = section.querySelector<HTMLElement>('[data-job-text]');
  const t = translatorOf(section);
  void followJob(section.dataset.job ?? '', (j) => {
    if (text) text.textContent = describeJob(t, j);
  }).then(() => location.reload());
}
