import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { deleteDataset } from '../../src/actions/catalog/delete-dataset.ts';
import { queryRecords } from '../../src/actions/records/query-records.ts';
import { openSqliteCatalog } from '../../src/adapters/sqlite/catalog-store.ts';
import { fixture, startTestPlaza } from '../support/plaza.ts';
import { describeS3 } from '../support/s3-suite.ts';

/** Every file under a folder, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

const QUERY = { select: 'parameter, count(*) AS n, max(value) AS top', group_by: 'parameter', order_by: 'parameter', limit: 100 };

describeS3('a Plaza on object storage', (server) => {
  it('keeps uploads and versions in the bucket, answers records from its cache, and a second node with an empty cache answers the same', async () => {
    const s3 = { ...server().s3, prefix: 'city/' };
    const a = await startTestPlaza({}, { s3 });
    let b: Awaited<ReturnType<typeof startTestPlaza>> | undefined;
    try {
      // 9.7 MB: the raw upload goes up in two parts.
      const { slug, job } = await a.load(fixture('tabular/openaq_toronto_measurements_2025-09.csv'), { slug: 'air' });
      expect(job.status, JSON.stringify(job.errors)).toBe('succeeded');

      const stored: Array<{ key: string; size: number }> = [];
      for await (const item of a.deps.blobs.list()) stored.push(item);
      const raw = stored.filter((o) => o.key.startsWith('raw/'));
      const versions = stored.filter((o) => o.key.startsWith('versions/') && o.key.endsWith('.parquet'));
      expect(raw).toHaveLength(1);
      expect(raw[0]!.size).toBe(9_732_511);
      expect(versions).toHaveLength(1);
      // Nothing in the data folder's own store: the cache holds this node's copies.
      expect(await filesUnder(join(a.dir, 'blobs'))).toEqual([]);
      expect((await filesUnder(join(a.dir, 'blob-cache'))).sort()).toEqual([raw[0]!.key, versions[0]!.key].sort());

      const first = await queryRecords(a.deps, a.admin, slug, QUERY);
      expect(first.results.length).toBeGreaterThan(3);
      const rows = (job.result as { rows: number }).rows;
      expect(rows).toBeGreaterThan(50_000);
      expect(first.results.reduce((sum, r) => sum + Number(r.n), 0)).toBe(rows);

      // A second node: the same catalog and bucket, its own empty cache.
      b = await startTestPlaza({ catalog: await openSqliteCatalog(join(a.dir, 'catalog.sqlite')) }, { s3 });
      expect(await filesUnder(join(b.dir, 'blob-cache'))).toEqual([]);
      const second = await queryRecords(b.deps, b.admin, slug, QUERY);
      expect(second.results).toEqual(first.results);
      expect(await filesUnder(join(b.dir, 'blob-cache'))).toEqual([versions[0]!.key]);
      expect(await filesUnder(join(b.dir, 'blobs'))).toEqual([]);

      // Pictures go to the bucket and read back from it.
      const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#0050d8' } }).png().toBuffer();
      expect(await a.deps.images.save('showcases/s1', png)).toMatchObject({ ok: true });
      const picture = a.deps.images.key('showcases/s1', a.deps.images.widths[0]!);
      expect(await b.deps.blobs.has(picture)).toBe(true);
      expect((await text(await b.deps.blobs.read(picture))).slice(0, 4)).toBe('RIFF');

      // Deleting the dataset removes its version from the bucket and from this node's cache; the raw file (shared by hash) stays.
      await deleteDataset(a.deps, a.admin, slug);
      const left: string[] = [];
      for await (const item of a.deps.blobs.list('versions/')) left.push(item.key);
      expect(left).toEqual([]);
      const cached = await filesUnder(join(a.dir, 'blob-cache'));
      expect(cached.filter((f) => f.startsWith('versions/'))).toEqual([]);
      expect(cached).toContain(raw[0]!.key);
    } finally {
      await b?.close();
      await a.close();
    }
  });
});
