import { join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * Every setting Plaza reads, validated once at start-up. Each one is an
 * environment variable; `docs/settings.md` lists them and a test keeps the two
 * in step.
 */
export const SETTINGS = {
  PLAZA_DATA_DIR: z.string().default('./data').describe('Folder for the catalog database, stored files and dataset versions.'),
  PLAZA_HOST: z.string().default('127.0.0.1').describe('Address the web server listens on.'),
  PLAZA_PORT: z.coerce.number().int().min(0).max(65535).default(8080).describe('Port the web server listens on (`PORT` is read too).'),
  PLAZA_BASE_URL: z.string().optional().describe('Public URL of the portal, used in links; default `http://HOST:PORT`.'),
  PLAZA_SITE_NAME: z.string().default('Plaza Demo City').describe('The city or portal name shown on pages.'),
  PLAZA_MAX_UPLOAD_MB: z.coerce.number().positive().default(512).describe('Largest file accepted by upload or URL fetch, in MiB.'),
  PLAZA_MAX_EXPANDED_MB: z.coerce.number().positive().optional().describe('Most a file may expand to while it is loaded (decompressed gzip, a workbook\'s sheets, text converted to UTF-8), in MiB; a file that expands further is refused at once. Default: 4 × `PLAZA_MAX_UPLOAD_MB`.'),
  PLAZA_MAX_ROWS: z.coerce.number().int().positive().default(100_000_000).describe('Most rows one file may load as a version; reading stops as soon as a file passes it.'),
  PLAZA_MIN_FREE_DISK_MB: z.coerce.number().min(0).default(256).describe('Space kept free on the disk of the data folder, in MiB: a job whose scratch files would eat into it is refused before it starts, and stopped if it gets there.'),
  PLAZA_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000).describe('Time budget of one records query; a slower query is cancelled.'),
  PLAZA_FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000).describe('Time budget for downloading a file from a URL.'),
  PLAZA_HARVEST_MAX_DATASETS: z.coerce.number().int().positive().default(100_000).describe('Most datasets one harvest run takes from a source; a source listing more stops the run with a report, keeping what earlier runs brought.'),
  PLAZA_HARVEST_MAX_MB: z.coerce.number().positive().default(512).describe('Most a harvest run reads from its source, in MiB, all pages together.'),
  PLAZA_HARVEST_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000).describe('Time budget of each request a harvest run makes to its source.'),
  PLAZA_READY_TIMEOUT_MS: z.coerce.number().int().positive().default(2_000).describe('How long each readiness probe (`/readyz`) waits for the catalog, the blob store, DuckDB and Redis before it reports the engine as not answering.'),
  PLAZA_PEER_SEARCH_MS: z.coerce.number().int().positive().default(3_000).describe('Time the federated search waits for peer portals; a peer slower than this is reported as not answering.'),
  PLAZA_DUCKDB_THREADS: z.coerce.number().int().positive().optional().describe('Threads DuckDB may use; default: the number of cores.'),
  PLAZA_DUCKDB_MEMORY: z.string().default('1GB').describe('Memory DuckDB may use before spilling to disk (DuckDB size syntax, e.g. `512MB`).'),
  PLAZA_DEMO: z.enum(['true', 'false']).default('true').describe('Load the demo city datasets on the first start of `plaza start`.'),
  PLAZA_DATABASE_URL: z.string().optional().describe('Catalog database. Unset: an SQLite file in the data folder. `postgres://user:pass@host:5432/db`: PostgreSQL.'),
  PLAZA_SMTP_URL: z.string().optional().describe('Mail server for password resets and digests, like `smtp://user:pass@mail.example.org:587` or `smtps://…:465`. Unset: mail waits in the outbox.'),
  PLAZA_MAIL_FROM: z.string().default('Plaza <no-reply@localhost>').describe('The From address of the mail Plaza sends.'),
  PLAZA_THEMES: z.string().optional().describe('The dataset themes publishers choose from, separated by `|` (default: a list of common city themes).'),
  PLAZA_SESSION_DAYS: z.coerce.number().positive().default(14).describe('Days a sign-in lasts without use; each use extends it.'),
  PLAZA_ALLOW_PRIVATE_URLS: z.enum(['true', 'false']).default('false').describe('Let file URLs and webhooks reach loopback and private-network addresses (default: refused, so users cannot make the portal reach into its own network).'),
  PLAZA_TRUST_PROXY: z.string().default('false').describe('Behind a reverse proxy, which proxies to trust for the client address (`X-Forwarded-For`): `true`, or addresses/CIDRs separated by commas. Rate limits and sign-in throttling count per client address.'),
  PLAZA_RATE_LIMIT_ANONYMOUS: z.coerce.number().int().min(0).default(600).describe('API requests per minute from one address without a token or session (0: no limit).'),
  PLAZA_RATE_LIMIT_TOKEN: z.coerce.number().int().min(0).default(6000).describe('API requests per minute per API token or signed-in user (0: no limit).'),
  PLAZA_POST_LIMIT: z.coerce.number().int().min(0).default(30).describe('Problems, comments and reports one account may post per hour (0: no limit).'),
  PLAZA_POST_LIMIT_ADDRESS: z.coerce.number().int().min(0).default(100).describe('Problems, comments and reports posted per hour from one address, all accounts together (0: no limit).'),
  PLAZA_VOTE_LIMIT: z.coerce.number().int().min(0).default(300).describe('Votes (and votes taken back) one account may cast per hour (0: no limit).'),
  PLAZA_VOTE_LIMIT_ADDRESS: z.coerce.number().int().min(0).default(1000).describe('Votes cast per hour from one address, all accounts together (0: no limit).'),
  PLAZA_DIGEST_HOURS: z.coerce.number().positive().default(24).describe('Hours between email digests of subscribed activity.'),
  PLAZA_LOCALES_DIR: z.string().optional().describe('Folder of the city\'s own message files: `<language>.json` or `<language>/*.json` add a language or override Plaza\'s wording (default: `locales` in the data folder). See docs/languages.md.'),
  PLAZA_S3_BUCKET: z.string().optional().describe('Bucket of an S3-compatible object store for uploads, dataset versions and pictures. Unset: files stay in the data folder. See docs/deploy.md.'),
  PLAZA_S3_ENDPOINT: z.string().optional().describe('Address of the S3-compatible store, like `https://s3.example.org` or `http://127.0.0.1:9000` (MinIO, Garage); unset: AWS S3 in `PLAZA_S3_REGION`.'),
  PLAZA_S3_REGION: z.string().default('us-east-1').describe('Region of the bucket.'),
  PLAZA_S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false').describe('Address the bucket as `ENDPOINT/BUCKET/key` rather than `BUCKET.ENDPOINT/key` (MinIO and most self-hosted stores need `true`).'),
  PLAZA_S3_ACCESS_KEY_ID: z.string().optional().describe('Access key of the store; unset: the AWS SDK\'s own chain (environment, profile, instance role).'),
  PLAZA_S3_SECRET_ACCESS_KEY: z.string().optional().describe('Secret key that goes with `PLAZA_S3_ACCESS_KEY_ID`.'),
  PLAZA_S3_PREFIX: z.string().default('').describe('Folder inside the bucket under which every key is kept (e.g. `plaza/`), so several sites can share one bucket.'),
  PLAZA_BLOB_CACHE_MB: z.coerce.number().positive().default(2048).describe('With object storage: the most the local copies of dataset versions and uploads may take on this node\'s disk, in MiB; the least recently used go first.'),
  PLAZA_REDIS_URL: z.string().optional().describe('Redis, like `redis://127.0.0.1:6379/0`: rate limits are counted and cached pages cleared across every web node at once. Unset: each process keeps its own.'),
  PLAZA_JOB_LEASE_SECONDS: z.coerce.number().int().min(5).default(60).describe('How long a worker holds a job without renewing its claim; a job whose worker stopped answering is taken by another after this.'),
  PLAZA_JOB_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5).describe('Attempts a job gets (with growing waits between them) before it is set aside as a dead letter for an administrator.'),
  PLAZA_SHUTDOWN_SECONDS: z.coerce.number().min(0).default(30).describe('On SIGTERM, how long requests in flight and running jobs get to finish; jobs still running then are handed back to the queue.'),
  PLAZA_METRICS_TOKEN: z.string().optional().describe('When set, `/metrics` answers only requests with `Authorization: Bearer <token>`; unset, it is open (keep it off the public proxy).'),
  PLAZA_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('Log level of the structured (JSON) logs.'),
} as const;

