/**
 * Follows an ingest job live: Server-Sent Events from /api/v1/jobs/{id}/events,
 * or polling /api/v1/jobs/{id} once a second when events are not available.
 * On a page showing a running job (`[data-job]`), it updates the status line
 * and reloads the page when the job has finished, so the server shows the result.
 */

export interface JobView {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  phase: string;
  rows_read: number;
  rows_rejected: number;
  errors: Array<{ message: string }>;
}

export const isFinished = (j: JobView): boolean => j.status === 'succeeded' || j.status === 'failed';

const rows = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`;

/** What the job is doing, in the words the server's page uses. */
export function describeJob(j: JobView): string {
  if (j.status === 'queued') return 'Waiting to start loading the file.';
  if (j.status === 'running') return `Loading: ${j.phase}${j.rows_read ? `, ${rows(j.rows_read)} read` : ''}.`;
  if (j.status === 'succeeded') return `Loaded ${rows(j.rows_read - j.rows_rejected)}${j.rows_rejected ? `; ${rows(j.rows_rejected)} could not be read and were set aside` : ''}.`;
  return `Loading failed: ${j.errors[0]?.message ?? 'the file could not be read.'}`;
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
  void followJob(section.dataset.job ?? '', (j) => {
    if (text) text.textContent = describeJob(j);
  }).then(() => location.reload());
}
