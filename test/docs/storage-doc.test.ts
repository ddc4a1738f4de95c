import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalBlobStore } from '../../src/adapters/blob-local/blob-store.ts';
import { DEFAULT_PART_SIZE } from '../../src/adapters/blob-s3/blob-store.ts';
import { DEFAULT_HOLD_MS, STALE_PART_MS } from '../../src/adapters/blob-s3/cache.ts';
import { SETTINGS, loadConfig } from '../../src/config.ts';
import { openBlobs } from '../../src/main/blobs.ts';

const read = (p: string) => readFile(new URL(`../../${p}`, import.meta.url), 'utf8');
const quiet = { info: () => undefined, error: () => undefined };

describe('docs/storage.md stays true', () => {
  it('lists every object storage setting, with the cache size default it states', async () => {
    const doc = await read('docs/storage.md');
    const names = Object.keys(SETTINGS).filter((n) => n.startsWith('PLAZA_S3_') || n === 'PLAZA_BLOB_CACHE_MB');
    expect(names).toHaveLength(8);
    for (const name of names) expect(doc, name).toContain(`| \`${name}\` |`);
    expect(doc).toContain(`(default ${SETTINGS.PLAZA_BLOB_CACHE_MB.parse(undefined)} MiB)`);
  });

  it('states the part size and the hold time the code uses', async () => {
    const doc = await read('docs/storage.md');
    expect(doc).toContain(`in parts of ${DEFAULT_PART_SIZE / 1024 / 1024} MiB`);
    expect(doc).toContain(`in the last ${DEFAULT_HOLD_MS / 60_000} minutes is never removed`);
    expect(STALE_PART_MS).toBe(3_600_000);
    expect(doc).toContain('half-finished downloads older\n  than an hour are removed');
  });

  it('names the folders the stores use, and the keys in the table are where the local folder puts them (so a sync moves a site)', async () => {
    const doc = await read('docs/storage.md');
    const dir = await mkdtemp(join(tmpdir(), 'plaza-storage-doc-'));
    try {
      const local = new LocalBlobStore(dir);
      const file = join(dir, 'f');
      await writeFile(file, 'x');
      for (const key of ['raw/ab/abcdef', 'versions/d1/v1/data.parquet', 'showcases/s1/320.webp']) {
        await local.putFile(key, file);
        expect(existsSync(join(dir, 'blobs', key)), key).toBe(true);
      }
      expect(doc).toContain('`<data folder>/blobs/<key>`');
      expect(doc).toContain('aws s3 sync data/blobs s3://');
      // A store that does not answer does not stop the opening; the cache folder is where the page says.
      const s3 = await openBlobs(loadConfig({}, { dataDir: dir, s3: { bucket: 'b', endpoint: 'http://127.0.0.1:9', region: 'us-east-1', forcePathStyle: true, credentials: undefined, prefix: '' } }), quiet);
      expect(s3).toBeDefined();
      expect(existsSync(join(dir, 'blob-cache'))).toBe(true);
      expect(doc).toContain('`<data folder>/blob-cache/<key>`');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('matches the keys the ingest and the pictures use', async () => {
    const doc = await read('docs/storage.md');
    const work = await read('src/actions/ingest/ingest-work.ts');
    expect(work).toContain('`versions/${payload.datasetId}/${payload.versionId}/data.parquet`');
    expect(work).toContain('`versions/${payload.datasetId}/${payload.versionId}/rejects.csv`');
    expect(doc).toContain('`versions/<dataset id>/<version id>/data.parquet`');
    expect(await read('src/actions/ingest/store-raw.ts')).toContain('`raw/${sha256.slice(0, 2)}/${sha256}`');
    expect(await read('src/actions/showcases/submit-showcase.ts')).toContain('`showcases/${id}`');
    expect(doc).toContain('`showcases/<showcase id>/<width>.webp`');
  });
});
