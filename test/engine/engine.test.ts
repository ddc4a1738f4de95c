import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckTableEngine } from '../../src/adapters/duckdb/engine.ts';

let engine: DuckTableEngine;
let dir: string;

beforeAll(async () => {
  engine = await DuckTableEngine.create({ threads: 2 });
  dir = await mkdtemp(join(tmpdir(), 'plaza-engine-'));
});
afterAll(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

describe('DuckDB table engine', () => {
  it('answers in UTC on every connection', async () => {
    const queries = Array.from({ length: 12 }, () => engine.query("SELECT CAST(TIMESTAMPTZ '2025-08-31T21:00:00-04:00' AS VARCHAR) AS t, current_setting('TimeZone') AS tz", [], { timeoutMs: 5000 }));
    for (const r of await Promise.all(queries)) expect(r.rows[0]).toEqual({ t: '2025-09-01 01:00:00+00', tz: 'UTC' });
  });

  it('keeps cacheable results per SQL and parameters, and only those', async () => {
    const path = join(dir, 'v1.parquet');
    await engine.copyToParquet('SELECT i AS n FROM range(10) t(i)', [], path);
    const sql = `SELECT count(*) AS c FROM ${engine.relation(path)} WHERE n >= $1`;
    expect((await engine.query(sql, [5], { timeoutMs: 5000, cache: true })).rows).toEqual([{ c: 5 }]);
    expect((await engine.query(sql, [8], { timeoutMs: 5000, cache: true })).rows).toEqual([{ c: 2 }]);
    const again = await engine.query(sql, [5], { timeoutMs: 5000, cache: true });
    expect(again).toBe(await engine.query(sql, [5], { timeoutMs: 5000, cache: true }));
    expect(await engine.query(sql, [5], { timeoutMs: 5000 })).not.toBe(again);
  });

  it('keeps working after a query is cancelled for its time budget', async () => {
    await expect(engine.query('SELECT sum(hash(i)) FROM range(20000000000) t(i)', [], { timeoutMs: 200 })).rejects.toMatchObject({ code: 'query_timeout' });
    const after = await Promise.all(Array.from({ length: 10 }, (_, i) => engine.query('SELECT $1::INTEGER AS i', [i], { timeoutMs: 5000 })));
    expect(after.map((r) => r.rows[0]?.i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
