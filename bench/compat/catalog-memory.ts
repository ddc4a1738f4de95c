/**
 * `/data.json` for the whole catalog, timed and with the serving process's
 * peak memory: each measurement starts a fresh server process
 * (serve-child.ts) on the prepared data folder, warms it with one small
 * request, reads its VmRSS and VmHWM from /proc, reads the catalog, then reads
 * VmHWM again (the peak cannot be reset, hence a fresh process each time).
 * The reference is the same catalog read through the native API in pages of
 * 1,000, measured the same way, in the same rounds.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from '../pages/portal.ts';
import { isMissing } from './pairs.ts';

export interface CatalogRun {
  /** Time to read the whole catalog, first time (ms), and again in the same process. */
  ms: number;
  again: number;
  bytes: number;
  datasets: number;
  requests: number;
  /** KiB, from /proc/<pid>/status. */
  rssBefore: number;
  hwmBefore: number;
  hwmAfter: number;
}

export interface CatalogRead {
  name: string;
  available: boolean;
  runs: CatalogRun[];
  error: string | null;
}

interface Child {
  pid: number;
  base: string;
  stop(): Promise<void>;
}

function startChild(dataDir: string): Promise<Child> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/run-ts.mjs'), join(ROOT, 'bench/compat/serve-child.ts'), dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`the server process did not listen within 120 s: ${err.slice(-500)}`));
    }, 120_000);
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      const { address } = JSON.parse(line) as { address: string };
      res({
        pid: child.pid!,
        base: address,
        stop: async () => {
          child.kill('SIGTERM');
          const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
          await exited;
          clearTimeout(t);
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      rej(new Error(`the server process exited (${code}) before listening: ${err.slice(-1000)}`));
    });
  });
}

/** VmRSS and VmHWM (KiB) of a process. */
async function memoryOf(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
}

type Reader = (base: string) => Promise<{ missing: boolean; bytes: number; datasets: number; requests: number; error: string | null }>;

/** `/data.json`: one request, the whole catalog. */
export const readDataJson: Reader = async (base) => {
  const res = await fetch(`${base}/data.json`);
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    /* reported below */
  }
  if (isMissing(res.status, body)) return { missing: true, bytes: 0, datasets: 0, requests: 1, error: `HTTP ${res.status}` };
  const list = (body as { dataset?: unknown } | null)?.dataset;
  const error = res.status !== 200 ? `HTTP ${res.status}: ${text.slice(0, 200)}` : !Array.isArray(list) || list.length === 0 ? 'no datasets in the answer' : null;
  return { missing: false, bytes: Buffer.byteLength(text), datasets: Array.isArray(list) ? list.length : 0, requests: 1, error };
};

/** The native API, `/api/v1/datasets?limit=1000&offset=…`, until every dataset has been read. */
export const readNativePages: Reader = async (base) => {
  let bytes = 0;
  let datasets = 0;
  let requests = 0;
  for (let offset = 0; ; offset += 1000) {
    const res = await fetch(`${base}/api/v1/datasets?limit=1000&offset=${offset}`);
    const text = await res.text();
    requests++;
    bytes += Buffer.byteLength(text);
    if (res.status !== 200) return { missing: false, bytes, datasets, requests, error: `HTTP ${res.status}: ${text.slice(0, 200)}` };
    const body = JSON.parse(text) as { total: number; results: unknown[] };
    datasets += body.results.length;
    if (body.results.length === 0 || offset + 1000 >= body.total) break;
  }
  return { missing: false, bytes, datasets, requests, error: datasets === 0 ? 'no datasets' : null };
};

/** One measurement in a fresh server process. */
async function measureOnce(dataDir: string, read: Reader): Promise<{ run: CatalogRun | null; missing: boolean; error: string | null }> {
  const child = await startChild(dataDir);
  try {
    const warm = await fetch(`${child.base}/api/v1/datasets?limit=1`);
    await warm.text();
    const before = await memoryOf(child.pid);
    const t0 = performance.now();
    const first = await read(child.base);
    const ms = performance.now() - t0;
    const after = await memoryOf(child.pid);
    if (first.missing || first.error) return { run: null, missing: first.missing, error: first.error };
    const t1 = performance.now();
    await read(child.base);
    const again = performance.now() - t1;
    return { run: { ms, again, bytes: first.bytes, datasets: first.datasets, requests: first.requests, rssBefore: before.rss, hwmBefore: before.hwm, hwmAfter: after.hwm }, missing: false, error: null };
  } finally {
    await child.stop();
  }
}

/** `runs` rounds, each measuring `/data.json` and the native pages (in alternating order), each in a fresh process. */
export async function measureCatalogReads(dataDir: string, runs: number, log: (...a: unknown[]) => void): Promise<CatalogRead[]> {
  const reads: { read: Reader; out: CatalogRead }[] = [
    { read: readDataJson, out: { name: '`GET /data.json` (DCAT-US, one request)', available: true, runs: [], error: null } },
    { read: readNativePages, out: { name: '`GET /api/v1/datasets?limit=1000&offset=…` (native, every page)', available: true, runs: [], error: null } },
  ];
  for (let r = 0; r < runs; r++) {
    const order = r % 2 ? [...reads].reverse() : reads;
    for (const { read, out } of order) {
      if (!out.available) continue;
      try {
        const m = await measureOnce(dataDir, read);
        if (m.missing) {
          out.available = false;
          log(`${out.name}: not available (404)`);
          continue;
        }
        if (m.error) out.error ??= m.error;
        if (m.run) {
          out.runs.push(m.run);
          log(`round ${r + 1} ${out.name}: ${m.run.ms.toFixed(0)} ms (again ${m.run.again.toFixed(0)} ms), ${m.run.datasets} datasets, ${(m.run.bytes / 1e6).toFixed(1)} MB, peak RSS +${((m.run.hwmAfter - m.run.hwmBefore) / 1024).toFixed(1)} MiB`);
        }
      } catch (e) {
        out.error ??= (e as Error).message.slice(0, 300);
        log(`round ${r + 1} ${out.name} FAILED: ${(e as Error).message.slice(0, 300)}`);
      }
    }
  }
  return reads.map((x) => x.out);
}
