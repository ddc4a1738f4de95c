import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { S3Settings } from '../../config.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { BlobCache } from './cache.ts';
import { describeFailure, isNotFound } from './errors.ts';
import { normalizeKey, normalizePrefix } from './keys.ts';

export interface S3BlobStoreOptions {
  settings: S3Settings;
  client: S3Client;
  /** Local copies for `localPath`. */
  cache: BlobCache;
  /** Size of each part of a multipart upload; files up to this size go up in one request. Default 8 MiB. */
  partSize?: number;
}

export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
/** Parts sent at once by one upload. */
const PARTS_AT_ONCE = 2;

/**
 * Files in an S3-compatible object store (AWS S3, MinIO, Garage, …), under
 * the same keys as the local folder with the settings' prefix before them.
 * Files are uploaded from disk as multipart uploads, parts of `partSize`;
 * `localPath` gives a copy from the local cache, downloaded on first use.
 */
export class S3BlobStore implements BlobStore {
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly partSize: number;

  constructor(private readonly opts: S3BlobStoreOptions) {
    this.bucket = opts.settings.bucket;
    this.prefix = normalizePrefix(opts.settings.prefix);
    this.partSize = opts.partSize ?? DEFAULT_PART_SIZE;
  }

  private objectKey(key: string): string {
    return this.prefix + normalizeKey(key);
  }

  private fail(action: string, key: string | undefined, e: unknown): Error {
    return describeFailure(this.opts.settings, action, key, e);
  }

  async putFile(key: string, localPath: string, opts: { move?: boolean } = {}): Promise<void> {
    const clean = normalizeKey(key);
    const body = createReadStream(localPath);
    try {
      await new Upload({
        client: this.opts.client,
        params: { Bucket: this.bucket, Key: this.prefix + clean, Body: body },
        partSize: this.partSize,
        queueSize: PARTS_AT_ONCE,
        // A failed upload is aborted, so no parts are left in the bucket.
        leavePartsOnError: false,
      }).done();
    } catch (e) {
      throw this.fail('store', clean, e);
    } finally {
      body.destroy();
    }
    if (!opts.move) {
      // What this node kept under the key is no longer what the store holds.
      await this.opts.cache.remove(clean);
      return;
    }
    // Kept as the local copy, so the next reader on this node does not download it again.
    if (!(await this.opts.cache.adopt(clean, localPath))) await rm(localPath, { force: true });
  }

  async has(key: string): Promise<boolean> {
    let objectKey: string;
    try {
      objectKey = this.objectKey(key);
    } catch {
      return false;
    }
    try {
      await this.opts.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      return true;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw this.fail('look for', key, e);
    }
  }

  async localPath(key: string): Promise<string> {
    const clean = normalizeKey(key);
    return this.opts.cache.get(clean, (tmp, reserve) => this.download(clean, tmp, reserve));
  }

  private async download(key: string, tmp: string, reserve: (bytes: number) => Promise<void>): Promise<void> {
    const { body, size } = await this.getObject(key);
    try {
      if (size !== undefined) await reserve(size);
    } catch (e) {
      body.destroy();
      throw e;
    }
    try {
      await pipeline(body, createWriteStream(tmp));
    } catch (e) {
      throw this.fail('download', key, e);
    }
  }

  async read(key: string): Promise<Readable> {
    return (await this.getObject(key)).body;
  }

  private async getObject(key: string): Promise<{ body: Readable; size: number | undefined }> {
    const objectKey = this.objectKey(key);
    try {
      const res = await this.opts.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      if (!(res.Body instanceof Readable)) throw new Error('the answer had no body');
      return { body: res.Body, size: res.ContentLength };
    } catch (e) {
      throw this.fail('read', key, e);
    }
  }

  async size(key: string): Promise<number> {
    const objectKey = this.objectKey(key);
    try {
      const res = await this.opts.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      return res.ContentLength ?? 0;
    } catch (e) {
      throw this.fail('measure', key, e);
    }
  }

  async delete(key: string): Promise<void> {
    const clean = normalizeKey(key);
    try {
      // Deleting a missing key succeeds on S3.
      await this.opts.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.prefix + clean }));
    } catch (e) {
      if (!isNotFound(e)) throw this.fail('delete', clean, e);
    }
    await this.opts.cache.remove(clean);
  }

  async *list(prefix = ''): AsyncIterable<{ key: string; size: number }> {
    let token: string | undefined;
    do {
      let page;
      try {
        page = await this.opts.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix + prefix, ...(token ? { ContinuationToken: token } : {}) }));
      } catch (e) {
        throw this.fail('list', undefined, e);
      }
      for (const o of page.Contents ?? []) {
        if (o.Key?.startsWith(this.prefix)) yield { key: o.Key.slice(this.prefix.length), size: o.Size ?? 0 };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async close(): Promise<void> {
    this.opts.client.destroy();
  }

  async check(): Promise<void> {
    try {
      await this.opts.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (e) {
      throw this.fail('reach', undefined, e);
    }
  }
}
