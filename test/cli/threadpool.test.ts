/**
 * Long DuckDB queries do not hold the disk: they run on Node's thread pool,
 * as file operations do, and `plaza` (bin/threadpool.cjs, loaded first by bin/plaza.cjs) makes that pool
 * larger than four, so four long queries leave room for a file read.
 */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** In a fresh Node process (after the CommonJS `preloads`): four long queries at once, then how long a file check waits, and how long the queries ran. */
const PROGRAM = `
import { DuckDBInstance } from '@duckdb/node-api';
import { access } from 'node:fs/promises';
const db = await DuckDBInstance.create(':memory:', { threads: '1' });
const started = performance.now();
const queries = [];
for (let i = 0; i < 4; i++) queries.push((await db.connect()).run('SELECT sum(i * i) FROM range(150000000) t(i)'));
await new Promise((r) => setTimeout(r, 100));
const t = performance.now();
await access('.');
const waited = performance.now() - t;
await Promise.all(queries);
console.log(JSON.stringify({ waited, queries: performance.now() - started, pool: process.env.UV_THREADPOOL_SIZE ?? null }));
`;

async function measure(env: NodeJS.ProcessEnv, preloads: string[]): Promise<{ waited: number; queries: number; pool: string | null }> {
  const { stdout } = await promisify(execFile)(process.execPath, [...preloads.flatMap((m) => ['--require', m]), '--input-type=module', '-e', PROGRAM], { cwd: ROOT, env });
  return JSON.parse(stdout.trim()) as { waited: number; queries: number; pool: string | null };
}

describe('the thread pool', () => {
  it('lets a file operation through while four long queries run', async () => {
    const { UV_THREADPOOL_SIZE: _, ...env } = process.env;
    const plaza = await measure(env, ['./bin/threadpool.cjs']);
    expect(plaza.pool).toBe('16');
    expect(plaza.waited).toBeLessThan(250);
    // Without it, the file operation waits for a query to end: the case above is one where that would show.
    const bare = await measure(env, []);
    expect(bare.pool).toBeNull();
    expect(bare.waited).toBeGreaterThan(250);
    expect(plaza.queries).toBeGreaterThan(500);
  }, 120_000);
});
