/**
 * The scale-out benchmark's section of bench/RESULTS.md: figures per request
 * type and setup (medians over the windows), memory of each node, what the
 * shared engines did, and how the figures bear on ten web nodes.
 */
import type { StreamResult } from './load.ts';
import type { BigTable } from './seed.ts';
import { median, writeSection } from '../pages/portal.ts';

const BEGIN = '<!-- scale: written by bench/scale/serve.ts -->';
const END = '<!-- scale: end -->';
/** The section goes after part 11's. */
const AFTER = '<!-- harvest: end -->';
/** Connections each `plaza` process may hold open to PostgreSQL (src/adapters/postgres/catalog-store.ts). */
export const PG_POOL_SIZE = 10;

export interface SetupResult {
  name: string;
  nodes: string[];
  windows: StreamResult[][];
  rssStart: Record<string, number>;
  rssEnd: Record<string, number>;
  /** Each node's RSS after each measured window. */
  rssWindows: Record<string, number[]>;
  big: BigTable;
  /** Cluster only: Redis commands the server processed during the measured windows (every client of that server). */
  redisCommands?: number;
  /** Cluster only: connections to the cluster's database at the end, and the server's limit. */
  pgConnections?: number;
  maxConnections?: number;
  /** Cluster only: bytes each web node copied from the bucket into its local cache. */
  blobCacheBytes?: Record<string, number>;
}

export interface SectionInput {
  started: string;
  seconds: number;
  count: number;
  loads: Array<{ at: string; load1: number }>;
  setups: SetupResult[];
  cpu: string;
  mix: Record<string, number>;
  problems: number;
  votesPerProblem: number;
  accounts: number;
}

const f = (x: number | undefined, d = 0) => (x !== undefined && Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '—');

/** One type's figures in one window, every node together: requests summed, p50 weighted by requests, p99 the worst node's. */
function combine(rs: StreamResult[]): { requests: number; errors: number; rps: number; p50: number; p99: number } {
  const requests = rs.reduce((s, r) => s + r.requests, 0);
  return {
    requests,
    errors: rs.reduce((s, r) => s + r.non2xx + r.errors + r.timeouts, 0),
    rps: rs.reduce((s, r) => s + r.rps, 0),
    p50: requests ? rs.reduce((s, r) => s + r.p50 * r.requests, 0) / requests : NaN,
    p99: Math.max(...rs.map((r) => r.p99)),
  };
}

export interface TypeFigures {
  type: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

/** Per type: medians over the windows (requests and errors summed). */
export function figures(setup: SetupResult, types: string[]): TypeFigures[] {
  return types.map((type) => {
    const per = setup.windows.map((w) => combine(w.filter((r) => r.type === type)));
    return { type, requests: per.reduce((s, p) => s + p.requests, 0), errors: per.reduce((s, p) => s + p.errors, 0), rps: median(per.map((p) => p.rps)), p50: median(per.map((p) => p.p50)), p99: median(per.map((p) => p.p99)) };
  });
}

export function renderSection(input: SectionInput): string {
  const types = Object.keys(input.mix);
  const [cluster, single] = input.setups;
  const rows = input.setups.map((s) => ({ s, figs: figures(s, types) }));
  const throughput = (s: SetupResult) => median(s.windows.map((w) => w.reduce((sum, r) => sum + r.rps, 0)));
  const errors = (s: SetupResult) => s.windows.flat().reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0);
  const requests = (s: SetupResult) => s.windows.flat().reduce((sum, r) => sum + r.requests, 0);
  const growth = (s: SetupResult, n: string) => (100 * (s.rssEnd[n]! - s.rssStart[n]!)) / s.rssStart[n]!;
  const worstGrowth = (s: SetupResult) => Math.max(...s.nodes.map((n) => growth(s, n)));
  const mark = (ok: boolean) => (ok ? 'PASS' : '**MISS**');
  const perConnections = types.map((t) => `${t} ${input.mix[t]}`).join(', ');

  const table = rows
    .map(({ s, figs }) => `### ${s.name}\n\n| Request | Requests | Errors | p50 (ms) | p99 (ms) | Requests/s |\n|---|---:|---:|---:|---:|---:|\n${figs.map((x) => `| ${x.type} | ${f(x.requests)} | ${f(x.errors)} | ${f(x.p50, 1)} | ${f(x.p99, 1)} | ${f(x.rps, 1)} |`).join('\n')}\n| **all** | ${f(requests(s))} | ${f(errors(s))} | | | ${f(throughput(s), 1)} |`)
    .join('\n\n');
  const memory = input.setups
    .flatMap((s) => s.nodes.map((n) => `| ${s.name} | ${n} | ${f(s.rssStart[n], 0)} | ${(s.rssWindows[n] ?? []).map((x) => f(x, 0)).join(' → ')} | ${f(s.rssEnd[n], 0)} | ${f(growth(s, n), 1)}% |`))
    .join('\n');

  const targets = [
    ...input.setups.map((s) => `| 0 errors (non-2xx counted), ${s.name} | ${f(errors(s))} of ${f(requests(s))} | ${mark(errors(s) === 0)} |`),
    ...input.setups.map((s) => `| RSS growth ≤ 10% after warm-up, ${s.name} | worst node ${f(worstGrowth(s), 1)}% | ${mark(worstGrowth(s) <= 10)} |`),
  ].join('\n');

