import { takeBackup, type BackupSource } from '../actions/site/backup/take-backup.ts';
import { describeCounts } from '../domain/site/backup.ts';
import type { BackupFolder } from '../ports/backup-folder.ts';

/** `plaza backup DIR`: backs the site up into DIR while it runs; prints where and what. */
export async function backupCommand(src: BackupSource, folder: BackupFolder, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<void> {
  const started = performance.now();
  const { manifest, vanished } = await takeBackup(src, folder, (line) => err.write(`${line}\n`));
  const bytes = manifest.catalog.size + manifest.blobs.reduce((n, b) => n + b.size, 0);
  const lines = [
    `Backed up ${src.catalog.kind === 'sqlite' ? 'the SQLite' : 'the PostgreSQL'} catalog (${describeCounts(manifest.counts)}) and ${manifest.blobs.length} files, ${(bytes / 1e6).toFixed(1)} MB in all, into ${folder.where} in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    `Every file's SHA-256 is in ${folder.where}/manifest.json; \`plaza restore ${folder.where} --check\` verifies them.`,
  ];
  if (vanished.length) lines.push(`${vanished.length} files were deleted while the backup ran and are not in it.`);
  out.write(`${lines.join('\n')}\n`);
}