export type SettingName = keyof typeof SETTINGS;

const schema = z.object(SETTINGS);

export interface Config {
  dataDir: string;
  host: string;
  port: number;
  baseUrl: string;
  siteName: string;
  maxUploadBytes: number;
  /** Most bytes a file may expand to while it is prepared. */
  maxExpandedBytes: number;
  maxRows: number;
  /** Bytes kept free on the data folder's disk. */
  minFreeDiskBytes: number;
  queryTimeoutMs: number;
  fetchTimeoutMs: number;
  /** A harvest run's limits: datasets, bytes read, and each request's time. */
  harvest: { maxDatasets: number; maxBytes: number; timeoutMs: number };
  peerSearchMs: number;
  readyTimeoutMs: number;
  duckdbThreads: number | undefined;
  duckdbMemory: string;
  demo: boolean;
  logLevel: string;
  /** The object store; undefined: files in the data folder. */
  s3: S3Settings | undefined;
  /** With object storage, the bytes this node's local copies may take. */
  blobCacheBytes: number;
  redisUrl: string | undefined;
  /** The job queue: how long a claim lasts unrenewed, and attempts before a dead letter. */
  jobs: { leaseMs: number; maxAttempts: number };
  /** Grace given to requests and jobs at shutdown. */
  shutdownMs: number;
  metricsToken: string | undefined;
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  themes: string[] | undefined;
  sessionDays: number;
  allowPrivateUrls: boolean;
  trustProxy: boolean | string[];
  rateLimitAnonymous: number;
  rateLimitToken: number;
  /** Posts and votes per hour in the community areas, per account and per address. */
  communityLimits: { post: { account: number; address: number }; vote: { account: number; address: number } };
  digestHours: number;
  /** The city's message files, read after Plaza's own. */
  localesDir: string;
}

