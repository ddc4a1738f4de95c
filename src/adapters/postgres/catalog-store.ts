import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Job } from '../../domain/catalog/types.ts';
import type { Db, SqlDialect } from '../sql/dialect.ts';
import { toJob } from '../sql/rows.ts';
import { claimedBy, dueJob } from '../sql/job-claim.ts';
import type { JobClaim } from '../../ports/store/jobs.ts';
import type { CatalogDb } from '../sql/schema.ts';
import type { CatalogStore } from '../../ports/catalog-store.ts';
import { sqlCatalogStore } from '../sql/store.ts';
import { migrations } from './migrations.ts';
import { postgresCommunitySearch } from './community-search.ts';
import { postgresSearch } from './search.ts';

/** Connections the pool keeps at most. */
export const POOL_SIZE = 10;
/** How long opening a connection may take before it counts as unreachable. */
const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Takes the oldest queued job. The subquery locks the row it picks and skips
 * rows other workers have locked, so concurrent workers each get a different
 * job, or none; the outer condition re-checks the status of the locked row.
 */
async function claimJob(db: Db, claim: JobClaim): Promise<Job | undefined> {
  const r = await db
    .updateTable('jobs')
    .set(claimedBy(claim))
    .where('seq', '=', (e) => e.selectFrom('jobs').select('seq').where(dueJob(claim)).orderBy('seq').limit(1).forUpdate().skipLocked())
    .where(dueJob(claim))
    .returningAll()
    .executeTakeFirst();
  return r && toJob(r);
}

export const postgresDialect: SqlDialect = { name: 'postgres', claimJob, search: postgresSearch, communitySearch: postgresCommunitySearch };

/**
 * Type parsers for this pool only: 64-bit integers and numerics become
 * numbers (the row types say `number`; counts never pass 2^53), and dates and
 * timestamps stay text, as every instant in the catalog is ISO 8601 text.
 */
function catalogTypes(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  // The typings list only scalar type ids; 1009 is text[], whose parser splits any array literal.
  const builtinParser = pg.types.getTypeParser as (oid: number, format: 'text') => (value: string) => unknown;
  const textArray = builtinParser(1009, 'text') as (v: string) => Array<string | null>;
  const toNumber = (v: string) => Number(v);
  const INT8 = 20;
  const INT8_ARRAY = 1016;
  const NUMERIC = 1700;
  const NUMERIC_ARRAY = 1231;
  for (const oid of [INT8, NUMERIC]) types.setTypeParser(oid, 'text', toNumber);
  for (const oid of [INT8_ARRAY, NUMERIC_ARRAY]) types.setTypeParser(oid, 'text', (v: string) => textArray(v).map((x) => (x === null ? null : Number(x))));
  const DATE = 1082;
  const TIMESTAMP = 1114;
  const TIMESTAMPTZ = 1184;
  for (const oid of [DATE, TIMESTAMP, TIMESTAMPTZ]) types.setTypeParser(oid, 'text', (v: string) => v);
  const DATE_ARRAY = 1182;
  const TIMESTAMP_ARRAY = 1115;
  const TIMESTAMPTZ_ARRAY = 1185;
  for (const oid of [DATE_ARRAY, TIMESTAMP_ARRAY, TIMESTAMPTZ_ARRAY]) types.setTypeParser(oid, 'text', textArray);
  return types;
}

/** `host:port/database` of a connection URL, without user or password. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    const host = u.searchParams.get('host') ?? (u.hostname || 'localhost');
    const db = decodeURIComponent(u.pathname.replace(/^\//, '')) || '(default database)';
    return `${host}:${u.port || '5432'}/${db}`;
  } catch {
    return 'the configured PostgreSQL server';
  }
}

/** Says in plain words why a first connection failed. */
function connectionProblem(err: unknown): string {
  const e = err as { code?: string; message?: string; errors?: Array<{ code?: string }> };
  const code = e.code ?? e.errors?.[0]?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'the server is unreachable (connection refused): is PostgreSQL running and listening there?';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    case 'ETIMEDOUT':
      return 'the server did not answer';
    case '3D000':
      return 'the database does not exist (create it first, e.g. `createdb`)';
    case '28P01':
      return 'password authentication failed';
    case '28000':
      return `the server refused the connection: ${e.message ?? 'not authorized'}`;
    case '57P03':
      return 'the server is starting up or shutting down';
  }
  if (/timeout/i.test(e.message ?? '')) return `the server did not answer within ${CONNECT_TIMEOUT_MS / 1000} s`;
  return e.message || String(err);
}

/**
 * Opens the catalog on a PostgreSQL database (a pool of up to 10
 * connections) and brings its schema up to date. Several processes may open
 * the same database at once: the migrator holds a lock while it works. Fails
 * with the server and database named when either cannot be reached.
 */
export async function openPostgresCatalog(url: string): Promise<CatalogStore> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'plaza', types: catalogTypes() });
  // A connection that breaks while idle is dropped by the pool, and the next
  // query opens another; without a listener the error would end the process.
  pool.on('error', () => {});
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => {});
    throw new Error(`Cannot open the PostgreSQL catalog at ${describePostgresUrl(url)}: ${connectionProblem(err)}`, { cause: err });
  }
  const db = new Kysely<CatalogDb>({ dialect: new PostgresDialect({ pool }) });
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }
  let closing: Promise<void> | undefined;
  return sqlCatalogStore(db, postgresDialect, () => (closing ??= db.destroy()));
}
