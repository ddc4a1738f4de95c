import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { LocalBackupFolder } from '../adapters/backup-folder/local.ts';
import { backupCommand } from '../cli/backup.ts';
import { checkCommand, restoreCommand } from '../cli/restore.ts';
import { ConfigError, type Config } from '../config.ts';
import type { CatalogDump } from '../ports/catalog-dump.ts';
import { createPlaza } from './container.ts';

/** The catalog the settings name, as a dump: PostgreSQL for a postgres:// URL, else the SQLite file in the data folder. */
export async function openCatalogDump(config: Config): Promise<CatalogDump> {
  const url = config.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) return new (await import('../adapters/postgres/catalog-dump.ts')).PostgresCatalogDump(url);
  if (url) throw new ConfigError(`PLAZA_DATABASE_URL must be a postgres:// URL (or unset, for SQLite in the data folder); got "${url.split(':')[0]}:…".`);
  return new (await import('../adapters/sqlite/catalog-dump.ts')).SqliteCatalogDump(join(config.dataDir, 'catalog.sqlite'));
}

/** Plaza's version, from the package.json above this file (in the sources or above the build). */
export function plazaVersion(): string {
  for (let dir = import.meta.dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'plaza' && pkg.version) return pkg.version;
  }
  return 'unknown';
}

export const BACKUP_USAGE = 'usage: plaza backup DIR | plaza restore DIR [--check] [--resume]';

/** `plaza backup DIR` and `plaza restore DIR …` on the site the settings name; resolves with the exit code. */
export async function backupRestoreCommand(command: 'backup' | 'restore', args: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: command === 'restore' ? { resume: { type: 'boolean' }, check: { type: 'boolean' } } : {} });
  const dir = positionals[0];
  if (!dir || positionals.length > 1) {
    process.stderr.write(`plaza: ${BACKUP_USAGE}\n`);
    return 2;
  }
  const folder = new LocalBackupFolder(dir);
  if (command === 'restore' && values.check) return checkCommand(folder, process.stdout);
  const catalog = await openCatalogDump(config);
  if (command === 'restore') {
    const openBlobs = async () => {
      const plaza = await createPlaza(config);
      return { blobs: plaza.deps.blobs, close: () => plaza.close() };
    };
    await restoreCommand(folder, { catalog, openBlobs }, { resume: values.resume === true }, process.stdout, process.stderr);
    return 0;
  }
  const plaza = await createPlaza(config);
  try {
    await backupCommand({ catalog, blobs: plaza.deps.blobs, clock: plaza.deps.clock, plazaVersion: plazaVersion() }, folder, process.stdout, process.stderr);
  } finally {
    await plaza.close();
  }
  return 0;
}
