import { S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from '../../config.ts';
import { S3BlobStore } from './blob-store.ts';
import { BlobCache } from './cache.ts';

export interface OpenS3Options {
  /** The local cache's folder and bound. */
  cacheDir: string;
  cacheBytes: number;
  /** Bytes kept free on the cache's disk (PLAZA_MIN_FREE_DISK_MB). */
  minFreeBytes?: number;
  /** How long a file handed out stays safe from eviction (default: the cache's). */
  holdMs?: number;
  partSize?: number;
  log?: (fields: object, msg: string) => void;
}

/**
 * The SDK's client for the settings. Checksums are sent and checked only
 * where S3 requires them: the SDK's newer defaults (a CRC on every upload)
 * are not understood by every S3-compatible store.
 */
export function createS3Client(s: S3Settings): S3Client {
  return new S3Client({
    region: s.region,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    forcePathStyle: s.forcePathStyle,
    ...(s.credentials ? { credentials: s.credentials } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 3,
    // A store that does not answer is said so within seconds, not after the system's TCP time-out.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
  });
}

/** The object store the settings name, with its local cache of files opened (and its index read back). */
export async function openS3Blobs(settings: S3Settings, opts: OpenS3Options): Promise<S3BlobStore> {
  const cache = await BlobCache.open({ dir: opts.cacheDir, maxBytes: opts.cacheBytes, ...(opts.minFreeBytes !== undefined ? { minFreeBytes: opts.minFreeBytes } : {}), ...(opts.holdMs !== undefined ? { holdMs: opts.holdMs } : {}), ...(opts.log ? { log: opts.log } : {}) });
  return new S3BlobStore({ settings, client: createS3Client(settings), cache, ...(opts.partSize ? { partSize: opts.partSize } : {}) });
}
