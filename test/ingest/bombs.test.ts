/**
 * Files made to expand far past what was uploaded: gzip bombs of rows and of
 * zeros, text that grows when converted to UTF-8, and files with more rows
 * than a version may hold. Each must stop at once with a clear message,
 * leave no scratch files, and keep the previous version live.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../../src/actions/catalog/read-datasets.ts';
import type { Limits } from '../../src/actions/deps.ts';
import { loadConfig } from '../../src/config.ts';
import type { Job } from '../../src/domain/catalog/types.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

const MiB = 1024 * 1024;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plaza-bombs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * A gzip file of `members` copies of one compressed member: a valid
 * multi-member gzip that expands to `members × block.length` bytes while
 * staying a few hundred KB on disk, made in well under a second.
 */
function gzipBomb(block: Buffer, members: number, header = ''): Buffer {
  const member = gzipSync(block, { level: 9 });
  return Buffer.concat([gzipSync(Buffer.from(header)), ...Array<Buffer>(members).fill(member)]);
}

/** The default limits with some changed. */
function limits(changes: Partial<Limits>): Limits {
  const c = loadConfig({});
  return { maxUploadBytes: c.maxUploadBytes, maxExpandedBytes: c.maxExpandedBytes, maxRows: c.maxRows, queryTimeoutMs: c.queryTimeoutMs, fetchTimeoutMs: c.fetchTimeoutMs, harvest: c.harvest, peerSearchMs: c.peerSearchMs, readyTimeoutMs: c.readyTimeoutMs, ...changes };
}

/** Files left in the scratch space besides each process's owner file and the engine's folder. */
async function scratchFiles(t: TestPlaza): Promise<string[]> {
  const root = join(t.dir, 'tmp');
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name !== 'owner.json' && !join(e.parentPath, e.name).includes(`${join('engine', '')}`))
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1));
}

/** A Plaza with these limits and a keeper dataset whose good v1 must stay live through every failure. */
async function plazaWith(changes: Partial<Limits>): Promise<{ t: TestPlaza; keeper: string }> {
  const t = await startTestPlaza({ limits: limits(changes) });
  const good = join(dir, `keeper-${Date.now()}.csv`);
  await writeFile(good, 'id,name\n1,Montréal\n2,Québec\n');
  const { slug } = await t.load(good);
  return { t, keeper: slug };
}

/** Adds bytes as a new version of the keeper, timing the whole job. */
async function attempt(t: TestPlaza, keeper: string, name: string, data: Buffer): Promise<{ job: Job; seconds: number; liveBefore: string | null }> {
  const path = join(dir, name);
  await writeFile(path, data);
  const liveBefore = (await getDataset(t.deps, t.admin, keeper)).dataset.liveVersionId;
  const started = performance.now();
  const job = await t.addVersion(keeper, path);
  return { job, seconds: (performance.now() - started) / 1000, liveBefore };
}

/** The job failed with this message; the version live before is still live; nothing is left in scratch space or the blob store. */
async function expectRefused(t: TestPlaza, keeper: string, { job, liveBefore }: { job: Job; liveBefore: string | null }, message: RegExp): Promise<void> {
  expect(job.status).toBe('failed');
  expect(job.errors[0]?.message).toMatch(message);
  const d = await getDataset(t.deps, t.admin, keeper);
  expect(liveBefore).not.toBeNull();
  expect(d.dataset.liveVersionId).toBe(liveBefore);
  const failed = d.versions.find((v) => v.id === (job.payload as { versionId: string }).versionId);
  expect(failed?.status).toBe('failed');
  expect(await t.deps.blobs.has(`versions/${d.dataset.id}/${failed?.id}/data.parquet`)).toBe(false);
  expect(await scratchFiles(t)).toEqual([]);
}

