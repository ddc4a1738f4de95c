import type { Signal, Signals } from '../../ports/signals.ts';

/** Signals within one process: each listener is called at once, in the order they started listening. */
export class InProcessSignals implements Signals {
  private readonly listeners = new Map<Signal, Set<() => void>>();
  private closed = false;
  readonly shared = false;

  constructor(private readonly onListenerError: (signal: Signal, err: unknown) => void = () => undefined) {}

  send(signal: Signal): void {
    if (this.closed) return;
    for (const listener of [...(this.listeners.get(signal) ?? [])]) {
      try {
        listener();
      } catch (err) {
        this.onListenerError(signal, err);
      }
    }
  }

  listen(signal: Signal, listener: () => void): () => void {
    let set = this.listeners.get(signal);
    if (!set) this.listeners.set(signal, (set = new Set()));
    // Each listening is its own, even for a function already listening.
    const own = () => listener();
    set.add(own);
    return () => void set.delete(own);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
  }
}
