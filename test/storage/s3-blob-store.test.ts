import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { S3BlobStore } from '../../src/adapters/blob-s3/blob-store.ts';
import { BlobCache } from '../../src/adapters/blob-s3/cache.ts';
import { createS3Client } from '../../src/adapters/blob-s3/open.ts';
import { loadConfig, type S3Settings } from '../../src/config.ts';
import { openBlobs } from '../../src/main/blobs.ts';
import { describeS3 } from '../support/s3-suite.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plaza-s3-store-'));
  await mkdir(join(dir, 'work'), { recursive: true });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const quiet = { info: () => undefined, error: () => undefined };
let n = 0;

/** An S3BlobStore on its own prefix and cache folder, counting the requests it sends by command. */
async function store(settings: S3Settings, opts: { prefix?: string; cacheDir?: string } = {}) {
  const s = { ...settings, prefix: opts.prefix ?? `p${++n}/` };
  const client = createS3Client(s);
  const sent: string[] = [];
  client.middlewareStack.add((next, context) => async (args) => {
    sent.push(String(context.commandName));
    return next(args);
  }, { step: 'initialize', name: 'countRequests' });
  const cache = await BlobCache.open({ dir: opts.cacheDir ?? join(dir, `cache-${n}`), maxBytes: 64 * 1024 * 1024 });
  return { blobs: new S3BlobStore({ settings: s, client, cache }), sent, client, settings: s };
}

async function file(name: string, body: string | Buffer): Promise<string> {
  const path = join(dir, 'work', name);
  await writeFile(path, body);
  return path;
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describeS3('the S3 blob store', (server) => {
  it('opens without the AWS SDK warning about Node versions, and answers', async () => {
    delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    const warnings: string[] = [];
    const listen = (w: Error) => warnings.push(w.message);
    process.on('warning', listen);
    try {
      const blobs = await openBlobs(loadConfig({}, { dataDir: dir, s3: server().s3 }), quiet);
      await blobs.check();
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', listen);
    }
    expect(warnings.filter((w) => w.includes('NodeVersionSupportWarning'))).toEqual([]);
    expect(existsSync(join(dir, 'blob-cache'))).toBe(true);
    expect(existsSync(join(dir, 'blobs'))).toBe(false);
  });

  it('uploads a file larger than one part as a multipart upload, and a small one in one request', async () => {
    const { blobs, sent } = await store(server().s3);
    await blobs.putFile('versions/v/data.parquet', await file('big', Buffer.alloc(9 * 1024 * 1024, 1)));
    expect(sent.filter((c) => c === 'UploadPartCommand')).toHaveLength(2);
    expect(sent).toContain('CreateMultipartUploadCommand');
    expect(sent).toContain('CompleteMultipartUploadCommand');
    sent.length = 0;
    await blobs.putFile('raw/ab/abc', await file('small', 'a,b\n'));
    expect(sent).toEqual(['PutObjectCommand']);
  });

  it('keeps a moved file as the local copy, so this node does not download it again', async () => {
    const { blobs, sent } = await store(server().s3);
    const local = await file('data.parquet', 'PAR1 rows');
    await blobs.putFile('versions/v/data.parquet', local, { move: true });
    expect(existsSync(local)).toBe(false);
    sent.length = 0;
    const path = await blobs.localPath('versions/v/data.parquet');
    expect(await readFile(path, 'utf8')).toBe('PAR1 rows');
    expect(sent).toEqual([]);
  });

  it('downloads once into an empty cache when two readers want the same file at once', async () => {
    const prefix = `shared${++n}/`;
    const writer = await store(server().s3, { prefix });
    await writer.blobs.putFile('versions/v/data.parquet', await file('p', 'columns'));
    const reader = await store(server().s3, { prefix });
    const [one, two] = await Promise.all([reader.blobs.localPath('versions/v/data.parquet'), reader.blobs.localPath('versions/v/data.parquet')]);
    expect(one).toBe(two);
    expect(await readFile(one, 'utf8')).toBe('columns');
    expect(reader.sent.filter((c) => c === 'GetObjectCommand')).toHaveLength(1);
  });

  it('keeps keys under the prefix in the bucket, in the local folder layout', async () => {
    const { blobs, client, settings } = await store(server().s3, { prefix: 'city-a' });
    await blobs.putFile('raw/ab/abcdef', await file('r', 'x'));
    await blobs.putFile('versions/v1/data.parquet', await file('d', 'y'));
    const listed = await client.send(new ListObjectsV2Command({ Bucket: settings.bucket, Prefix: 'city-a/' }));
    expect(listed.Contents?.map((o) => o.Key).sort()).toEqual(['city-a/raw/ab/abcdef', 'city-a/versions/v1/data.parquet']);
  });

  it('drops the local copy when a key is deleted or put again by copy', async () => {
    const { blobs } = await store(server().s3);
    await blobs.putFile('versions/v/rejects.csv', await file('a', 'first'), { move: true });
    const path = await blobs.localPath('versions/v/rejects.csv');
    await blobs.putFile('versions/v/rejects.csv', await file('b', 'second'));
    expect(await readFile(await blobs.localPath('versions/v/rejects.csv'), 'utf8')).toBe('second');
    await blobs.delete('versions/v/rejects.csv');
    expect(existsSync(path)).toBe(false);
    await expect(blobs.localPath('versions/v/rejects.csv')).rejects.toThrow(/No file "versions\/v\/rejects.csv" in the bucket "plaza" at http:\/\/127\.0\.0\.1:\d+/);
  });

  it('names the bucket and the endpoint when the bucket does not exist, at the check and on use', async () => {
    const s3 = { ...server().s3, bucket: 'no-such-bucket' };
    const { blobs } = await store(s3);
    const where = new RegExp(`bucket "no-such-bucket" at ${s3.endpoint!.replace(/[.]/g, '\\.')}`);
    await expect(blobs.check()).rejects.toThrow(where);
    await expect(blobs.check()).rejects.toThrow(/PLAZA_S3_BUCKET/);
    await expect(blobs.putFile('raw/ab/abc', await file('x', 'x'))).rejects.toThrow(where);
    await expect(blobs.localPath('raw/ab/abc')).rejects.toThrow(where);
  });

  it('says the credentials were refused without ever showing the secret', async () => {
    const secret = 'wJalrXUtnFEMI-not-the-right-one';
    const { blobs } = await store({ ...server().s3, credentials: { accessKeyId: 'SOMEONE', secretAccessKey: secret } });
    const failures = await Promise.all([blobs.check(), blobs.size('raw/ab/abc'), blobs.putFile('raw/ab/abc', await file('y', 'y'))].map((p) => p.then(() => null, (e: Error) => e)));
    for (const e of failures) {
      expect(e?.message).toMatch(/refused .*bucket "plaza" at http:\/\/127\.0\.0\.1:\d+.*PLAZA_S3_ACCESS_KEY_ID/);
      expect(e?.message).not.toContain(secret);
      expect(JSON.stringify(e)).not.toContain(secret);
    }
  });

  it('says the store cannot be reached, naming the endpoint', async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}`;
    const { blobs } = await store({ ...server().s3, endpoint });
    await expect(blobs.check()).rejects.toThrow(new RegExp(`could not be reached.*${endpoint.replace(/[.]/g, '\\.')}|${endpoint.replace(/[.]/g, '\\.')}.*could not be reached`));
    await expect(blobs.read('raw/ab/abc')).rejects.toThrow(/PLAZA_S3_ENDPOINT/);
  });
});
