import type { BackupFolder } from '../../../ports/backup-folder.ts';
import type { BlobStore } from '../../../ports/blob-store.ts';
import type { CatalogCensus, CatalogDump } from '../../../ports/catalog-dump.ts';
import { describeCounts, type BackupManifest } from '../../../domain/site/backup.ts';
import { AppError } from '../../../domain/errors.ts';
import { verifyBackup } from './verify-backup.ts';

/** The site a backup goes into, as the settings name it. */
export interface RestoreTarget {
  catalog: CatalogDump;
  /** Opens the site's blob store once its catalog is in place (the site's schema is brought up to date then). */
  openBlobs(): Promise<{ blobs: BlobStore; close(): Promise<void> }>;
}

export interface RestoreOptions {
  /**
   * Goes on with a restore that stopped after its catalog: the catalog must
   * hold exactly what the backup counts (it is then kept), and files the
   * blob store has at the right size are kept.
   */
  resume?: boolean;
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Whether the catalog was restored now (false when `resume` found it in place). */
  catalogRestored: boolean;
  copied: number;
  kept: number;
}

const STORE_NAMES = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;

const sameCounts = (a: CatalogCensus, b: CatalogCensus): boolean => Object.keys({ ...a, ...b }).every((k) => (a[k] ?? 0) === (b[k] ?? 0));

/** How to start a failed restore again, for the target's kind of catalog. */
function startAgain(kind: CatalogDump['kind']): string {
  return `Run the same \`plaza restore\` with --resume to copy the rest, or start from scratch: empty the site (${kind === 'sqlite' ? 'delete catalog.sqlite and its -wal and -shm files in the data folder' : 'drop the database and create it again'}) and run \`plaza restore\` again.`;
}

/**
 * Restores a backup into an empty site: every file's hash is checked first,
 * and on any difference nothing is written; then the catalog, all at once;
 * then the blob store's files. A backup restores only onto the kind of
 * catalog it was taken from (ADR 58).
 */
export async function restoreBackup(folder: BackupFolder, target: RestoreTarget, opts: RestoreOptions = {}, progress: (line: string) => void = () => undefined): Promise<RestoreResult> {
  progress(`Checking every file of the backup in ${folder.where}…`);
  const { manifest } = await verifyBackup(folder);
  if (manifest.store !== target.catalog.kind) {
    throw new AppError('conflict', `This backup holds a ${STORE_NAMES[manifest.store]} catalog, and this site's catalog is ${STORE_NAMES[target.catalog.kind]}: a backup restores only onto the kind of database it was taken from. ${manifest.store === 'postgres' ? 'Set PLAZA_DATABASE_URL to an empty PostgreSQL database' : 'Unset PLAZA_DATABASE_URL, so that the catalog is SQLite in the data folder,'} and run the restore again.`);
  }
  const present = await target.catalog.census();
  const inPlace = opts.resume === true && sameCounts(present, manifest.counts) && Object.values(present).some((n) => n > 0);
  if (!inPlace && Object.values(present).some((n) => n > 0)) {
    throw new AppError('conflict', opts.resume
      ? `The site's catalog does not hold what this backup does (it holds ${describeCounts(present)}; the backup ${describeCounts(manifest.counts)}), so --resume cannot go on. Nothing was changed.`
      : `The site is not empty: its catalog holds ${describeCounts(present)}. A backup restores only into an empty site; nothing was changed. Point the settings at a new data folder or database, or empty this one.`, { present });
  }
  if (!inPlace) {
    progress(`Restoring the catalog (${describeCounts(manifest.counts)})…`);
    try {
      await target.catalog.restore(await folder.path(manifest.catalog.path));
    } catch (e) {
      throw new AppError('internal', `Restoring the catalog failed, and nothing was restored: ${(e as Error).message}`);
    }
  }
  const site = await target.openBlobs().catch((e: unknown) => {
    throw new AppError('internal', `The catalog was restored, but the site's blob store could not be opened: ${(e as Error).message}. ${startAgain(target.catalog.kind)}`);
  });
  let copied = 0;
  let kept = 0;
  try {
    for (const blob of manifest.blobs) {
      if (opts.resume && (await site.blobs.has(blob.key)) && (await site.blobs.size(blob.key)) === blob.size) {
        kept++;
        continue;
      }
      try {
        await site.blobs.putFile(blob.key, await folder.path(blob.path));
      } catch (e) {
        throw new AppError('internal', `The catalog${inPlace ? ' was already in place' : ' was restored'} and ${copied + kept} of ${manifest.blobs.length} files are in the blob store, but copying "${blob.key}" failed: ${(e as Error).message}. Do not start the site yet. ${startAgain(target.catalog.kind)}`);
      }
      copied++;
      if (copied % 100 === 0) progress(`${copied + kept} of ${manifest.blobs.length} files restored…`);
    }
  } finally {
    await site.close();
  }
  const after = await target.catalog.census();
  if (!sameCounts(after, manifest.counts)) {
    throw new AppError('internal', `The restored catalog holds ${describeCounts(after)}, but the backup counted ${describeCounts(manifest.counts)}.`);
  }
  return { manifest, catalogRestored: !inPlace, copied, kept };
}
