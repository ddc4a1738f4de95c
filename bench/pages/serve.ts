/**
 * Part 6: how fast the portal serves its pages, and how much JavaScript they
 * load. A Plaza with three demo datasets serves a warm dataset page and the
 * catalog page to autocannon (run as a separate process, on loopback): as
 * visitors get them (kept in memory, ADR 11), and made on every request (as
 * signed-in people get them; a session cookie that names no session makes
 * each request skip the kept page). The reference measured in the same run is
 * a bare Fastify server sending the same bytes, the ceiling of HTTP on this
 * machine. Medians of several runs.
 */
import { execFile } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import type { Assets } from '../../src/http/assets/bundles.ts';
import { median, ROOT, startPortal, writeSection } from './portal.ts';

const run = promisify(execFile);
const BEGIN = '<!-- pages: written by bench/pages/serve.ts -->';
const END = '<!-- pages: end -->';
/** Shared with part 9 (bench/problems/serve.ts), which measures its pages the same way. */
export const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 3);
export const SECONDS = Number(process.env.BENCH_PAGE_SECONDS ?? 8);
export const CONNECTIONS = 32;
export const DEMO = ['nyc_dhs_daily_shelter_census.csv.gz', 'austin_food_establishment_inspection_scores.csv.gz', 'nyc_hra_efap_food_pantries_2024-11.csv.gz'];

export interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/** One autocannon run in its own process, so it does not share the server's event loop. */
export async function cannon(url: string, headers: string[] = []): Promise<Load> {
  const args = ['-j', '-c', String(CONNECTIONS), '-d', String(SECONDS), ...headers.flatMap((h) => ['-H', h]), url];
  const { stdout } = await run(join(ROOT, 'node_modules/.bin/autocannon'), args, { maxBuffer: 16 << 20 });
  const r = JSON.parse(stdout) as { requests: { average: number }; latency: { p50: number; p99: number }; errors: number; non2xx: number };
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

async function measure(url: string, headers: string[] = []): Promise<{ runs: Load[]; rps: number; p50: number; p99: number }> {
  await cannon(url, headers); // warm-up run, not counted
  const runs: Load[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await cannon(url, headers));
  return { runs, rps: median(runs.map((r) => r.rps)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)) };
}

/** The compressed size of the scripts a page loads, from its script tags. */
async function pageScripts(html: string, assets: Assets): Promise<{ gzip: number; brotli: number; files: string[] }> {
  const srcs = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
  const bundles = await assets.list();
  const used = bundles.filter((b) => srcs.includes(b.path));
  return { gzip: used.reduce((s, b) => s + b.gzip.length, 0), brotli: used.reduce((s, b) => s + b.brotli.length, 0), files: used.map((b) => b.path) };
}

export async function main(): Promise<void> {
  const started = new Date().toISOString();
  const { base, slugs, assets, close } = await startPortal(DEMO);
  const pages = [
    { name: 'dataset page (about, 25-row preview)', path: `/datasets/${slugs[0]}`, budget: 150 * 1024 },
    { name: 'catalog page', path: '/datasets', budget: 30 * 1024 },
  ];
  const rows = [];
  const loads = [loadavg()[0]!];
  for (const p of pages) {
    const html = await (await fetch(`${base}${p.path}`)).text();
    // The reference: the same bytes from a bare Fastify route in this process.
    const ref = Fastify({ logger: false });
    ref.get('/', async (_req, reply) => reply.header('Content-Type', 'text/html; charset=utf-8').send(html));
    const refBase = await ref.listen({ port: 0, host: '127.0.0.1' });
    const plazaLoad = await measure(`${base}${p.path}`);
    const madeLoad = await measure(`${base}${p.path}`, ['cookie:plaza_session=none']);
    const refLoad = await measure(`${refBase}/`);
    await ref.close();
    loads.push(loadavg()[0]!);
    rows.push({ ...p, bytes: Buffer.byteLength(html), plaza: plazaLoad, made: madeLoad, ref: refLoad, scripts: await pageScripts(html, assets) });
  }
  await close();

  const f = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const kb = (b: number) => `${f(b / 1024, 1)} KB`;
  const section = `${BEGIN}
## Pages: requests per second and JavaScript (part 6)

Run by \`npm run bench -- pages\` (bench/pages/serve.ts) on ${started}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}. Load (1-minute average): ${loads.map((l) => f(l, 1)).join(' → ')}.

A Plaza with three demo datasets (${slugs.join(', ')}) serves each page warm to autocannon (${CONNECTIONS} connections, ${SECONDS} s per run, its own process, loopback), ${RUNS} runs after a warm-up, medians shown. "Warm" is the page as visitors get it: kept in memory until the catalog changes or 10 s pass (ADR 11). "Made each time" is the same page made on every request, as signed-in people get it (each request carries a session cookie that names no session). The reference is a bare Fastify route sending the same bytes, measured in the same run: the ceiling of HTTP here.

| Page | HTML | Warm req/s | p50 / p99 ms | Made each time req/s | p50 / p99 ms | Reference req/s | Warm ÷ reference | Made ÷ reference | every warm run (req/s) | Scripts (gzip / brotli) |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|
${rows.map((r) => `| ${r.name} | ${kb(r.bytes)} | ${f(r.plaza.rps)} | ${f(r.plaza.p50)} / ${f(r.plaza.p99)} | ${f(r.made.rps)} | ${f(r.made.p50)} / ${f(r.made.p99)} | ${f(r.ref.rps)} | ${f(r.plaza.rps / r.ref.rps, 2)}× | ${f(r.made.rps / r.ref.rps, 2)}× | ${r.plaza.runs.map((x) => f(x.rps)).join(' · ')} | ${kb(r.scripts.gzip)} / ${kb(r.scripts.brotli)} |`).join('\n')}

| Target | Measured | Result |
|---|---|---|
${rows.map((r) => `| ${r.name}, warm: ≥ 2,000 requests/s | ${f(r.plaza.rps)} req/s | ${r.plaza.rps >= 2000 ? 'PASS' : 'MISS'} |\n| ${r.name}: compressed JavaScript ≤ ${kb(r.budget)} | ${kb(r.scripts.gzip)} (gzip) | ${r.scripts.gzip <= r.budget ? 'PASS' : 'MISS'} |`).join('\n')}
${END}`;
  console.log(section);
  await writeSection(BEGIN, END, section);
}
