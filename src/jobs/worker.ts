import type { Deps } from '../actions/deps.ts';
import type { JobHandler } from '../actions/jobs/handler.ts';
import { claimNextJob, failJob, failUnknownKind, finishJob, handBackJob, renewJobLease, type JobHolder } from '../actions/jobs/queue.ts';
import type { Job } from '../domain/catalog/types.ts';
import { AppError } from '../domain/errors.ts';

export interface WorkerLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Who this worker is and on what terms it holds jobs (ADR 54). */
export interface WorkerOptions extends JobHolder {
  /** How often it looks for work when not woken. */
  pollMs?: number;
}

/** The job this worker runs now. */
interface Active {
  job: Job;
  abort: AbortController;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

/**
 * Runs queued jobs one at a time in this process, each by the handler of its
 * kind, holding a lease it renews every third of its length; several workers
 * may share one catalog (ADR 54). `wake` starts a pass at once; otherwise it
 * looks for work every `pollMs`. A handler that fails unexpectedly is tried
 * again later, up to the attempts allowed, then set aside as a dead letter.
 */
export class JobWorker {
  private running = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> = Promise.resolve();
  private active: Active | undefined;
  private readonly holder: JobHolder;
  private readonly pollMs: number;

  constructor(
    private readonly deps: () => Deps,
    private readonly handlers: Readonly<Record<string, JobHandler>>,
    private readonly log: WorkerLog,
    opts: WorkerOptions,
  ) {
    this.holder = { owner: opts.owner, leaseMs: opts.leaseMs, maxAttempts: opts.maxAttempts };
    this.pollMs = opts.pollMs ?? 1000;
  }

  /** This worker's id, as jobs it holds name it. */
  get owner(): string {
    return this.holder.owner;
  }

  async start(): Promise<void> {
    this.stopped = false;
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
        const job = await claimNextJob(deps, this.holder);
        if (!job) break;
        await this.runOne(deps, job);
        // What a job or a stopped process left is not kept until the next start.
        await deps.scratch.sweep().catch((e: unknown) => this.log.error({ err: (e as Error).message }, 'sweeping scratch space failed'));
      }
    } catch (e) {
      this.log.error({ err: (e as Error).message }, 'taking the next job failed');
    } finally {
      this.running = false;
      if (!this.stopped) this.schedule(this.pollMs);
    }
  }

  /** Runs one claimed job by its handler, renewing the lease while it runs, and settles it. */
  private async runOne(deps: Deps, job: Job): Promise<void> {
    const fields = { job: job.id, type: job.type, attempt: job.attempts ?? 1, ...(job.requestId ? { requestId: job.requestId } : {}) };
    const handler = this.handlers[job.type];
    if (!handler) {
      await failUnknownKind(deps, this.holder, job);
      this.log.error(fields, 'no handler for this kind of job');
      return;
    }
    const abort = new AbortController();
    this.active = { job, abort };
    const renew = setInterval(() => {
      renewJobLease(deps, this.holder, job).then(
        (held) => {
          if (held || abort.signal.aborted) return;
          this.log.error(fields, 'the job was taken by another worker after its lease ran out; leaving it to them');
          abort.abort(new Error('The lease on the job ran out.'));
        },
        (e: unknown) => this.log.error({ ...fields, err: (e as Error).message }, 'renewing the lease on a job failed'),
      );
    }, Math.max(50, Math.floor(this.holder.leaseMs / 3)));
    renew.unref();
    try {
      const result = await handler(deps, job, { signal: abort.signal, lastAttempt: (job.attempts ?? 1) >= this.holder.maxAttempts });
      if (abort.signal.aborted) return;
      await finishJob(deps, this.holder, job);
      this.log.info({ ...fields, result }, 'job done');
    } catch (e) {
      if (abort.signal.aborted) return;
      // A file the job refused (too large, not a table) is the user's to fix, a full disk the operator's: not tried again.
      if (e instanceof AppError && e.final) {
        await finishJob(deps, this.holder, job);
        if (e.expected) this.log.info({ ...fields, code: e.code, err: e.message }, 'job refused its input');
        else this.log.error({ ...fields, code: e.code, err: e.message }, 'job stopped; it will not be tried again');
        return;
      }
      const outcome = await failJob(deps, this.holder, job, e);
      const err = { ...fields, err: (e as Error).message, stack: (e as Error).stack };
      if (outcome.kind === 'retry') this.log.error({ ...err, runAfter: outcome.runAfter }, 'job failed; it will be tried again');
      else if (outcome.kind === 'dead') this.log.error(err, 'job failed on its last attempt; set aside as a dead letter');
      else this.log.error(err, 'job failed after another worker took it');
    } finally {
      clearInterval(renew);
      this.active = undefined;
    }
  }

  /**
   * Stops taking jobs and gives the running one up to `graceMs` to end; one
   * still running then is handed back to the queue (its attempt not
   * counted) for another worker to take at once, and its handler is told
   * through its signal. The process is expected to exit after.
   */
  async stop(graceMs = Number.POSITIVE_INFINITY): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const ended = this.current.then(() => true);
    const inTime = Number.isFinite(graceMs) ? await Promise.race([ended, sleep(graceMs).then(() => false)]) : await ended;
    const active = this.active;
    if (inTime || !active) return;
    active.abort.abort(new Error('The worker is stopping; the job was handed back.'));
    const fields = { job: active.job.id, type: active.job.type, ...(active.job.requestId ? { requestId: active.job.requestId } : {}) };
    try {
      const back = await handBackJob(this.deps(), this.holder, active.job);
      this.log.info(fields, back ? 'job handed back to the queue at shutdown' : 'job was no longer held at shutdown');
    } catch (e) {
      this.log.error({ ...fields, err: (e as Error).message }, 'handing a job back failed; another worker takes it when its lease runs out');
    }
  }
}
