import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { LocalBlobStore } from '../../src/adapters/blob-local/blob-store.ts';
import { loadConfig } from '../../src/config.ts';
import { openBlobs } from '../../src/main/blobs.ts';
import type { BlobStore } from '../../src/ports/blob-store.ts';
import { startS3, type S3Server } from '../support/s3.ts';

/** One blob store on a fresh place, removed after its test. */
interface OpenedBlobs {
  blobs: BlobStore;
  /** Where the test writes the local files it puts in. */
  work: string;
  drop(): Promise<void>;
}

interface BlobSuite {
  name: string;
  /** Properties of this adapter the contract checks only where they hold. */
  refusesEscapingKeys: boolean;
  /** Starts what the suite's stores need, once per file; throws when it cannot. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
  open(): Promise<OpenedBlobs>;
}

const required = (): boolean => process.env.PLAZA_REQUIRE_SERVICES === '1';
const quiet = { info: () => undefined, error: () => undefined };

let s3: S3Server | undefined;

/** Every BlobStore adapter; an object store is one more entry. */
const SUITES: BlobSuite[] = [
  {
    name: 'local folder',
    refusesEscapingKeys: true,
    async open() {
      const root = await mkdtemp(join(tmpdir(), 'plaza-blobs-'));
      const work = join(root, 'work');
      return { blobs: new LocalBlobStore(join(root, 'data')), work, drop: () => rm(root, { recursive: true, force: true }) };
    },
  },
  {
    // s3rver on loopback, one bucket for the file, a fresh prefix (folder in the bucket) and data folder per test.
    name: 'S3 (s3rver)',
    refusesEscapingKeys: true,
    async start() {
      s3 = await startS3();
    },
    async stop() {
      await s3?.close();
      s3 = undefined;
    },
    async open() {
      if (!s3) throw new Error('the S3-protocol server is not running');
      const root = await mkdtemp(join(tmpdir(), 'plaza-blobs-s3-'));
      const config = loadConfig({}, { dataDir: join(root, 'data'), s3: { ...s3.s3, prefix: `t-${randomBytes(4).toString('hex')}/` }, blobCacheBytes: 64 * 1024 * 1024 });
      return { blobs: await openBlobs(config, quiet), work: join(root, 'work'), drop: () => rm(root, { recursive: true, force: true }) };
    },
  },
];

/**
 * Declares the blob store contract once for every adapter; each test gets an
 * empty store. A suite whose server cannot start is skipped with a warning,
 * or fails under PLAZA_REQUIRE_SERVICES=1.
 */
export function describeBlobStores(body: (opened: () => OpenedBlobs, suite: BlobSuite) => void): void {
  describe.each(SUITES.map((s) => [s.name, s] as const))('%s', (_name, suite) => {
    let opened: OpenedBlobs | undefined;
    let problem: string | undefined;
    beforeAll(async () => {
      try {
        await suite.start?.();
      } catch (e) {
        problem = `the ${suite.name} store could not start: ${(e as Error).message}`;
        if (!required()) console.warn(`Skipping the blob store contract on ${suite.name}: ${problem}. PLAZA_REQUIRE_SERVICES=1 makes this a failure.`);
      }
    });
    afterAll(async () => {
      await suite.stop?.();
    });
    beforeEach(async (ctx) => {
      if (problem && required()) throw new Error(`${problem} (PLAZA_REQUIRE_SERVICES=1: the S3-protocol server must run here)`);
      if (problem) return ctx.skip(problem);
      opened = await suite.open();
    });
    afterEach(async () => {
      await opened?.drop();
      opened = undefined;
    });
    body(() => {
      if (!opened) throw new Error(`no ${suite.name} blob store is open`);
      return opened;
    }, suite);
  });
}
