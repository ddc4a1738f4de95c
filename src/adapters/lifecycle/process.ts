import type { Lifecycle } from '../../ports/lifecycle.ts';

/** The lifecycle of this process, kept in memory; the composition root makes one per process. */
export class ProcessLifecycle implements Lifecycle {
  private stopped = false;
  private readonly listeners = new Set<() => void>();

  stopping(): boolean {
    return this.stopped;
  }

  beginStopping(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch {
        // One listener's failure does not keep the others from hearing.
      }
    }
    this.listeners.clear();
  }

  onStopping(listener: () => void): () => void {
    if (this.stopped) {
      listener();
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }
}
