import type { BackupFolder } from '../../../ports/backup-folder.ts';
import type { BlobStore } from '../../../ports/blob-store.ts';
import type { CatalogDump } from '../../../ports/catalog-dump.ts';
import type { Clock } from '../../../ports/clock.ts';
import { BACKUP_FORMAT, blobPath, MANIFEST_FILE, safeKey, type BackupManifest } from '../../../domain/site/backup.ts';
import { AppError } from '../../../domain/errors.ts';

/** What a backup reads: the site's catalog and blob store. */
export interface BackupSource {
  catalog: CatalogDump;
  blobs: BlobStore;
  clock: Clock;
  /** Plaza's version, written in the manifest. */
  plazaVersion: string;
}

export interface BackupResult {
  manifest: BackupManifest;
  /** Keys listed at the start that were deleted before they could be copied (a dataset deleted meanwhile). */
  vanished: string[];
}

/**
 * Backs up a site, while it runs, into an empty folder: first the catalog,
 * as it is at one instant, then every file of the blob store (files are
 * written once under a new key and never changed, so those added after the
 * catalog's instant are only extra), and last `manifest.json` with the size
 * and SHA-256 of every file: a folder without it is not a backup.
 */
export async function takeBackup(src: BackupSource, folder: BackupFolder, progress: (line: string) => void = () => undefined): Promise<BackupResult> {
  try {
    await folder.create();
  } catch (e) {
    throw new AppError('conflict', (e as Error).message);
  }
  const createdAt = src.clock.now().toISOString();
  progress(`Backing up the ${src.catalog.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} catalog…`);
  const counts = await src.catalog.dump(await folder.path(src.catalog.fileName));
  const catalogDigest = await folder.digest(src.catalog.fileName);
  if (!catalogDigest) throw new AppError('internal', `The catalog dump ${src.catalog.fileName} was not written in ${folder.where}.`);
  const blobs: BackupManifest['blobs'] = [];
  const vanished: string[] = [];
  let bytes = 0;
  for await (const { key } of src.blobs.list()) {
    if (!safeKey(key)) throw new AppError('internal', `The blob store holds a file whose key "${key}" cannot be a path in a backup.`);
    let digest;
    try {
      digest = await folder.write(blobPath(key), await src.blobs.read(key));
    } catch (e) {
      // Deleted since it was listed: nothing to keep. Any other failure stops the backup.
      if (!(await src.blobs.has(key).catch(() => true))) {
        vanished.push(key);
        continue;
      }
      throw new AppError('internal', `Copying the file "${key}" from the blob store failed: ${(e as Error).message}. The backup in ${folder.where} is incomplete (it has no manifest.json); delete it and run the backup again.`);
    }
    blobs.push({ key, path: blobPath(key), ...digest });
    bytes += digest.size;
    if (blobs.length % 100 === 0) progress(`${blobs.length} files copied (${(bytes / 1e6).toFixed(1)} MB)…`);
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    plazaVersion: src.plazaVersion,
    store: src.catalog.kind,
    createdAt,
    counts,
    catalog: { path: src.catalog.fileName, ...catalogDigest },
    blobs,
  };
  await folder.writeText(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, vanished };
}
