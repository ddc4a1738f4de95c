import type { Deps } from '../actions/deps.ts';
import { claimStep, releaseStep } from '../actions/jobs/step-lease.ts';
import type { NotifyStep } from '../actions/notify/step.ts';
import type { WorkerLog } from './worker.ts';

/**
 * Steps taken one worker at a time (ADR 54): each is run only under its
 * lease in the catalog, renewed every third of `leaseMs` while it runs, so a
 * mail or webhook is never sent by two workers at once. Steps marked
 * `perProcess` (what this process keeps in memory) run without one.
 */
export interface StepClaims {
  owner: string;
  leaseMs: number;
}

/**
 * Runs background steps in this process, in order: soon after `wake` (a
 * change was recorded), and every `pollMs` for retries and digests that fall
 * due. With `claims`, a step another worker holds is skipped this pass.
 */
export class Notifier {
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> = Promise.resolve();
  private running = false;
  private again = false;

  constructor(
    private readonly deps: () => Deps,
    private readonly steps: NotifyStep[],
    private readonly log: WorkerLog,
    private readonly pollMs = 5000,
    private readonly claims?: StepClaims,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Runs the steps shortly, gathering the wakes of one burst of changes into one pass. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(20);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.current = this.pass();
    }, ms);
  }

  /** Runs every step once, or until it has nothing left, and then waits for the next wake or poll. */
  private async pass(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    try {
      do {
        this.again = false;
        for (const step of this.steps) {
          if (this.stopped) return;
          try {
            await this.runStep(step);
          } catch (e) {
            this.log.error({ step: step.name, err: (e as Error).message }, 'notification step failed');
          }
        }
      } while (this.again && !this.stopped);
    } finally {
      this.running = false;
      if (!this.stopped) this.schedule(this.pollMs);
    }
  }

  /** Runs a step until it has nothing left (or 20 rounds), under its lease unless it is per process. */
  private async runStep(step: NotifyStep): Promise<void> {
    const rounds = async () => {
      for (let n = 0; n < 20 && (await step.run(this.deps())) > 0 && !this.stopped; n++);
    };
    const claims = this.claims;
    if (!claims || step.perProcess) return rounds();
    if (!(await claimStep(this.deps(), step.name, claims.owner, claims.leaseMs))) return;
    const renew = setInterval(() => {
      claimStep(this.deps(), step.name, claims.owner, claims.leaseMs).then(
        (held) => {
          if (!held) this.log.error({ step: step.name }, 'another worker took a background step this one was running');
        },
        (e: unknown) => this.log.error({ step: step.name, err: (e as Error).message }, 'renewing a background step failed'),
      );
    }, Math.max(50, Math.floor(claims.leaseMs / 3)));
    renew.unref();
    try {
      await rounds();
    } finally {
      clearInterval(renew);
      await releaseStep(this.deps(), step.name, claims.owner);
    }
  }

  /** Runs a pass now and waits for it (tests and shutdown use it). */
  async flush(): Promise<void> {
    await this.current;
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.current = this.pass();
    await this.current;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current;
  }
}
