import { readFile, readdir, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** In each process's scratch folder: who owns it; its modification time is the heartbeat. */
export const OWNER_FILE = 'owner.json';

export interface Owner {
  pid: number;
  host: string;
  startedAt: string;
}

/** A heartbeat older than this means the owner is gone, even if its process number is in use again. */
export const STALE_MS = 10 * 60_000;

/** A folder made before its owner file was written gets this long to write it. */
const YOUNG_MS = 60_000;

const PROCESS_FOLDER = /^proc-(\d+)-[0-9a-f]+$/;

export const isProcessFolder = (name: string): boolean => PROCESS_FOLDER.test(name);

/** When this process started, to the millisecond or so. */
const processStartedAt = (): number => Date.now() - process.uptime() * 1000;

/** Whether a process with this number runs on this machine (one owned by another user counts). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the process that owns a scratch folder is gone: its heartbeat is
 * stale, or it ran on this machine and no process has its number now. This
 * process's number on a folder that is not this process's means a process
 * before a restart.
 */
export async function ownerIsGone(path: string, name: string, now = Date.now()): Promise<boolean> {
  let owner: Owner;
  let beat: number;
  try {
    const file = join(path, OWNER_FILE);
    owner = JSON.parse(await readFile(file, 'utf8')) as Owner;
    beat = (await stat(file)).mtimeMs;
  } catch {
    // No owner file: gone, unless the folder was only just made.
    const made = await stat(path).then((s) => s.mtimeMs).catch(() => 0);
    return now - made > YOUNG_MS;
  }
  if (now - beat > STALE_MS) return true;
  if (owner.host !== hostname()) return false;
  const pid = Number(PROCESS_FOLDER.exec(name)?.[1] ?? owner.pid);
  // This process's number: another Plaza in this process, or a process before a restart that got the same number.
  if (pid === process.pid) return Date.parse(owner.startedAt) < processStartedAt();
  return !running(pid);
}

/** Bytes of the files under a folder (0 when it is gone). */
export async function folderBytes(path: string): Promise<number> {
  let total = 0;
  let entries;
  try {
    entries = await readdir(path, { withFileTypes: true, recursive: true });
  } catch {
    return (await stat(path).catch(() => undefined))?.size ?? 0;
  }
  for (const e of entries) {
    if (!e.isFile()) continue;
    total += (await stat(join(e.parentPath ?? e.path, e.name)).catch(() => undefined))?.size ?? 0;
  }
  return total;
}
