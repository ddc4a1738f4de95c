import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { CatalogCensus, CatalogDump } from '../../ports/catalog-dump.ts';
import { census } from '../sql/census.ts';
import { describePostgresUrl } from './catalog-store.ts';

/** A tool's outcome: its exit code and what it wrote to stderr. */
interface ToolRun {
  code: number;
  stderr: string;
}

/** Runs a PostgreSQL client tool; a tool that is not installed is said plainly. */
function runTool(tool: string, args: string[], env: NodeJS.ProcessEnv): Promise<ToolRun & { stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') reject(new Error(`${tool} is not installed (or not on PATH). Install the PostgreSQL client tools of the server's version or newer (on Debian and Ubuntu: postgresql-client), then run the command again.`));
      else reject(e);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** The major version a client tool reports (`pg_dump (PostgreSQL) 15.20 …` → 15). */
export function toolMajor(versionLine: string): number | null {
  const m = /\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?/.exec(versionLine);
  if (!m) return null;
  const major = Number(m[1]);
  // Before 10, the major version was two numbers (9.6); any of them is older than every supported server.
  return major < 10 ? major / 10 : major;
}

/** The connection URL without its password, and the environment carrying the password (never a command line). */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  try {
    const u = new URL(url);
    if (u.password) {
      env.PGPASSWORD = decodeURIComponent(u.password);
      u.password = '';
    }
    return { dbname: u.toString(), env };
  } catch {
    return { dbname: url, env };
  }
}

/**
 * The PostgreSQL catalog as a dump: `pg_dump --format=custom` of the whole
 * database, taken in a snapshot that the counts are read in too, and put back
 * with `pg_restore` in one transaction.
 */
export class PostgresCatalogDump implements CatalogDump {
  readonly kind = 'postgres' as const;
  readonly fileName = 'catalog.pgdump';
  private readonly where: string;

  constructor(private readonly url: string) {
    this.where = describePostgresUrl(url);
  }

  private open(): Kysely<object> {
    const pool = new pg.Pool({ connectionString: this.url, max: 1, connectionTimeoutMillis: 10_000, application_name: 'plaza-backup' });
    pool.on('error', () => {});
    return new Kysely<object>({ dialect: new PostgresDialect({ pool }) });
  }

  async census(): Promise<CatalogCensus> {
    const db = this.open();
    try {
      return await census(db);
    } finally {
      await db.destroy();
    }
  }

  /** Refuses a tool older than the server: it could not read the server's catalog, or would miss what is new. */
  private async checkTool(tool: string, db: Kysely<object>): Promise<void> {
    const version = await runTool(tool, ['--version'], process.env);
    const major = toolMajor(version.stdout);
    const server = await sql<{ v: string }>`SELECT current_setting('server_version_num') AS v`.execute(db);
    const serverMajor = Math.floor(Number(server.rows[0]?.v ?? 0) / 10000);
    if (major === null) throw new Error(`Cannot tell which version ${tool} is (it says "${version.stdout.trim()}").`);
    const shown = /\(PostgreSQL\)\s+(\S+)/.exec(version.stdout)?.[1] ?? String(major);
    if (major < serverMajor) throw new Error(`${tool} is version ${shown}, older than the PostgreSQL server at ${this.where} (version ${serverMajor}). Install the client tools of version ${serverMajor} or newer (on Debian and Ubuntu: postgresql-client-${serverMajor}) and put them first on PATH.`);
  }

  async dump(toFile: string): Promise<CatalogCensus> {
    const db = this.open();
    try {
      await this.checkTool('pg_dump', db);
      // One snapshot for both the dump and the counts, so the manifest describes exactly what was dumped.
      return await db.connection().execute(async (conn) => {
        await sql`BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`.execute(conn);
        try {
          const snap = await sql<{ id: string }>`SELECT pg_export_snapshot() AS id`.execute(conn);
          const counts = await census(conn);
          const { dbname, env } = connection(this.url);
          const run = await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snap.rows[0]?.id ?? ''}`, `--file=${toFile}`, `--dbname=${dbname}`], env);
          if (run.code !== 0) throw new Error(`pg_dump of ${this.where} failed: ${run.stderr.trim()}`);
          if (!existsSync(toFile)) throw new Error(`pg_dump of ${this.where} ended without writing ${toFile}.`);
          return counts;
        } finally {
          await sql`COMMIT`.execute(conn);
        }
      });
    } finally {
      await db.destroy();
    }
  }

  async restore(fromFile: string): Promise<void> {
    const db = this.open();
    try {
      await this.checkTool('pg_restore', db);
      const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
      if (tables.length > 0) {
        const names = new Set(tables.map((t) => t.name));
        if (!names.has('kysely_migration')) throw new Error(`The database ${this.where} holds tables that are not Plaza's (${[...names].slice(0, 5).join(', ')}). Restore into a new, empty database.`);
        // An empty Plaza catalog (opened once, nothing in it): its schema goes, the backup's takes its place.
        await db.transaction().execute(async (tx) => {
          await sql`DROP SCHEMA public CASCADE`.execute(tx);
          await sql`CREATE SCHEMA public`.execute(tx);
        });
      }
    } finally {
      await db.destroy();
    }
    const { dbname, env } = connection(this.url);
    const run = await runTool('pg_restore', ['--single-transaction', '--exit-on-error', '--no-owner', '--no-privileges', `--dbname=${dbname}`, fromFile], env);
    if (run.code !== 0) throw new Error(`pg_restore into ${this.where} failed, and restored nothing: ${run.stderr.trim()}`);
  }
}
