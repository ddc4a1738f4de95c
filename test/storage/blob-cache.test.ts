import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobCache } from '../../src/adapters/blob-s3/cache.ts';

let dir: string;
let clock: number;
const now = (): number => clock;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plaza-blob-cache-'));
  clock = Date.parse('2026-12-01T10:00:00Z');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = (maxBytes: number, holdMs = 1_000) => BlobCache.open({ dir: join(dir, 'cache'), maxBytes, holdMs, now });

/** A download that writes `body` (ten bytes by default) and counts its calls. */
function source(body = 'x'.repeat(10)) {
  const calls: string[] = [];
  return {
    calls,
    fetch: (key: string) => async (tmp: string) => {
      calls.push(key);
      await writeFile(tmp, body);
    },
  };
}

/** Every file under the cache folder, as keys. */
async function onDisk(): Promise<string[]> {
  const root = join(dir, 'cache');
  return (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(root.length + 1)).sort();
}

describe('the blob cache', () => {
  it('downloads a key once, then hands out the same file', async () => {
    const cache = await open(100);
    const src = source('columns and rows');
    const path = await cache.get('versions/a/data.parquet', src.fetch('versions/a/data.parquet'));
    expect(await readFile(path, 'utf8')).toBe('columns and rows');
    expect(await cache.get('versions/a/data.parquet', src.fetch('versions/a/data.parquet'))).toBe(path);
    expect(src.calls).toEqual(['versions/a/data.parquet']);
  });

  it('evicts the least recently used file first, keeping the total within the bound', async () => {
    const cache = await open(30);
    const src = source();
    for (const key of ['raw/a', 'raw/b', 'raw/c']) {
      await cache.get(key, src.fetch(key));
      clock += 2_000;
    }
    // `raw/a` used again: `raw/b` is now the least recently used.
    await cache.get('raw/a', src.fetch('raw/a'));
    clock += 2_000;
    await cache.get('raw/d', src.fetch('raw/d'));
    expect(cache.keys()).toEqual(['raw/c', 'raw/a', 'raw/d']);
    expect(await onDisk()).toEqual(['raw/a', 'raw/c', 'raw/d']);
    expect(cache.usedBytes).toBe(30);
    clock += 2_000;
    await cache.get('raw/e', src.fetch('raw/e'));
    expect(await onDisk()).toEqual(['raw/a', 'raw/d', 'raw/e']);
    expect(src.calls).toEqual(['raw/a', 'raw/b', 'raw/c', 'raw/d', 'raw/e']);
  });

  it('never evicts a file handed out within the hold time, and catches up once it has passed', async () => {
    const cache = await open(20, 60_000);
    const src = source();
    for (const key of ['raw/a', 'raw/b', 'raw/c']) await cache.get(key, src.fetch(key));
    // All three were handed out a moment ago: over the bound rather than pulled from under a reader.
    expect(await onDisk()).toEqual(['raw/a', 'raw/b', 'raw/c']);
    expect(cache.usedBytes).toBe(30);
    clock += 61_000;
    await cache.get('raw/d', src.fetch('raw/d'));
    expect(await onDisk()).toEqual(['raw/c', 'raw/d']);
    expect(cache.usedBytes).toBe(20);
  });

  it('shares one download between requests for the same key at once', async () => {
    const cache = await open(100);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    const fetch = async (tmp: string) => {
      calls++;
      await gate;
      await writeFile(tmp, 'shared');
    };
    const both = Promise.all([cache.get('versions/v/data.parquet', fetch), cache.get('versions/v/data.parquet', fetch)]);
    release();
    const [one, two] = await both;
    expect(one).toBe(two);
    expect(calls).toBe(1);
    expect(await readFile(one, 'utf8')).toBe('shared');
  });

  it('leaves nothing behind when a download fails, and tries again on the next request', async () => {
    const cache = await open(100);
    const failing = async (tmp: string) => {
      await writeFile(tmp, 'half a fi');
      throw new Error('the connection was reset');
    };
    await expect(cache.get('raw/x', failing)).rejects.toThrow('the connection was reset');
    expect(await onDisk()).toEqual([]);
    expect(cache.keys()).toEqual([]);
    expect(cache.usedBytes).toBe(0);
    const path = await cache.get('raw/x', source('whole file').fetch('raw/x'));
    expect(await readFile(path, 'utf8')).toBe('whole file');
  });

  it('rebuilds its index from the folder after a restart, oldest use first, and clears stopped downloads', async () => {
    const first = await open(30);
    const src = source();
    for (const key of ['raw/a', 'raw/b', 'raw/c']) {
      await first.get(key, src.fetch(key));
      clock += 2_000;
    }
    await first.get('raw/a', src.fetch('raw/a'));
    // A download a stopped process left half done two hours ago, and one another process is writing now.
    const stale = join(dir, 'cache', 'raw', 'z.part-1234-abcd');
    await writeFile(stale, 'half');
    await utimes(stale, (clock - 7_200_000) / 1000, (clock - 7_200_000) / 1000);
    const current = join(dir, 'cache', 'raw', 'y.part-5678-abcd');
    await writeFile(current, 'under way');
    await utimes(current, clock / 1000, clock / 1000);
    clock += 2_000;
    const second = await open(30);
    expect(second.keys()).toEqual(['raw/b', 'raw/c', 'raw/a']);
    expect(second.usedBytes).toBe(30);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(current)).toBe(true);
    await second.get('raw/d', src.fetch('raw/d'));
    expect(await onDisk()).toEqual(['raw/a', 'raw/c', 'raw/d', 'raw/y.part-5678-abcd']);
  });

  it('takes a finished file in as a copy, and drops a copy when asked', async () => {
    const cache = await open(100);
    await mkdir(join(dir, 'work'), { recursive: true });
    const local = join(dir, 'work', 'data.parquet');
    await writeFile(local, 'PAR1');
    expect(await cache.adopt('versions/v/data.parquet', local)).toBe(true);
    expect(existsSync(local)).toBe(false);
    const path = await cache.get('versions/v/data.parquet', () => Promise.reject(new Error('no download expected')));
    expect(await readFile(path, 'utf8')).toBe('PAR1');
    await cache.remove('versions/v/data.parquet');
    expect(existsSync(path)).toBe(false);
    expect(cache.usedBytes).toBe(0);
  });

  it('downloads again a copy another process sharing the folder removed', async () => {
    const cache = await open(100);
    const src = source();
    const path = await cache.get('raw/a', src.fetch('raw/a'));
    await rm(path);
    expect(await cache.get('raw/a', src.fetch('raw/a'))).toBe(path);
    expect(src.calls).toEqual(['raw/a', 'raw/a']);
    expect(cache.usedBytes).toBe(10);
  });

  it('evicts more to keep the disk\'s reserve free, and refuses a copy that cannot fit, writing nothing', async () => {
    // A disk of 100 bytes, 40 kept free: what the cache's files do not take is free.
    const freeBytes = async () => {
      let used = 0;
      for (const f of await onDisk()) used += (await readFile(join(dir, 'cache', f))).length;
      return 100 - used;
    };
    const cache = await BlobCache.open({ dir: join(dir, 'cache'), maxBytes: 1_000, holdMs: 1_000, now, minFreeBytes: 40, freeBytes });
    const sized = (body: string) => async (tmp: string, reserve: (bytes: number) => Promise<void>) => {
      await reserve(body.length);
      await writeFile(tmp, body);
    };
    for (const key of ['raw/a', 'raw/b', 'raw/c', 'raw/d', 'raw/e']) {
      await cache.get(key, sized('x'.repeat(10)));
      clock += 2_000;
    }
    expect(await onDisk()).toEqual(['raw/a', 'raw/b', 'raw/c', 'raw/d', 'raw/e']);
    // 10 free over the reserve; 30 needed: the two least recently used go, though the bound is far.
    await cache.get('raw/f', sized('y'.repeat(30)));
    expect(await onDisk()).toEqual(['raw/c', 'raw/d', 'raw/e', 'raw/f']);
    // 50 needed: everything not held goes, and still `raw/f`, just handed out, leaves too little. Nothing is written.
    await expect(cache.get('raw/g', sized('z'.repeat(50)))).rejects.toThrow(/does not fit on the disk.*PLAZA_MIN_FREE_DISK_MB/);
    expect(await onDisk()).toEqual(['raw/f']);
    expect(cache.keys()).toEqual(['raw/f']);
  });

  it('refuses keys that leave its folder', async () => {
    const cache = await open(100);
    for (const key of ['../outside', '/etc/passwd', '', 'raw/../../x']) {
      await expect(cache.get(key, source().fetch(key)), key).rejects.toThrow(/escapes the store/);
    }
  });
});
