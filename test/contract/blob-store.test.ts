import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { describeBlobStores } from './blob-store-harness.ts';

describeBlobStores((opened, suite) => {
  /** A local file with `body`, as work leaves one before storing it. */
  const local = async (name: string, body: string): Promise<string> => {
    const { work } = opened();
    await mkdir(work, { recursive: true });
    const path = join(work, name);
    await writeFile(path, body);
    return path;
  };

  describe('putFile', () => {
    it('copies by default, leaving the local file', async () => {
      const { blobs } = opened();
      const path = await local('a.csv', 'a,b\n1,2\n');
      await blobs.putFile('raw/ab/abc', path);
      expect(existsSync(path)).toBe(true);
      expect(await text(await blobs.read('raw/ab/abc'))).toBe('a,b\n1,2\n');
    });

    it('moves when asked, taking the local file away', async () => {
      const { blobs } = opened();
      const path = await local('data.parquet', 'PAR1');
      await blobs.putFile('versions/d1/v1/data.parquet', path, { move: true });
      expect(existsSync(path)).toBe(false);
      expect(await text(await blobs.read('versions/d1/v1/data.parquet'))).toBe('PAR1');
    });

    it('replaces what a key held', async () => {
      const { blobs } = opened();
      await blobs.putFile('versions/d1/v1/rejects.csv', await local('one', 'first'));
      await blobs.putFile('versions/d1/v1/rejects.csv', await local('two', 'second, longer'), { move: true });
      expect(await text(await blobs.read('versions/d1/v1/rejects.csv'))).toBe('second, longer');
      expect(await blobs.size('versions/d1/v1/rejects.csv')).toBe('second, longer'.length);
    });

    it('keeps keys in nested folders apart', async () => {
      const { blobs } = opened();
      await blobs.putFile('versions/d1/v1/data.parquet', await local('x', 'one'));
      await blobs.putFile('versions/d1/v2/data.parquet', await local('y', 'two'));
      await blobs.putFile('versions/d2/v1/data.parquet', await local('z', 'three'));
      expect(await text(await blobs.read('versions/d1/v1/data.parquet'))).toBe('one');
      expect(await text(await blobs.read('versions/d1/v2/data.parquet'))).toBe('two');
      expect(await text(await blobs.read('versions/d2/v1/data.parquet'))).toBe('three');
    });
  });

  describe('has', () => {
    it('says whether a key holds a file', async () => {
      const { blobs } = opened();
      expect(await blobs.has('raw/ab/abc')).toBe(false);
      await blobs.putFile('raw/ab/abc', await local('a', 'x'));
      expect(await blobs.has('raw/ab/abc')).toBe(true);
      expect(await blobs.has('raw/ab/abd')).toBe(false);
    });
  });

  describe('localPath', () => {
    it('gives a path whose file reads as what was stored', async () => {
      const { blobs } = opened();
      await blobs.putFile('versions/d1/v1/data.parquet', await local('p', 'columns and rows'));
      const path = await blobs.localPath('versions/d1/v1/data.parquet');
      expect(await readFile(path, 'utf8')).toBe('columns and rows');
    });
  });

  describe('read and size', () => {
    it('streams the bytes and counts them', async () => {
      const { blobs } = opened();
      const body = 'ñandú,€\n'.repeat(10_000);
      await blobs.putFile('raw/cd/cdef', await local('big', body));
      expect(await text(await blobs.read('raw/cd/cdef'))).toBe(body);
      expect(await blobs.size('raw/cd/cdef')).toBe(Buffer.byteLength(body));
    });

    it('fails for a missing key', async () => {
      const { blobs } = opened();
      await expect(blobs.size('raw/no/none')).rejects.toThrow();
      // When asked, or while reading: either way, no bytes come back.
      await expect((async () => text(await blobs.read('raw/no/none')))()).rejects.toThrow();
    });
  });

  describe('delete', () => {
    it('removes a key and leaves its neighbours', async () => {
      const { blobs } = opened();
      await blobs.putFile('versions/d1/v1/data.parquet', await local('a', 'a'));
      await blobs.putFile('versions/d1/v1/rejects.csv', await local('b', 'b'));
      await blobs.delete('versions/d1/v1/data.parquet');
      expect(await blobs.has('versions/d1/v1/data.parquet')).toBe(false);
      expect(await blobs.has('versions/d1/v1/rejects.csv')).toBe(true);
    });

    it('does nothing for a missing key', async () => {
      const { blobs } = opened();
      await expect(blobs.delete('versions/none/v1/data.parquet')).resolves.toBeUndefined();
    });
  });

  describe.runIf(suite.refusesEscapingKeys)('keys that leave the store', () => {
    const escaping = ['../outside', 'raw/../../outside', '/etc/passwd', ''];

    it('are refused for writing, reading and removing', async () => {
      const { blobs } = opened();
      const path = await local('evil', 'x');
      for (const key of escaping) {
        await expect(blobs.putFile(key, path), key).rejects.toThrow(/escapes the store/);
        await expect(blobs.localPath(key), key).rejects.toThrow(/escapes the store/);
        await expect(blobs.read(key), key).rejects.toThrow(/escapes the store/);
        await expect(blobs.size(key), key).rejects.toThrow(/escapes the store/);
        await expect(blobs.delete(key), key).rejects.toThrow(/escapes the store/);
        expect(await blobs.has(key), key).toBe(false);
      }
      expect(existsSync(path)).toBe(true);
    });

    it('stay inside when `..` comes back in', async () => {
      const { blobs } = opened();
      await blobs.putFile('raw/../raw/ab/abc', await local('in', 'inside'));
      expect(await text(await blobs.read('raw/ab/abc'))).toBe('inside');
    });
  });
});