export interface S3Settings {
  bucket: string;
  endpoint: string | undefined;
  region: string;
  forcePathStyle: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  prefix: string;
}

export class ConfigError extends Error {}

/** `true`/`false`, or a list of trusted proxy addresses. */
function parseTrustProxy(v: string): boolean | string[] {
  const t = v.trim().toLowerCase();
  if (t === 'true' || t === 'false') return t === 'true';
  return t.split(',').map((a) => a.trim()).filter(Boolean);
}

/** Reads and validates the settings from an environment (default: the process's). */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const input = { ...env, PLAZA_PORT: env.PLAZA_PORT ?? env.PORT };
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid settings:\n${lines.join('\n')}`);
  }
  const s = parsed.data;
  const config: Config = {
    dataDir: resolve(s.PLAZA_DATA_DIR),
    host: s.PLAZA_HOST,
    port: s.PLAZA_PORT,
    baseUrl: (s.PLAZA_BASE_URL ?? `http://${s.PLAZA_HOST === '0.0.0.0' ? 'localhost' : s.PLAZA_HOST}:${s.PLAZA_PORT}`).replace(/\/$/, ''),
    siteName: s.PLAZA_SITE_NAME,
    maxUploadBytes: Math.round(s.PLAZA_MAX_UPLOAD_MB * 1024 * 1024),
    maxExpandedBytes: Math.round((s.PLAZA_MAX_EXPANDED_MB ?? 4 * s.PLAZA_MAX_UPLOAD_MB) * 1024 * 1024),
    maxRows: s.PLAZA_MAX_ROWS,
    minFreeDiskBytes: Math.round(s.PLAZA_MIN_FREE_DISK_MB * 1024 * 1024),
    queryTimeoutMs: s.PLAZA_QUERY_TIMEOUT_MS,
    fetchTimeoutMs: s.PLAZA_FETCH_TIMEOUT_MS,
    harvest: { maxDatasets: s.PLAZA_HARVEST_MAX_DATASETS, maxBytes: Math.round(s.PLAZA_HARVEST_MAX_MB * 1024 * 1024), timeoutMs: s.PLAZA_HARVEST_TIMEOUT_MS },
    peerSearchMs: s.PLAZA_PEER_SEARCH_MS,
    readyTimeoutMs: s.PLAZA_READY_TIMEOUT_MS,
    duckdbThreads: s.PLAZA_DUCKDB_THREADS,
    duckdbMemory: s.PLAZA_DUCKDB_MEMORY,
    demo: s.PLAZA_DEMO === 'true',
    logLevel: s.PLAZA_LOG_LEVEL,
    s3: s.PLAZA_S3_BUCKET
      ? {
          bucket: s.PLAZA_S3_BUCKET,
          endpoint: s.PLAZA_S3_ENDPOINT,
          region: s.PLAZA_S3_REGION,
          forcePathStyle: s.PLAZA_S3_FORCE_PATH_STYLE === 'true',
          credentials: s.PLAZA_S3_ACCESS_KEY_ID && s.PLAZA_S3_SECRET_ACCESS_KEY ? { accessKeyId: s.PLAZA_S3_ACCESS_KEY_ID, secretAccessKey: s.PLAZA_S3_SECRET_ACCESS_KEY } : undefined,
          prefix: s.PLAZA_S3_PREFIX,
        }
      : undefined,
    blobCacheBytes: Math.round(s.PLAZA_BLOB_CACHE_MB * 1024 * 1024),
    redisUrl: s.PLAZA_REDIS_URL,
    jobs: { leaseMs: s.PLAZA_JOB_LEASE_SECONDS * 1000, maxAttempts: s.PLAZA_JOB_MAX_ATTEMPTS },
    shutdownMs: Math.round(s.PLAZA_SHUTDOWN_SECONDS * 1000),
    metricsToken: s.PLAZA_METRICS_TOKEN,
    databaseUrl: s.PLAZA_DATABASE_URL,
    smtpUrl: s.PLAZA_SMTP_URL,
    mailFrom: s.PLAZA_MAIL_FROM,
    themes: s.PLAZA_THEMES ? s.PLAZA_THEMES.split('|').map((t) => t.trim()).filter(Boolean) : undefined,
    sessionDays: s.PLAZA_SESSION_DAYS,
    allowPrivateUrls: s.PLAZA_ALLOW_PRIVATE_URLS === 'true',
    trustProxy: parseTrustProxy(s.PLAZA_TRUST_PROXY),
    rateLimitAnonymous: s.PLAZA_RATE_LIMIT_ANONYMOUS,
    rateLimitToken: s.PLAZA_RATE_LIMIT_TOKEN,
    communityLimits: { post: { account: s.PLAZA_POST_LIMIT, address: s.PLAZA_POST_LIMIT_ADDRESS }, vote: { account: s.PLAZA_VOTE_LIMIT, address: s.PLAZA_VOTE_LIMIT_ADDRESS } },
    digestHours: s.PLAZA_DIGEST_HOURS,
    localesDir: resolve(s.PLAZA_LOCALES_DIR ?? join(s.PLAZA_DATA_DIR, 'locales')),
  };
  if (Boolean(s.PLAZA_S3_ACCESS_KEY_ID) !== Boolean(s.PLAZA_S3_SECRET_ACCESS_KEY)) throw new ConfigError('Invalid settings:\n  PLAZA_S3_ACCESS_KEY_ID and PLAZA_S3_SECRET_ACCESS_KEY go together: set both or neither.');
  return { ...config, ...overrides };
}
