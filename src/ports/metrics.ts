/**
 * What Plaza tells an operator about its work, as it happens: requests
 * served, ingests and jobs finished. The Prometheus adapter
 * (`adapters/metrics/prometheus.ts`) keeps them as series on `/metrics`;
 * actions and the HTTP layer only call these methods.
 */
export interface Metrics {
  /** A request answered: its route pattern (never the raw address), method, status and time taken. */
  requestFinished(r: { route: string; method: string; status: number; seconds: number }): void;
  /** An ingest ended: how long it ran, the rows of the version it made (0 when it failed), and whether it succeeded. */
  ingestFinished(r: { seconds: number; rows: number; ok: boolean }): void;
  /** A job of any kind ended, its handler returning (`ok`) or throwing. */
  jobFinished(r: { type: string; seconds: number; ok: boolean }): void;
  /** Every series in the Prometheus text format, read now. */
  exposition(): Promise<{ contentType: string; body: string }>;
}
