import { join } from 'node:path';
import { LocalBlobStore } from '../adapters/blob-local/blob-store.ts';
import type { Config } from '../config.ts';
import type { WorkerLog } from '../jobs/worker.ts';
import type { BlobStore } from '../ports/blob-store.ts';

/**
 * The blob store the settings name: the object store with a local cache of
 * files in `<dataDir>/blob-cache` when `PLAZA_S3_BUCKET` is set, else the
 * data folder. The AWS SDK is loaded only in the first case, so that a
 * Plaza without object storage starts without it.
 */
export async function openBlobs(config: Config, log: WorkerLog): Promise<BlobStore> {
  if (!config.s3) return new LocalBlobStore(config.dataDir);
  // The SDK warns once that releases after January 2027 need Node 22; this is its documented switch, for that warning only.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const { openS3Blobs } = await import('../adapters/blob-s3/open.ts');
  const blobs = await openS3Blobs(config.s3, { cacheDir: join(config.dataDir, 'blob-cache'), cacheBytes: config.blobCacheBytes, minFreeBytes: config.minFreeDiskBytes, log: (fields, msg) => log.info(fields, msg) });
  // Said at start, without holding it up: the store may come up after Plaza does, and readiness asks again.
  blobs.check().catch((e: unknown) => log.error({ err: (e as Error).message }, 'the object store does not answer'));
  return blobs;
}
