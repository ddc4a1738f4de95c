import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/actions/deps.ts';
import type { Dataset } from '../../src/domain/catalog/types.ts';
import { buildApp } from '../../src/http/app.ts';
import type { RowSink, TableEngine } from '../../src/ports/table-engine.ts';
import { CHICAGO, ingest, startPlaza, type Harness } from './support.ts';

/**
 * A version of 402,012 rows (the Chicago crimes file 18 times over), exported
 * as CSV (about 75 MB) through a real HTTP server and read slowly.
 */
const COPIES = 18;
const ROWS = 22_334 * COPIES;

let h: Harness;
let big: Dataset;
let server: FastifyInstance;
let base: string;

/** The engine, watching each streamed query: rows handed out, and when it ended. */
class WatchedEngine {
  readonly streams: { rows: number; done: Promise<number> }[] = [];
  constructor(private readonly inner: TableEngine) {}
  wrap(): TableEngine {
    const inner = this.inner;
    return {
      openIngest: () => inner.openIngest(),
      relation: (p) => inner.relation(p),
      query: (sql, params, opts) => inner.query(sql, params, opts),
      copyToParquet: (sql, params, out) => inner.copyToParquet(sql, params, out),
      close: () => inner.close(),
      stream: (sql, params, sink: RowSink, opts) => {
        const watch = { rows: 0, done: Promise.resolve(0) };
        watch.done = inner.stream(sql, params, async (rows) => {
          watch.rows += rows.length;
          await sink(rows);
        }, opts);
        this.streams.push(watch);
        return watch.done;
      },
    };
  }
}
let engine: WatchedEngine;

beforeAll(async () => {
  h = await startPlaza();
  const text = (await readFile(CHICAGO, 'utf8')).trimEnd();
  const header = text.slice(0, text.indexOf('\n') + 1);
  const body = text.slice(header.length) + '\n';
  const path = join(h.dir, 'chicago_x18.csv');
  const file = createWriteStream(path);
  file.write(header);
  for (let i = 0; i < COPIES; i++) if (!file.write(body)) await once(file, 'drain');
  file.end();
  await once(file, 'finish');
  big = await ingest(h, 'Chicago crimes x18', path, 'chicago_x18.csv');
  engine = new WatchedEngine(h.plaza.deps.engine);
  const deps: Deps = { ...h.plaza.deps, engine: engine.wrap() };
  server = await buildApp({ deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  await server.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await server?.close();
  await h?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A full garbage collection, so that the baseline holds no garbage from the set-up. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}

describe('streaming exports', () => {
  it('exports 400k rows as CSV with RSS growth far below the size of the output', async () => {
    // Warm up first, so the measure is of the export itself: the CSV code paths, and DuckDB's
    // memory for this query (a Parquet export runs the same query, sort included, inside DuckDB).
    await (await fetch(`${base}/api/v1/datasets/${big.slug}/export/csv?limit=20000`)).arrayBuffer();
    await (await fetch(`${base}/api/v1/datasets/${big.slug}/export/parquet`)).arrayBuffer();

    // Memory is sampled after a full collection, so it counts what is held, not garbage waiting
    // for the collector (rows are garbage as soon as they are written).
    const held = (): number => {
      collectGarbage();
      return process.memoryUsage().rss;
    };
    const start = held();
    const res = await fetch(`${base}/api/v1/datasets/${big.slug}/export/csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    let peak = start;
    let bytes = 0;
    let newlines = 0;
    let chunks = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      for (let i = value.indexOf(10); i >= 0; i = value.indexOf(10, i + 1)) newlines++;
      if (++chunks % 16 === 0) await sleep(2); // a slow reader: the server must wait for it, not pile the rows up
      if (chunks % 100 === 0) peak = Math.max(peak, held());
    }
    const growth = peak - start;
    const MB = 1024 * 1024;
    console.info(`exported ${(bytes / MB).toFixed(1)} MB in ${chunks} chunks; RSS ${(start / MB).toFixed(0)} → peak ${(peak / MB).toFixed(0)} MB (growth ${(growth / MB).toFixed(1)} MB)`);
    expect(newlines).toBe(ROWS + 1);
    expect(bytes).toBeGreaterThan(70 * MB);
    // The bound: growth under a quarter of the output. Buffering the result would grow RSS by
    // more than the output itself (row objects and strings), so this fails for any export that does.
    expect(growth).toBeLessThan(bytes / 4);
  }, 60_000);

  it('stops the query when the client goes away', async () => {
    const before = engine.streams.length;
    const abort = new AbortController();
    const res = await fetch(`${base}/api/v1/datasets/${big.slug}/export/ndjson`, { signal: abort.signal });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await sleep(200);
    abort.abort();
    const watch = engine.streams[before];
    expect(watch).toBeDefined();
    const started = Date.now();
    await watch?.done.catch(() => undefined);
    expect(Date.now() - started).toBeLessThan(5_000);
    // Back-pressure held the query near what the socket buffers take; the abort ended it there.
    expect(watch?.rows ?? ROWS).toBeLessThan(ROWS / 10);
  }, 20_000);
});
