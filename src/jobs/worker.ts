import type { Deps } from '../actions/deps.ts';
import type { JobHandler } from '../actions/jobs/handler.ts';
import { claimNextJob, failUnknownKind, requeueInterrupted } from '../actions/jobs/queue.ts';
import { AppError } from '../domain/errors.ts';

export interface WorkerLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Runs queued jobs one at a time in this process, each by the handler of its
 * kind. `wake` starts a pass at once; otherwise it looks for work every
 * `pollMs`.
 */
export class JobWorker {
  private running = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: () => Deps,
    private readonly handlers: Readonly<Record<string, JobHandler>>,
    private readonly log: WorkerLog,
    private readonly pollMs = 1000,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    const requeued = await requeueInterrupted(this.deps());
    if (requeued) this.log.info({ requeued }, 'jobs interrupted by a stop were queued again');
    this.schedule(0);
  }

  wake(): void {
    if (!this.stopped && !this.running) this.schedule(0);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.current = this.drain();
    }, ms);
  }

  private async drain(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      for (;;) {
        if (this.stopped) return;
        const deps = this.deps();
        const job = await claimNextJob(deps);
        if (!job) break;
        const handler = this.handlers[job.type];
        if (!handler) {
          await failUnknownKind(deps, job);
          continue;
        }
        try {
          const result = await handler(deps, job);
          this.log.info({ job: job.id, type: job.type, result }, 'job done');
        } catch (e) {
          // A file the job refused (too large, not a table) is the user's to fix: said once at info; anything else is an error, with its stack.
          if (e instanceof AppError && e.expected) this.log.info({ job: job.id, type: job.type, code: e.code, err: e.message }, 'job refused its input');
          else this.log.error({ job: job.id, type: job.type, err: (e as Error).message, stack: (e as Error).stack }, 'job failed');
        }
        // What a job or a stopped process left is not kept until the next start.
        await deps.scratch.sweep().catch((e: unknown) => this.log.error({ err: (e as Error).message }, 'sweeping scratch space failed'));
      }
    } finally {
      this.running = false;
      if (!this.stopped) this.schedule(this.pollMs);
    }
  }

  /** Stops taking jobs and waits for the one running to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }
}