describeBlobStores((opened) => {
  describe('list', () => {
    it('lists every key with its size, under a prefix when asked', async () => {
      const { blobs, work } = opened();
      await mkdir(work, { recursive: true });
      const a = join(work, 'a');
      await writeFile(a, 'abc');
      await blobs.putFile('raw/ab/one', a);
      await blobs.putFile('versions/v1/data.parquet', a);
      const all: Array<{ key: string; size: number }> = [];
      for await (const item of blobs.list()) all.push(item);
      expect(all.sort((x, y) => x.key.localeCompare(y.key))).toEqual([
        { key: 'raw/ab/one', size: 3 },
        { key: 'versions/v1/data.parquet', size: 3 },
      ]);
      const raw: string[] = [];
      for await (const item of blobs.list('raw/')) raw.push(item.key);
      expect(raw).toEqual(['raw/ab/one']);
    });

    it('lists nothing in an empty store', async () => {
      const { blobs } = opened();
      const keys: string[] = [];
      for await (const item of blobs.list()) keys.push(item.key);
      expect(keys).toEqual([]);
    });
  });
});

describeBlobStores((opened) => {
  const sha256 = async (stream: NodeJS.ReadableStream): Promise<string> => {
    const h = createHash('sha256');
    for await (const chunk of stream) h.update(chunk as Buffer);
    return h.digest('hex');
  };

  describe('large files', () => {
    it('stores a file larger than one upload part (9 MiB, parts of 8) byte for byte, moved or copied', async () => {
      const { blobs, work } = opened();
      await mkdir(work, { recursive: true });
      const body = Buffer.alloc(9 * 1024 * 1024);
      for (let i = 0; i < body.length; i += 4) body.writeUInt32LE(i, i);
      const path = join(work, 'big.parquet');
      await writeFile(path, body);
      const want = createHash('sha256').update(body).digest('hex');
      await blobs.putFile('versions/big/v1/data.parquet', path);
      await blobs.putFile('versions/big/v2/data.parquet', path, { move: true });
      for (const key of ['versions/big/v1/data.parquet', 'versions/big/v2/data.parquet']) {
        expect(await blobs.size(key), key).toBe(body.length);
        expect(await sha256(await blobs.read(key)), key).toBe(want);
        expect(await sha256(createReadStream(await blobs.localPath(key))), key).toBe(want);
      }
    });
  });

  describe('empty files', () => {
    it('stores and reads back a file of no bytes', async () => {
      const { blobs, work } = opened();
      await mkdir(work, { recursive: true });
      await writeFile(join(work, 'empty.csv'), '');
      await blobs.putFile('raw/e3/e3b0', join(work, 'empty.csv'), { move: true });
      expect(await blobs.size('raw/e3/e3b0')).toBe(0);
      expect(await text(await blobs.read('raw/e3/e3b0'))).toBe('');
      expect(await readFile(await blobs.localPath('raw/e3/e3b0'), 'utf8')).toBe('');
    });
  });

  describe('check', () => {
    it('resolves when the store answers', async () => {
      const { blobs } = opened();
      await expect(blobs.check()).resolves.toBeUndefined();
    });
  });

  describe('missing keys', () => {
    it('say which key is missing', async () => {
      const { blobs } = opened();
      await expect(blobs.size('raw/no/none')).rejects.toThrow(/raw\/no\/none/);
    });
  });
});