describe('a gzip file that expands past the limit', () => {
  let t: TestPlaza;
  let keeper: string;
  beforeAll(async () => {
    ({ t, keeper } = await plazaWith({ maxExpandedBytes: 64 * MiB }));
  }, 60_000);
  afterAll(async () => t?.close());

  it('stops as soon as it passes the limit, says so, and keeps nothing (rows of "0": 1 GiB from a few hundred KB)', async () => {
    // (echo n; yes 0) | head -c 1G | gzip, made of 64 members of 16 MiB.
    const bomb = gzipBomb(Buffer.from('0\n'.repeat(8 * MiB)), 64, 'n\n');
    expect(bomb.length).toBeLessThan(2 * MiB);
    const tried = await attempt(t, keeper, 'zeros.csv.gz', bomb);
    await expectRefused(t, keeper, tried, /^The file expands past 64 MiB when decompressed; the limit is 64 MiB \(setting PLAZA_MAX_EXPANDED_MB\)\./);
    expect(tried.job.result).toMatchObject({ code: 'payload_too_large' });
    // Stopping at 64 MiB of the 1 GiB takes a moment; expanding it all took many seconds.
    expect(tried.seconds).toBeLessThan(15);
  }, 60_000);

  it('refuses binary zeros from their first bytes instead of writing them out (3 GiB of zeros)', async () => {
    const bomb = gzipBomb(Buffer.alloc(16 * MiB), 192);
    const tried = await attempt(t, keeper, 'zeros.bin.gz', bomb);
    await expectRefused(t, keeper, tried, /^This is a binary file, not text, not a data file Plaza can load\./);
    expect(tried.seconds).toBeLessThan(10);
  }, 60_000);

  it('stops text that grows past the limit when converted to UTF-8', async () => {
    // Windows-1252 "é" is one byte and two in UTF-8: 40 MiB becomes 80 MiB, past 64 MiB.
    const small = await plazaWith({ maxExpandedBytes: 64 * MiB });
    try {
      const text = iconv.encode(`name\n${'é'.repeat(1023)}\n`.repeat(40 * 1024), 'windows-1252');
      const tried = await attempt(small.t, small.keeper, 'accents.csv', text);
      await expectRefused(small.t, small.keeper, tried, /^The file expands past 64 MiB when converted to UTF-8; the limit is 64 MiB/);
    } finally {
      await small.t.close();
    }
  }, 60_000);
});

describe('a file with more rows than the limit', () => {
  let t: TestPlaza;
  let keeper: string;
  beforeAll(async () => {
    ({ t, keeper } = await plazaWith({ maxRows: 100_000 }));
  }, 60_000);
  afterAll(async () => t?.close());

  it('stops a gzip bomb of rows while decompressing, long before the bytes limit', async () => {
    const bomb = gzipBomb(Buffer.from('0\n'.repeat(8 * MiB)), 128, 'n\n');
    const tried = await attempt(t, keeper, 'rows.csv.gz', bomb);
    await expectRefused(t, keeper, tried, /^The file has more than 100,000 rows; the limit is 100,000 rows \(setting PLAZA_MAX_ROWS\)\./);
    expect(tried.seconds).toBeLessThan(10);
  }, 60_000);

  it('refuses a plain CSV with one row too many, and loads one at the limit', async () => {
    const rows = (n: number) => Buffer.from(`id,name\n${Array.from({ length: n }, (_, i) => `${i},"row ""${i}""\nwith a line break"`).join('\n')}\n`);
    const over = await attempt(t, keeper, 'over.csv', rows(100_001));
    await expectRefused(t, keeper, over, /^The file has more than 100,000 rows/);
    const at = await attempt(t, keeper, 'at.csv', rows(100_000));
    expect(at.job.status).toBe('succeeded');
    expect(at.job.result).toMatchObject({ rows: 100_000 });
  }, 60_000);

  it('refuses a large plain CSV past the limit on the path written straight from the file (checked on what the engine read)', async () => {
    // 24 MiB (past the 16 MiB from which files skip staging) of 12 million rows.
    const big = Buffer.concat([Buffer.from('n\n'), Buffer.alloc(24 * MiB, '7\n')]);
    const tried = await attempt(t, keeper, 'big.csv', big);
    await expectRefused(t, keeper, tried, /^The file has more than 100,000 rows/);
  }, 60_000);

  it('counts the rows of a gzipped CSV with quoted line breaks as rows, not lines', async () => {
    // 60,000 rows of three lines each: 180,000 lines, within the limit as rows.
    const body = Array.from({ length: 60_000 }, (_, i) => `${i},"a\nb\nc"`).join('\n');
    const { job } = await attempt(t, keeper, 'multiline.csv.gz', gzipSync(Buffer.from(`id,text\n${body}\n`)));
    expect(job.status).toBe('succeeded');
    expect(job.result).toMatchObject({ rows: 60_000 });
  }, 60_000);

  it('refuses NDJSON past the limit', async () => {
    const lines = Array.from({ length: 100_001 }, (_, i) => JSON.stringify({ id: i, note: 'say "hi"' })).join('\n');
    const tried = await attempt(t, keeper, 'many.ndjson.gz', gzipSync(Buffer.from(lines)));
    await expectRefused(t, keeper, tried, /^The file has more than 100,000 rows/);
  }, 60_000);
});
