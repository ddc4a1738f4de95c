import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe } from 'vitest';
import { LocalBlobStore } from '../../src/adapters/blob-local/blob-store.ts';
import type { BlobStore } from '../../src/ports/blob-store.ts';

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
  open(): Promise<OpenedBlobs>;
}

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
];

/** Declares the blob store contract once for every adapter; each test gets an empty store. */
export function describeBlobStores(body: (opened: () => OpenedBlobs, suite: BlobSuite) => void): void {
  describe.each(SUITES.map((s) => [s.name, s] as const))('%s', (_name, suite) => {
    let opened: OpenedBlobs | undefined;
    beforeEach(async () => {
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
