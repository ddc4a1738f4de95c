import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestTrace } from '../../ports/trace.ts';

/** Request ids carried through promises and callbacks by Node's AsyncLocalStorage. */
export class AsyncLocalTrace implements RequestTrace {
  private readonly storage = new AsyncLocalStorage<{ requestId: string }>();

  requestId(): string | undefined {
    return this.storage.getStore()?.requestId;
  }

  run<T>(id: string, fn: () => T): T {
    return this.storage.run({ requestId: id }, fn);
  }

  enter(id: string): void {
    this.storage.enterWith({ requestId: id });
  }
}
