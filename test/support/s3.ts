import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';
import type { S3Settings } from '../../src/config.ts';

/** An S3-protocol server on loopback with one empty bucket, for tests and benchmarks. */
export interface S3Server {
  /** Settings that point Plaza at it (a fresh prefix per call of `settings`). */
  s3: S3Settings;
  /** The same as environment variables, for `plaza` processes. */
  env: Record<string, string>;
  close(): Promise<void>;
}

const ACCESS_KEY = 'S3RVER';
const SECRET_KEY = 'S3RVER';

/** Starts s3rver on 127.0.0.1 on a free port, keeping its objects in a temporary folder. */
export async function startS3(bucket = 'plaza'): Promise<S3Server> {
  const directory = await mkdtemp(join(tmpdir(), 'plaza-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const info = (await server.run()) as AddressInfo;
  const endpoint = `http://127.0.0.1:${info.port}`;
  const s3: S3Settings = { bucket, endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY }, prefix: '' };
  return {
    s3,
    env: {
      PLAZA_S3_BUCKET: bucket,
      PLAZA_S3_ENDPOINT: endpoint,
      PLAZA_S3_REGION: 'us-east-1',
      PLAZA_S3_FORCE_PATH_STYLE: 'true',
      PLAZA_S3_ACCESS_KEY_ID: ACCESS_KEY,
      PLAZA_S3_SECRET_ACCESS_KEY: SECRET_KEY,
    },
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
