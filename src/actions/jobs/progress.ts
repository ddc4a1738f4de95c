import type { Signals } from '../../ports/signals.ts';

/** The least time between two `job-progress` signals of one job's writes; a change within it is told at its end. */
export const PROGRESS_SIGNAL_MS = 100;

/**
 * Tells readers following a job live that its progress changed
 * (`job-progress`), at most once per PROGRESS_SIGNAL_MS: a change inside
 * that time is told once it has passed, so the last one always goes out.
 * Call it after the write it tells of has committed.
 */
export function progressSignal(signals: Pick<Signals, 'send'>, minGapMs = PROGRESS_SIGNAL_MS): () => void {
  let last = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    timer = undefined;
    last = Date.now();
    signals.send('job-progress');
  };
  return () => {
    if (timer) return;
    const wait = last + minGapMs - Date.now();
    if (wait <= 0) fire();
    else {
      timer = setTimeout(fire, wait);
      timer.unref();
    }
  };
}
