/**
 * What a restore refuses, and how it leaves the site: a backup whose files do
 * not match its manifest, a site that is not empty, a backup of the other
 * kind of catalog; and a restore that stops midway and goes on with --resume.
 */
import { cp, readFile, rm, writeFile, mkdtemp, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreBackup, type RestoreTarget } from '../../src/actions/site/backup/restore-backup.ts';
import { takeBackup } from '../../src/actions/site/backup/take-backup.ts';
import { LocalBackupFolder } from '../../src/adapters/backup-folder/local.ts';
import { AppError } from '../../src/domain/errors.ts';
import type { BackupManifest } from '../../src/domain/site/backup.ts';
import { openCatalogDump } from '../../src/main/backup.ts';
import type { BlobStore } from '../../src/ports/blob-store.ts';
import { adminOf, contentOf, fillSite, newSite, type SiteSettings } from '../support/backup-sites.ts';
import { postgresAvailable } from '../support/stores.ts';

const required = process.env.PLAZA_REQUIRE_SERVICES === '1';
const havePostgres = (await postgresAvailable()) || required;
if (!havePostgres) console.warn('Skipping the PostgreSQL restore refusals: PostgreSQL at 127.0.0.1:5432 does not answer (PLAZA_REQUIRE_SERVICES=1 makes this a failure).');

let work: string;
let backup: string;
let manifest: BackupManifest;
let before: Record<string, unknown>;
let adminToken: string;
const sites: SiteSettings[] = [];

async function site(store: 'sqlite' | 'postgres' = 'sqlite'): Promise<SiteSettings> {
  const s = await newSite(store);
  sites.push(s);
  return s;
}

/** The restore target for a site's settings; `failAfter` makes the blob store fail after that many files. */
async function targetOf(s: SiteSettings, failAfter?: number): Promise<RestoreTarget> {
  return {
    catalog: await openCatalogDump(s.config),
    async openBlobs() {
      const plaza = await s.open();
      let n = 0;
      const blobs: BlobStore = Object.create(plaza.deps.blobs) as BlobStore;
      blobs.putFile = async (key, path, opts) => {
        if (failAfter !== undefined && n >= failAfter) throw new Error('the disk is full');
        n++;
        return plaza.deps.blobs.putFile(key, path, opts);
      };
      return { blobs, close: () => plaza.close() };
    },
  };
}

/** A copy of the good backup to spoil. */
async function copyOfBackup(name: string): Promise<string> {
  const dir = join(work, name);
  await cp(backup, dir, { recursive: true });
  return dir;
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** The target holds nothing: no catalog rows and no files. */
async function expectEmpty(s: SiteSettings): Promise<void> {
  const counts = await (await openCatalogDump(s.config)).census();
  expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  const blobs = join(s.config.dataDir, 'blobs');
  expect(existsSync(blobs) ? await readdir(blobs) : []).toEqual([]);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'plaza-backup-refusals-'));
  const source = await site();
  const plaza = await source.open();
  const admin = await adminOf(plaza.deps);
  adminToken = admin.token;
  await fillSite(plaza, admin.principal);
  before = await contentOf(plaza.deps, admin.principal);
  backup = join(work, 'good');
  ({ manifest } = await takeBackup({ catalog: await openCatalogDump(source.config), blobs: plaza.deps.blobs, clock: plaza.deps.clock, plazaVersion: '0.1.0' }, new LocalBackupFolder(backup)));
  await plaza.close();
}, 180_000);
afterAll(async () => {
  for (const s of sites) await s.drop();
  await rm(work, { recursive: true, force: true });
});

describe('a tampered backup', () => {
  it('with one byte of a file changed is refused, naming the file, and the site stays empty', async () => {
    const dir = await copyOfBackup('one-byte');
    const parquet = manifest.blobs.find((b) => b.key.endsWith('.parquet'));
    if (!parquet) throw new Error('the backup has no Parquet file');
    const bytes = await readFile(join(dir, parquet.path));
    const at = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
    await writeFile(join(dir, parquet.path), bytes);
    const target = await site();
    const e = await refusal(restoreBackup(new LocalBackupFolder(dir), await targetOf(target)));
    expect(e.code).toBe('bad_file');
    expect(e.message).toContain('nothing was restored');
    expect(e.message).toContain(parquet.path);
    expect(e.details).toEqual({ missing: [], changed: [parquet.path] });
    await expectEmpty(target);
  });

  it('with a file removed, or its catalog changed, is refused naming each', async () => {
    const dir = await copyOfBackup('removed');
    const gone = manifest.blobs[0]!;
    await rm(join(dir, gone.path));
    await writeFile(join(dir, manifest.catalog.path), Buffer.concat([await readFile(join(dir, manifest.catalog.path)), Buffer.from([0])]));
    const target = await site();
    const e = await refusal(restoreBackup(new LocalBackupFolder(dir), await targetOf(target)));
    expect(e.details).toEqual({ missing: [gone.path], changed: [manifest.catalog.path] });
    expect(e.message).toMatch(new RegExp(`missing: ${gone.path}.*not as backed up.*${manifest.catalog.path}`));
    await expectEmpty(target);
  });

  it('without its manifest is not a backup', async () => {
    const dir = await copyOfBackup('no-manifest');
    await rm(join(dir, 'manifest.json'));
    const target = await site();
    const e = await refusal(restoreBackup(new LocalBackupFolder(dir), await targetOf(target)));
    expect(e.message).toContain('has no manifest.json');
    await expectEmpty(target);
  });
});

