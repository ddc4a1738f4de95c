import { restoreBackup, type RestoreTarget } from '../actions/site/backup/restore-backup.ts';
import { checkBackup } from '../actions/site/backup/verify-backup.ts';
import { describeCounts, listNames } from '../domain/site/backup.ts';
import type { BackupFolder } from '../ports/backup-folder.ts';

/** `plaza restore DIR --check`: verifies every file of a backup and says what it holds; 0 when all match, 1 otherwise. */
export async function checkCommand(folder: BackupFolder, out: NodeJS.WritableStream): Promise<number> {
  const c = await checkBackup(folder);
  const m = c.manifest;
  out.write(`Backup of a ${m.store === 'sqlite' ? 'SQLite' : 'PostgreSQL'} site taken ${m.createdAt} by Plaza ${m.plazaVersion}: ${describeCounts(m.counts)}; ${c.files} files, ${(c.bytes / 1e6).toFixed(1)} MB.\n`);
  if (c.missing.length) out.write(`Missing: ${listNames(c.missing)}\n`);
  if (c.changed.length) out.write(`Not as backed up (size or SHA-256 differs): ${listNames(c.changed)}\n`);
  const ok = c.missing.length === 0 && c.changed.length === 0;
  out.write(ok ? 'Every file matches its SHA-256.\n' : 'This backup cannot be restored.\n');
  return ok ? 0 : 1;
}

/** `plaza restore DIR [--resume]`: restores a backup into the empty site the settings name. */
export async function restoreCommand(folder: BackupFolder, target: RestoreTarget, opts: { resume: boolean }, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<void> {
  const r = await restoreBackup(folder, target, opts, (line) => err.write(`${line}\n`));
  const catalog = r.catalogRestored ? 'Restored the catalog' : 'Kept the catalog already restored';
  out.write(`${catalog} (${describeCounts(r.manifest.counts)}) and ${r.copied} files${r.kept ? ` (${r.kept} were already there)` : ''} from the backup of ${r.manifest.createdAt}. The site can start.\n`);
}
