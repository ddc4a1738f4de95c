/**
 * Scratch space: each process's folder, swept when its process is gone;
 * what running work owns is kept; work that would fill the disk is refused.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freeBytes, LocalScratchSpace } from '../../src/adapters/scratch/local.ts';
import { AppError } from '../../src/domain/errors.ts';

const MiB = 1024 * 1024;
let dir: string;
const open: LocalScratchSpace[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plaza-scratch-'));
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function space(data: string, minFreeBytes = 0): Promise<LocalScratchSpace> {
  const s = await LocalScratchSpace.open(data, { minFreeBytes });
  open.push(s);
  return s;
}

/** A process number that was in use a moment ago and is free now. */
async function goneProcess(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((done) => child.on('exit', done));
  return child.pid!;
}

/** A folder as another process would have left it, with a file of `bytes` in a job folder. */
async function leftBy(data: string, pid: number, opts: { host?: string; beatAgoMs?: number; bytes?: number; startedAt?: string } = {}): Promise<string> {
  const name = `proc-${pid}-${Math.random().toString(16).slice(2, 10)}`;
  const folder = join(data, 'tmp', name);
  await mkdir(join(folder, 'ingest-abc'), { recursive: true });
  await writeFile(join(folder, 'ingest-abc', 'decompressed'), Buffer.alloc(opts.bytes ?? 1024));
  const owner = join(folder, 'owner.json');
  await writeFile(owner, JSON.stringify({ pid, host: opts.host ?? hostname(), startedAt: opts.startedAt ?? new Date().toISOString() }));
  if (opts.beatAgoMs) {
    const then = new Date(Date.now() - opts.beatAgoMs);
    await utimes(owner, then, then);
  }
  return name;
}

const entries = async (data: string): Promise<string[]> => (await readdir(join(data, 'tmp'))).sort();

describe('the scratch space of a data folder', () => {
  it('sweeps at start-up what gone processes and older versions left, and keeps what live processes own', async () => {
    const data = join(dir, 'sweep');
    await mkdir(join(data, 'tmp', 'ingest-old1', 'x'), { recursive: true });
    await writeFile(join(data, 'tmp', 'ingest-old1', 'x', 'big'), Buffer.alloc(2 * MiB));
    await mkdir(join(data, 'tmp', 'upload-old2'), { recursive: true });
    await mkdir(join(data, 'tmp', 'duckdb'), { recursive: true });
    const dead = await leftBy(data, await goneProcess(), { bytes: 3 * MiB });
    // This test's own process number, on a folder made before this process started: a process before a restart.
    const before = await leftBy(data, process.pid, { startedAt: new Date(Date.now() - process.uptime() * 1000 - 60_000).toISOString() });
    const sleeper = spawn('sleep', ['30']);
    try {
      const alive = await leftBy(data, sleeper.pid!);
      const reused = await leftBy(data, sleeper.pid!, { beatAgoMs: 11 * 60_000 });
      const elsewhere = await leftBy(data, 999_999, { host: 'another-node' });
      const removed: string[][] = [];
      const s = await LocalScratchSpace.open(data, { minFreeBytes: 0, log: (r) => removed.push(r.removed) });
      open.push(s);
      const now = await entries(data);
      expect(now).toContain(alive);
      expect(now).toContain(elsewhere);
      for (const gone of [dead, before, reused, 'ingest-old1', 'upload-old2', 'duckdb']) expect(now).not.toContain(gone);
      expect(removed.flat().sort()).toEqual([dead, before, reused, 'ingest-old1', 'upload-old2', 'duckdb'].sort());
    } finally {
      sleeper.kill();
    }
  });

  it('keeps what running work owns, and sweeps what it released or left behind', async () => {
    const data = join(dir, 'own');
    const s = await space(data);
    const running = await s.acquire('ingest');
    await writeFile(join(running.path, 'data.parquet'), 'x');
    const done = await s.acquire('export');
    await done.release();
    await done.release();
    // A folder no acquisition owns, as an interrupted release would leave it.
    const stray = join(running.path, '..', 'upload-stray');
    await mkdir(stray);
    const report = await s.sweep();
    expect(report.removed.map((r) => r.split('/').pop())).toEqual(['upload-stray']);
    const mine = await readdir(join(running.path, '..'));
    expect(mine.sort()).toEqual([running.path.split('/').pop(), 'owner.json'].sort());
    await running.release();
  });

  it('another process sweeps this one only once it is gone', async () => {
    const data = join(dir, 'two');
    const first = await space(data);
    const work = await first.acquire('ingest');
    const second = await space(data);
    expect((await second.sweep()).removed).toEqual([]);
    await writeFile(join(work.path, 'f'), 'x');
    await first.close();
    open.splice(open.indexOf(first), 1);
    expect((await entries(data)).length).toBe(1);
  });

  it('refuses work that needs more than the disk can spare, before writing anything', async () => {
    const data = join(dir, 'full');
    await mkdir(join(data, 'tmp'), { recursive: true });
    const free = await freeBytes(join(data, 'tmp'));
    // 1 GiB to spare above the reserve (others writing to the disk meanwhile move it a little).
    const s = await space(data, free - 1024 * MiB);
    const ok = await s.acquire('ingest', { needBytes: 600 * MiB });
    const refused = await s.acquire('ingest', { needBytes: 4096 * MiB }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('insufficient_storage');
    expect((refused as AppError).message).toMatch(/^This needs about 4 GiB of scratch space, but the disk holding Plaza's data has \d+ MiB to spare: .* free, of which .* is kept free \(setting PLAZA_MIN_FREE_DISK_MB\)\. Nothing was written\./);
    // What running work said it would write counts against the next.
    const second = await s.acquire('ingest', { needBytes: 600 * MiB }).catch((e: unknown) => e);
    expect((second as AppError).code).toBe('insufficient_storage');
    await ok.release();
    const dirs = (await readdir(join(data, 'tmp'), { recursive: true })).filter((p) => p.includes('ingest-'));
    expect(dirs).toEqual([]);
  });

  it('stops running work when the disk comes down to the space kept free', async () => {
    const data = join(dir, 'watch');
    await mkdir(join(data, 'tmp'), { recursive: true });
    const s = await space(data, (await freeBytes(join(data, 'tmp'))) + 1024 * MiB);
    await expect(s.checkRoom()).rejects.toMatchObject({ code: 'insufficient_storage', message: expect.stringMatching(/^The disk holding Plaza's data is down to .* free, .* kept free \(setting PLAZA_MIN_FREE_DISK_MB\), so the work was stopped and its files removed\./) });
    const watch = s.watch(20);
    await new Promise<void>((done) => watch.signal.addEventListener('abort', () => done()));
    watch.stop();
    expect(watch.signal.reason).toBeInstanceOf(AppError);
  });
});
