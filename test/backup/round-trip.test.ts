/**
 * A backup restored into an empty site gives back the same site: every
 * dataset, version and record count, account and community item, and every
 * file; on SQLite with a local folder, and on PostgreSQL with a local folder
 * and with S3-compatible object storage.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalForToken } from '../../src/actions/auth/principal.ts';
import { restoreBackup } from '../../src/actions/site/backup/restore-backup.ts';
import { takeBackup } from '../../src/actions/site/backup/take-backup.ts';
import { LocalBackupFolder } from '../../src/adapters/backup-folder/local.ts';
import { openCatalogDump } from '../../src/main/backup.ts';
import { readFile } from 'node:fs/promises';
import { adminOf, contentOf, fillSite, newSite, type SiteSettings } from '../support/backup-sites.ts';
import { startS3, type S3Server } from '../support/s3.ts';
import { postgresAvailable } from '../support/stores.ts';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { existsSync } from 'node:fs';

const required = process.env.PLAZA_REQUIRE_SERVICES === '1';
const havePostgres = await postgresAvailable();
if (!havePostgres && !required) console.warn('Skipping the PostgreSQL backup round trips: PostgreSQL at 127.0.0.1:5432 does not answer (PLAZA_REQUIRE_SERVICES=1 makes this a failure).');

// Object storage needs the S3 blob store adapter; until it is part of Plaza, that round trip cannot run.
const haveS3Adapter = existsSync(join(import.meta.dirname, '../../src/adapters/blob-s3'));
if (!haveS3Adapter) console.warn('Skipping the PostgreSQL + S3 backup round trip: Plaza has no S3 blob store adapter (src/adapters/blob-s3) yet.');

/** How many objects the S3 server keeps under `prefix`. */
async function objectsUnder(server: S3Server, prefix: string): Promise<number> {
  const client = new S3Client({ endpoint: server.s3.endpoint, region: server.s3.region, forcePathStyle: true, credentials: server.s3.credentials });
  let n = 0;
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: server.s3.bucket, Prefix: prefix, ContinuationToken: token }));
    n += page.KeyCount ?? 0;
    token = page.NextContinuationToken;
  } while (token);
  client.destroy();
  return n;
}

let work: string;
const sites: SiteSettings[] = [];
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'plaza-backups-'));
});
afterAll(async () => {
  for (const s of sites) await s.drop();
  await rm(work, { recursive: true, force: true });
});

async function site(...args: Parameters<typeof newSite>): Promise<SiteSettings> {
  const s = await newSite(...args);
  sites.push(s);
  return s;
}

/** Fills a site, backs it up, restores it into an empty one and compares the two. */
async function roundTrip(store: 'sqlite' | 'postgres', s3?: S3Server): Promise<void> {
  const source = await site(store, s3?.s3);
  const plaza = await source.open();
  const admin = await adminOf(plaza.deps);
  await fillSite(plaza, admin.principal);
  const before = await contentOf(plaza.deps, admin.principal);
  const folder = new LocalBackupFolder(join(work, `${store}${s3 ? '-s3' : ''}`));
  // Taken while the site is open and its worker runs.
  const { manifest } = await takeBackup({ catalog: await openCatalogDump(source.config), blobs: plaza.deps.blobs, clock: plaza.deps.clock, plazaVersion: '0.1.0' }, folder);
  await plaza.close();

  expect(manifest).toMatchObject({ format: 1, store, plazaVersion: '0.1.0' });
  expect(manifest.counts).toMatchObject({ datasets: 2, versions: 3, accounts: 3, problems: 1, 'problem votes': 2, 'problem comments': 1, requests: 1, 'request votes': 1, 'request comments': 1, showcases: 1 });
  const written = JSON.parse(await readFile(join(folder.where, 'manifest.json'), 'utf8')) as typeof manifest;
  expect(written.blobs.map((b) => b.key).sort()).toEqual((before.blobs as Array<{ key: string }>).map((b) => b.key));
  // Raw uploads, three Parquet versions and the showcase's pictures.
  expect(written.blobs.filter((b) => b.key.startsWith('raw/'))).toHaveLength(3);
  expect(written.blobs.some((b) => b.key.includes('showcase'))).toBe(true);

  const target = await site(store, s3?.s3);
  const restored = await restoreBackup(folder, { catalog: await openCatalogDump(target.config), openBlobs: async () => {
    const p = await target.open();
    return { blobs: p.deps.blobs, close: () => p.close() };
  } });
  expect(restored).toMatchObject({ catalogRestored: true, copied: manifest.blobs.length, kept: 0 });

  const after = await target.open();
  try {
    // The same admin token still works: its hash came back with the accounts.
    const same = await principalForToken(after.deps, admin.token);
    const content = await contentOf(after.deps, same);
    expect(content).toEqual(before);
    const covid = (content.datasets as Array<{ slug: string; versions: Array<{ records: number }> }>).find((d) => d.slug === 'covid');
    expect(covid?.versions.map((v) => v.records)).toEqual([177, 310]);
    expect((content.datasets as Array<{ slug: string; versions: Array<{ records: number }> }>).find((d) => d.slug === 'pantries')?.versions[0]?.records).toBeGreaterThan(100);
    if (s3) expect(await objectsUnder(s3, target.config.s3?.prefix ?? '')).toBe(manifest.blobs.length);
  } finally {
    await after.close();
  }
}

describe('a backup restored into an empty site', () => {
  it('on SQLite and a local folder gives back every dataset, version, record count, account, community item and file', async () => {
    await roundTrip('sqlite');
  }, 240_000);

  it.skipIf(!havePostgres && !required)('on PostgreSQL and a local folder gives back the same', async () => {
    await roundTrip('postgres');
  }, 240_000);

  it.skipIf((!havePostgres && !required) || !haveS3Adapter)('on PostgreSQL and S3-compatible object storage gives back the same, every file in the bucket', async () => {
    const s3 = await startS3();
    try {
      await roundTrip('postgres', s3);
    } finally {
      await s3.close();
    }
  }, 240_000);
});
