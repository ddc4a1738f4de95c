import type { IngestLimits } from '../domain/ingest/limits.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { CatalogChanges } from '../ports/catalog-changes.ts';
import type { CatalogStore } from '../ports/catalog-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { ExportWriters } from '../ports/export-writers.ts';
import type { AddressCheck, HttpFetch } from '../ports/http-fetch.ts';
import type { Images } from '../ports/images.ts';
import type { Locales } from '../ports/locales.ts';
import type { Lifecycle } from '../ports/lifecycle.ts';
import type { Mailer } from '../ports/mailer.ts';
import type { Metrics } from '../ports/metrics.ts';
import type { ScratchSpace } from '../ports/scratch.ts';
import type { Signals } from '../ports/signals.ts';
import type { Probe } from '../ports/readiness.ts';
import type { RequestTrace } from '../ports/trace.ts';
import type { SourcePreparer } from '../ports/source-preparer.ts';
import type { TableEngine } from '../ports/table-engine.ts';
import type { UseCounter } from '../ports/use-counter.ts';
import type { WebhookSender } from '../ports/webhook-sender.ts';

/** The limits actions enforce, taken from the settings. */
export interface Limits extends IngestLimits {
  maxUploadBytes: number;
  queryTimeoutMs: number;
  fetchTimeoutMs: number;
  /** A harvest run's limits: datasets taken, bytes read from the source, each request's time. */
  harvest: { maxDatasets: number; maxBytes: number; timeoutMs: number };
  /** How long the federated search waits for peers. */
  peerSearchMs: number;
  /** How long each readiness probe waits for its engine. */
  readyTimeoutMs: number;
}

/** Portal-wide settings the actions need. */
export interface Site {
  name: string;
  /** Public URL, for links in mail and feeds. */
  baseUrl: string;
  themes: string[];
  sessionDays: number;
  digestHours: number;
  /** `PLAZA_METRICS_TOKEN`: when set, `/metrics` answers only a request bearing it. */
  metricsToken?: string | undefined;
}

/** What every action may use. Built once in `src/main`, passed explicitly. */
export interface Deps {
  catalog: CatalogStore;
  /** Moves when what pages show changes (a `pages-changed` signal), so kept pages know they may be stale. */
  changes: CatalogChanges;
  blobs: BlobStore;
  /** Uploaded pictures, checked, resized and stripped of metadata, kept in `blobs`. */
  images: Images;
  /** Local scratch folders for work in progress, bounded by the disk's free space. */
  scratch: ScratchSpace;
  engine: TableEngine;
  preparer: SourcePreparer;
  exportWriters: ExportWriters;
  /** Null when no mail server is configured: mail then waits in the outbox. */
  mailer: Mailer | null;
  webhooks: WebhookSender;
  /** Outbound HTTP on users' behalf (loading a file from a URL); refuses private networks unless allowed. */
  fetch: HttpFetch;
  /** The same rule as `fetch`, checked when an address is kept for later requests (a webhook URL). */
  checkAddress: AddressCheck;
  /** Page views and downloads, counted in memory and written by the notifier. */
  uses: UseCounter;
  clock: Clock;
  /** The languages the portal can speak, from its message files and the city's. */
  locales: Locales;
  limits: Limits;
  site: Site;
  newId: () => string;
  /** Tells other parts of Plaza, maybe in other processes, that a job is queued or pages changed. */
  signals: Signals;
  /** What this node needs in order to serve, each asked by `/readyz`: catalog, blob store, DuckDB, Redis when configured. */
  probes: Probe[];
  /** The request being served, so work it starts (jobs, logs) carries its id. */
  trace: RequestTrace;
  /** Requests, ingests and jobs as they finish, for `/metrics`. */
  metrics: Metrics;
  /** Whether this process has begun to stop (then `/readyz` answers 503). */
  lifecycle: Lifecycle;
}

export type { Principal } from '../domain/accounts/principal.ts';
export { anonymous } from '../domain/accounts/principal.ts';
