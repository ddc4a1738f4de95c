import type { Deps } from '../actions/deps.ts';
import type { NotifyStep } from '../actions/notify/step.ts';
import type { WorkerLog } from './worker.ts';

/**
 * Runs background steps in this process, in order: soon after `wake` (a
 * change was recorded), and every `pollMs` for retries and digests that fall
 * due.
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
            for (let rounds = 0; rounds < 20 && (await step.run(this.deps())) > 0 && !this.stopped; rounds++);
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
