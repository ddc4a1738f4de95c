import type { BackupFolder } from '../../../ports/backup-folder.ts';
import { listNames, MANIFEST_FILE, manifestFiles, manifestSchema, safeKey, type BackupManifest } from '../../../domain/site/backup.ts';
import { AppError } from '../../../domain/errors.ts';

/** Reads a backup's manifest, refusing a folder without one or with one Plaza cannot read. */
export async function readManifest(folder: BackupFolder): Promise<BackupManifest> {
  const text = await folder.readText(MANIFEST_FILE);
  if (text === null) throw new AppError('bad_file', `${folder.where} is not a complete backup: it has no ${MANIFEST_FILE} (a backup writes it last, so one that stopped midway has none).`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('bad_file', `The ${MANIFEST_FILE} in ${folder.where} is not JSON: the backup is damaged.`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new AppError('bad_file', `The ${MANIFEST_FILE} in ${folder.where} is not a Plaza backup manifest this version can read (${where.join('; ')}).`);
  }
  const unsafe = parsed.data.blobs.filter((b) => !safeKey(b.key) || b.path !== `blobs/${b.key}`);
  if (unsafe.length > 0) throw new AppError('bad_file', `The ${MANIFEST_FILE} in ${folder.where} names files outside the backup: ${listNames(unsafe.map((b) => b.key))}.`);
  return parsed.data;
}

/** What checking a backup found: the files it read and the ones that fail. */
export interface BackupCheck {
  manifest: BackupManifest;
  files: number;
  bytes: number;
  missing: string[];
  changed: string[];
}

/** Reads every file the manifest lists and compares its size and SHA-256; writes nothing. */
export async function checkBackup(folder: BackupFolder): Promise<BackupCheck> {
  const manifest = await readManifest(folder);
  const missing: string[] = [];
  const changed: string[] = [];
  let bytes = 0;
  for (const file of manifestFiles(manifest)) {
    const found = await folder.digest(file.path);
    if (!found) missing.push(file.path);
    else if (found.size !== file.size || found.sha256 !== file.sha256) changed.push(file.path);
    bytes += file.size;
  }
  return { manifest, files: 1 + manifest.blobs.length, bytes, missing, changed };
}

/** As `checkBackup`, refusing a backup with any missing or changed file, naming them. */
export async function verifyBackup(folder: BackupFolder): Promise<BackupCheck> {
  const check = await checkBackup(folder);
  if (check.missing.length === 0 && check.changed.length === 0) return check;
  const parts: string[] = [];
  if (check.missing.length) parts.push(`missing: ${listNames(check.missing)}`);
  if (check.changed.length) parts.push(`not as backed up (size or SHA-256 differs): ${listNames(check.changed)}`);
  throw new AppError('bad_file', `The backup in ${folder.where} does not match its manifest, so nothing was restored. Files ${parts.join('; files ')}.`, { missing: check.missing, changed: check.changed });
}
