/**
 * Work bounded by the disk: an ingest whose file would expand past what the
 * disk can spare is refused before it writes anything, and one that brings
 * the disk down to the space kept free (a file whose size its trailer does
 * not tell) is stopped, its files removed, the previous version kept.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDataset } from '../../src/actions/catalog/read-datasets.ts';
import { addResource } from '../../src/actions/ingest/add-resource.ts';
import { freeBytes, LocalScratchSpace } from '../../src/adapters/scratch/local.ts';
import type { Job } from '../../src/domain/catalog/types.ts';
import { AppError } from '../../src/domain/errors.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

const MiB = 1024 * 1024;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plaza-disk-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A Plaza whose scratch space can spare only `spare` bytes of the disk, with a keeper dataset. */
async function plazaSparing(spare: number): Promise<{ t: TestPlaza; keeper: string; scratchRoot: string }> {
  const data = join(dir, `scratch-${Math.random().toString(16).slice(2)}`);
  await mkdir(join(data, 'tmp'), { recursive: true });
  const scratch = await LocalScratchSpace.open(data, { minFreeBytes: (await freeBytes(join(data, 'tmp'))) - spare });
  const t = await startTestPlaza({ scratch });
  const keeper = join(dir, `keeper-${Date.now()}.csv`);
  await writeFile(keeper, 'id,name\n1,Montréal\n');
  return { t, keeper: (await t.load(keeper)).slug, scratchRoot: join(data, 'tmp') };
}

async function addVersion(t: TestPlaza, slug: string, name: string, data: Buffer): Promise<{ job: Job; liveBefore: string | null }> {
  const path = join(dir, name);
  await writeFile(path, data);
  const liveBefore = (await getDataset(t.deps, t.admin, slug)).dataset.liveVersionId;
  return { job: await t.addVersion(slug, path), liveBefore };
}

async function workFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name !== 'owner.json' && !e.parentPath.includes('/engine')).map((e) => e.name);
}

describe('work bounded by the free disk space', () => {
  it('refuses an ingest whose file would expand past what the disk can spare, before writing anything', async () => {
    const { t, keeper, scratchRoot } = await plazaSparing(256 * MiB);
    try {
      // One gzip member of 300 MiB: its trailer says so, and twice that is more than the 256 MiB to spare.
      const gz = gzipSync(Buffer.concat([Buffer.from('id,value\n'), Buffer.alloc(300 * MiB, '1,2\n')]), { level: 1 });
      const { job, liveBefore } = await addVersion(t, keeper, 'large.csv.gz', gz);
      expect(job.status).toBe('failed');
      expect(job.errors[0]?.message).toMatch(/^This needs about 600 MiB of scratch space, but the disk holding Plaza's data has \d+ MiB to spare: .* Nothing was written\./);
      expect(job.result).toMatchObject({ code: 'insufficient_storage' });
      // Refused before the preparing phase: nothing was expanded.
      expect(job.rowsRead).toBe(0);
      expect((await getDataset(t.deps, t.admin, keeper)).dataset.liveVersionId).toBe(liveBefore);
      expect(await workFiles(scratchRoot)).toEqual([]);
    } finally {
      await t.close();
    }
  }, 120_000);

  it('stops an ingest that brings the disk down to the space kept free, and removes its files', async () => {
    const { t, keeper, scratchRoot } = await plazaSparing(200 * MiB);
    try {
      // 40 members of 16 MiB: the last member's trailer says 16 MiB, the file expands to 640 MiB.
      const member = gzipSync(Buffer.from('1,2\n'.repeat(4 * MiB)), { level: 9 });
      const gz = Buffer.concat([gzipSync(Buffer.from('id,value\n')), ...Array<Buffer>(40).fill(member)]);
      const { job, liveBefore } = await addVersion(t, keeper, 'sneaky.csv.gz', gz);
      expect(job.status).toBe('failed');
      expect(job.errors[0]?.message).toMatch(/^The disk holding Plaza's data is down to .* free, the .* kept free \(setting PLAZA_MIN_FREE_DISK_MB\), so the work was stopped and its files removed\./);
      expect((await getDataset(t.deps, t.admin, keeper)).dataset.liveVersionId).toBe(liveBefore);
      expect(await workFiles(scratchRoot)).toEqual([]);
    } finally {
      await t.close();
    }
  }, 120_000);

  it('refuses an upload once the disk is down to the space kept free, and keeps nothing of it', async () => {
    const { t, keeper, scratchRoot } = await plazaSparing(16 * MiB);
    try {
      const body = Readable.from((function* () {
        for (let i = 0; i < 40; i++) yield Buffer.from('1,2\n'.repeat(1024 * 1024));
      })());
      const refused = await addResource(t.deps, t.admin, keeper, { file: body, filename: 'more.csv' }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).code).toBe('insufficient_storage');
      expect(await workFiles(scratchRoot)).toEqual([]);
    } finally {
      await t.close();
    }
  }, 120_000);
});
