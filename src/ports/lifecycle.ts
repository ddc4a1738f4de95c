/**
 * The life of this process as the parts that serve see it. When it begins to
 * stop (SIGTERM), `/readyz` answers 503 at once so that load balancers send
 * no more, and open event streams end so that they do not hold the shutdown.
 */
export interface Lifecycle {
  /** Whether this process has begun to stop. */
  stopping(): boolean;
  /** Marks the process as stopping and calls every listener, once; later calls do nothing. */
  beginStopping(): void;
  /** Calls `listener` when stopping begins (at once if it has); the function returned stops it. */
  onStopping(listener: () => void): () => void;
}
