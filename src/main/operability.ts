import { Registry } from 'prom-client';
import { queueStats } from '../actions/jobs/stats.ts';
import type { Deps } from '../actions/deps.ts';
import { ProcessLifecycle } from '../adapters/lifecycle/process.ts';
import { PrometheusMetrics } from '../adapters/metrics/prometheus.ts';

/**
 * This process's metrics (on a registry of its own, never prom-client's
 * global one) and lifecycle. `watch` points the gauges read at each scrape
 * at the process's dependencies once they exist.
 */
export function operability(): { metrics: PrometheusMetrics; lifecycle: ProcessLifecycle; watch(deps: Deps): void } {
  const metrics = new PrometheusMetrics(new Registry());
  return {
    metrics,
    lifecycle: new ProcessLifecycle(),
    watch(deps) {
      metrics.watchQueue(() => queueStats(deps));
      metrics.watchEngineMemory(() => deps.engine.memory());
    },
  };
}
