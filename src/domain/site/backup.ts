import { z } from 'zod';

/** The manifest's file name in a backup folder. */
export const MANIFEST_FILE = 'manifest.json';
/** The folder of a backup that holds the blob store's files, each under its key. */
export const BLOBS_FOLDER = 'blobs';
/** This manifest format; a restore refuses a format it does not know. */
export const BACKUP_FORMAT = 1;

const digest = { size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) };

/** One file of a backup: its path in the folder, its size and SHA-256. */
export const backupFileSchema = z.object({ path: z.string().min(1), ...digest });

/** What `manifest.json` says: the files with their hashes, and for a person what the site held. */
export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  plazaVersion: z.string(),
  store: z.enum(['sqlite', 'postgres']),
  createdAt: z.string(),
  /** What the catalog held, by name (datasets, versions, accounts…), when it was dumped. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  catalog: backupFileSchema,
  blobs: z.array(backupFileSchema.extend({ key: z.string().min(1) })),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export type BackupFile = z.infer<typeof backupFileSchema>;

/** Where a blob's copy lives in a backup folder. */
export const blobPath = (key: string): string => `${BLOBS_FOLDER}/${key}`;

/** A blob key safe to use as a path: relative, `/`-separated, no `.` or `..` parts. */
export function safeKey(key: string): boolean {
  return !key.startsWith('/') && !key.includes('\\') && key.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}

/** Every file the manifest lists, the catalog first. */
export const manifestFiles = (m: BackupManifest): BackupFile[] => [m.catalog, ...m.blobs];

/** "datasets: 3, versions: 5, accounts: 2": the non-zero counts, for a person. */
export function describeCounts(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${name}: ${n}`);
  return parts.length ? parts.join(', ') : 'nothing';
}

/** The names of files, at most `max`, then how many more. */
export function listNames(names: string[], max = 10): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}