  let scaling = '';
  if (cluster && single) {
    const ratio = throughput(cluster) / throughput(single);
    const perRequest = (cluster.redisCommands ?? NaN) / requests(cluster);
    const cachedMiB = Object.values(cluster.blobCacheBytes ?? {}).map((b) => b / 1048576);
    const tenNodes = 10 * PG_POOL_SIZE + 2 * PG_POOL_SIZE;
    scaling = `### Growing to ten web nodes

Reasoned from the figures above; nothing here ran ten nodes.

- **This machine first.** Both setups share ${input.cpu} with the load generator, PostgreSQL, Redis and s3rver, so neither setup can go faster than the cores: the cluster's throughput is ${f(ratio, 2)}× the single process's (${f(throughput(cluster), 0)} against ${f(throughput(single), 0)} requests/s). On two shared cores a second node adds little capacity of its own, and it adds the network hops to PostgreSQL, Redis and the bucket that the single process makes in memory. On real hardware each web node brings its own cores, and the pages, searches and records queries are CPU-bound in the node (DuckDB over the cached Parquet file, HTML rendering), so throughput grows with nodes until a shared engine stops it.
- **PostgreSQL connections next.** Each \`plaza\` process keeps a pool of up to ${PG_POOL_SIZE} connections; the two nodes and the worker held ${f(cluster.pgConnections)} at the end of the run (the server allows ${f(cluster.maxConnections)}). Ten web nodes and two workers may open ${tenNodes}, ${tenNodes > (cluster.maxConnections ?? 100) ? 'more than' : 'close to'} that limit: the first thing to give way at ten nodes is the connection count, not PostgreSQL's work (catalog reads are small indexed queries; votes are one short transaction). Put PgBouncer (transaction pooling) in front, or lower the pool per node, before adding nodes.
${perRequest > 0.01
    ? `- **Redis stays light.** The Redis server processed ${f(perRequest, 1)} commands per request during the measured windows (rate-limit counters, cache invalidation; the count is the whole server's, so other clients on this machine add to it). At the cluster's ${f(throughput(cluster), 0)} requests/s that is about ${f(perRequest * throughput(cluster), 0)} commands/s; one Redis does 100,000 simple commands/s, so ten nodes at several times this rate leave it far from its limit.`
    : '- **Redis** received no commands from the nodes during the measured windows: the build that ran does not count rate limits or clear caches through it yet, so this run says nothing of its load.'}
- **Object storage on a cold cache.** Each web node copied ${cachedMiB.length ? cachedMiB.map((m) => `${f(m, 1)} MiB`).join(' and ') : '—'} from the bucket into its local cache (the versions it served) and then read them locally. A new node, or one whose cache was emptied, fetches the versions it is asked for once: ten fresh nodes fetch ten times that, once, at the store's bandwidth. Versions are immutable, so the caches never need invalidating; size \`PLAZA_BLOB_CACHE_MB\` to hold the versions people read.
- **The worker** is idle under this load (no uploads); ingests and mail scale with workers separately, each holding ${PG_POOL_SIZE} connections of its own.`;
  }

  return `${BEGIN}
## Scale-out: two web nodes on PostgreSQL, S3 and Redis, next to one process (part 12)

${input.seconds * input.count < 300 ? '**A smoke run**, shorter than the five minutes the targets are about: its figures show that the harness works, not what Plaza can carry, and RSS growth over so short a run means little.\n\n' : ''}Run ${input.started}, \`npm run bench -- scale --seconds ${input.seconds * input.count}\`: ${input.count} windows of ${input.seconds} s per setup after a warm-up window of the same length (not counted), medians over the windows; RSS is read from \`/proc\` after the warm-up and after each window. Machine: ${input.cpu}; 1-minute load average ${input.loads.map((l) => `${l.at} ${f(l.load1, 2)}`).join(', ')}.

- **Cluster**: two \`plaza web\` processes and one \`plaza worker\`, each a real \`plaza\` process with its own data folder, on a fresh PostgreSQL database, s3rver on loopback (the versions and uploads; each web node keeps a local cache) and a Redis database of their own. The load is split evenly: every request type goes to both nodes at once.
- **Single process**: \`plaza serve\` (web and worker in one process) on SQLite and a local folder, the same data, the same total connections.
- **Data**: the demo city's seven tables and the big table \`${cluster?.big.file ?? single?.big.file}\` (${f(cluster?.big.rows ?? single?.big.rows)} rows), uploaded over HTTP and published; ${f(input.problems)} problems with ${f(input.problems * input.votesPerProblem)} generated votes; ${f(input.accounts)} residents with confirmed addresses and API tokens.
- **Load** (bench/scale/load.ts, autocannon in its own process, connections per node: ${perConnections}): catalog search \`GET /api/v1/datasets?q=…\` over 16 words; dataset pages \`/datasets/{slug}\` as visitors get them; records queries on the big table (a filter on \`${cluster?.big.column ?? single?.big.column}\`, then the same filter sorted with an offset, over 60 values); exports (CSV of a filtered slice of the big table, and the whole of a small table); problem votes (\`PUT\` then \`DELETE /api/v1/problems/{id}/vote\`, each with one of the residents' tokens, over 4,000 account–problem pairs). Rate limits are set far above the load, so they are counted but never reached. Per type: p50 is the nodes' p50 weighted by their requests, p99 the worse node's; errors are non-2xx answers, connection errors and time-outs.

${table}

### Memory (RSS, MiB)

| Setup | Process | After warm-up | After each window | At the end | Growth |
|---|---|---:|---|---:|---:|
${memory}

### Targets

| Target | Measured | Result |
|---|---|---|
${targets}

${scaling}
${END}`;
}

export async function writeScaleSection(section: string): Promise<void> {
  await writeSection(BEGIN, END, section, AFTER);
}