describe('the site a backup goes into', () => {
  it('must be empty: one with an account is refused, naming what it holds, and left as it was', async () => {
    const target = await site();
    const plaza = await target.open();
    await adminOf(plaza.deps);
    await plaza.close();
    const e = await refusal(restoreBackup(new LocalBackupFolder(backup), await targetOf(target)));
    expect(e.code).toBe('conflict');
    expect(e.message).toContain('The site is not empty: its catalog holds accounts: 1, api tokens: 1');
    expect(await (await openCatalogDump(target.config)).census()).toMatchObject({ accounts: 1, datasets: 0 });
  });

  it('may have been opened once, its catalog empty', async () => {
    const target = await site();
    await (await target.open()).close();
    const r = await restoreBackup(new LocalBackupFolder(backup), await targetOf(target));
    expect(r.catalogRestored).toBe(true);
    expect(await (await openCatalogDump(target.config)).census()).toEqual(manifest.counts);
  });

  it.skipIf(!havePostgres)('on PostgreSQL may be a database a site opened once: its empty schema makes way for the backup\'s', async () => {
    const source = await site('postgres');
    const plaza = await source.open();
    const admin = await adminOf(plaza.deps);
    const folder = new LocalBackupFolder(join(work, 'postgres'));
    const { manifest: pgManifest } = await takeBackup({ catalog: await openCatalogDump(source.config), blobs: plaza.deps.blobs, clock: plaza.deps.clock, plazaVersion: '0.1.0' }, folder);
    await plaza.close();
    const target = await site('postgres');
    await (await target.open()).close();
    await restoreBackup(folder, await targetOf(target));
    expect(await (await openCatalogDump(target.config)).census()).toEqual(pgManifest.counts);
    const after = await target.open();
    try {
      const { principalForToken } = await import('../../src/actions/auth/principal.ts');
      expect((await principalForToken(after.deps, admin.token)).kind).toBe('user');
    } finally {
      await after.close();
    }
  }, 60_000);

  it.skipIf(!havePostgres)('must run on the same kind of catalog: a SQLite backup is refused by a PostgreSQL site, which stays empty', async () => {
    const target = await site('postgres');
    const e = await refusal(restoreBackup(new LocalBackupFolder(backup), await targetOf(target)));
    expect(e.code).toBe('conflict');
    expect(e.message).toContain('This backup holds a SQLite catalog, and this site\'s catalog is PostgreSQL');
    expect(Object.values(await (await openCatalogDump(target.config)).census()).every((n) => n === 0)).toBe(true);
  });
});

describe('a restore that stops midway', () => {
  it('says what was restored and how to go on, and --resume finishes it into the same site', async () => {
    const target = await site();
    const e = await refusal(restoreBackup(new LocalBackupFolder(backup), await targetOf(target, 2)));
    expect(e.message).toContain(`The catalog was restored and 2 of ${manifest.blobs.length} files are in the blob store`);
    expect(e.message).toContain('the disk is full');
    expect(e.message).toContain('--resume');
    // Without --resume the half-restored site is not empty any more.
    expect((await refusal(restoreBackup(new LocalBackupFolder(backup), await targetOf(target)))).message).toContain('The site is not empty');
    const r = await restoreBackup(new LocalBackupFolder(backup), await targetOf(target), { resume: true });
    expect(r).toMatchObject({ catalogRestored: false, kept: 2, copied: manifest.blobs.length - 2 });
    const plaza = await target.open();
    try {
      const { principalForToken } = await import('../../src/actions/auth/principal.ts');
      expect(await contentOf(plaza.deps, await principalForToken(plaza.deps, adminToken))).toEqual(before);
    } finally {
      await plaza.close();
    }
  }, 60_000);
});

describe('a backup folder', () => {
  it('must be new or empty', async () => {
    const source = await site();
    const plaza = await source.open();
    try {
      const e = await refusal(takeBackup({ catalog: await openCatalogDump(source.config), blobs: plaza.deps.blobs, clock: plaza.deps.clock, plazaVersion: '0.1.0' }, new LocalBackupFolder(backup)));
      expect(e.message).toContain('is not empty (it holds');
    } finally {
      await plaza.close();
    }
  });
});
