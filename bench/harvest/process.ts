/**
 * A benchmark process driven by lines: started with a script and its
 * arguments, it prints one JSON line when ready and one per command sent on
 * its stdin. While a command runs, its resident memory is read from
 * /proc/<pid>/status every 50 ms, so the figure is the process's own,
 * whatever its event loop is doing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from '../pages/portal.ts';

const SAMPLE_MS = 50;

/** VmRSS and VmHWM of a process, KiB. */
export async function memoryOf(pid: number): Promise<{ rss: number; hwm: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
}

export interface Answer<T> {
  out: T;
  /** Resident memory just before the command, and the most sampled while it ran, KiB. */
  baseKiB: number;
  peakKiB: number;
  samples: number;
}

export class Proc {
  private readonly waiting: ((line: string) => void)[] = [];
  private readonly lines: string[] = [];
  private err = '';
  /** The first line the process printed. */
  ready: Record<string, unknown> = {};

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const w = this.waiting.shift();
      if (w) w(line);
      else this.lines.push(line);
    });
    child.stderr!.on('data', (d: Buffer) => (this.err = (this.err + d.toString()).slice(-4000)));
    child.once('exit', (code) => {
      for (const w of this.waiting.splice(0)) w(JSON.stringify({ error: `the process exited (${code}): ${this.err.slice(-1500)}` }));
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Starts `bench/<script>` with its arguments and waits for its first line. */
  static async start(script: string, args: string[]): Promise<Proc> {
    const child = spawn(process.execPath, [join(ROOT, 'bin/run-ts.mjs'), join(ROOT, script), ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const p = new Proc(child);
    p.ready = JSON.parse(await p.next()) as Record<string, unknown>;
    if (typeof p.ready.error === 'string') throw new Error(p.ready.error);
    return p;
  }

  private next(): Promise<string> {
    const line = this.lines.shift();
    return line !== undefined ? Promise.resolve(line) : new Promise((res) => this.waiting.push(res));
  }

  /** Sends a command and waits for its answer, sampling the memory meanwhile. A `{ error }` answer throws. */
  async send<T>(command: string): Promise<Answer<T>> {
    const baseKiB = (await memoryOf(this.pid)).rss;
    let peakKiB = baseKiB;
    let samples = 0;
    const timer = setInterval(() => {
      memoryOf(this.pid)
        .then((m) => {
          samples++;
          peakKiB = Math.max(peakKiB, m.rss);
        })
        .catch(() => undefined);
    }, SAMPLE_MS);
    this.child.stdin!.write(`${command}\n`);
    const line = await this.next();
    clearInterval(timer);
    const out = JSON.parse(line) as T & { error?: string };
    if (out.error) throw new Error(out.error);
    return { out, baseKiB, peakKiB, samples };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((res) => this.child.once('exit', () => res()));
    this.child.stdin!.write('quit\n');
    const t = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(t);
  }
}
