/**
 * The same question asked through Plaza's own API and through a compatible
 * API (CKAN, SoQL, OGC API Features), request by request in turn, so that a
 * busy moment on the machine hits both sides. Every answer must be HTTP 200
 * and non-empty, and the two answers must agree (rows, and totals where both
 * give one). A compatible endpoint that is not there (404, or CKAN's "Action
 * name not known") is recorded as not available; the native side is still
 * measured.
 */
import { median } from '../pages/portal.ts';

/** What an answer holds, read from its body. */
export interface Reading {
  rows: number;
  total: number | null;
  /** Something both sides must agree on beyond the counts (e.g. the group counts), or null. */
  fingerprint: string | null;
}

export interface Side {
  /** The request path and query, e.g. `/api/v1/datasets?q=parking&limit=20`. */
  url: (i: number) => string;
  read: (body: unknown) => Reading;
}

export interface Pair {
  key: string;
  label: string;
  native: Side;
  compat: Side;
}

interface Answer {
  ok: boolean;
  missing: boolean;
  ms: number;
  bytes: number;
  reading: Reading | null;
  why: string;
}

export interface SideStats {
  /** Per run: p50 and p99 (ms). */
  runs: { p50: number; p99: number }[];
  p50: number;
  p99: number;
  n: number;
  failures: number;
  error: string | null;
  /** Median response size (bytes). */
  bytes: number;
}

export interface PairResult {
  key: string;
  label: string;
  nativeExample: string;
  compatExample: string;
  available: boolean;
  native: SideStats;
  compat: SideStats;
  /** Median over the runs of compat p50 ÷ native p50 (and p99) in the same run. */
  ratioP50: number;
  ratioP99: number;
  mismatches: number;
  mismatch: string | null;
}

export const pct = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

/**
 * A compatible endpoint not there yet: Plaza's answer to a route it does not
 * have (404 "Nothing is at GET …"), or CKAN's to an action it does not know.
 * Any other 404 (a dataset or resource not found by a dialect that is there)
 * is a failure, reported with its message.
 */
export function isMissing(status: number, body: unknown): boolean {
  const err = (body as { error?: { message?: unknown } } | null)?.error;
  const message = typeof err?.message === 'string' ? err.message : '';
  if (status === 404) return message.startsWith('Nothing is at ');
  return status === 400 && message.includes('Action name not known');
}

async function ask(base: string, side: Side, i: number): Promise<Answer> {
  const t = performance.now();
  const res = await fetch(`${base}${side.url(i)}`);
  const text = await res.text();
  const ms = performance.now() - t;
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    /* reported below */
  }
  if (isMissing(res.status, body)) return { ok: false, missing: true, ms, bytes: text.length, reading: null, why: `HTTP ${res.status}: ${text.slice(0, 150)}` };
  let reading: Reading | null = null;
  let why = '';
  if (res.status !== 200) why = `HTTP ${res.status}: ${text.slice(0, 200)}`;
  else {
    try {
      reading = side.read(body);
      if (reading.rows === 0) why = 'empty answer';
    } catch (e) {
      why = `unexpected answer (${(e as Error).message}): ${text.slice(0, 200)}`;
    }
  }
  return { ok: why === '', missing: false, ms, bytes: Buffer.byteLength(text), reading, why };
}

function disagreement(a: Reading, b: Reading): string | null {
  if (a.rows !== b.rows) return `${a.rows} rows natively, ${b.rows} through the compatible API`;
  if (a.total !== null && b.total !== null && a.total !== b.total) return `total ${a.total} natively, ${b.total} through the compatible API`;
  if (a.fingerprint !== null && b.fingerprint !== null && a.fingerprint !== b.fingerprint) return `different values (${a.fingerprint.slice(0, 80)} vs ${b.fingerprint.slice(0, 80)})`;
  return null;
}

interface Tally {
  times: number[][];
  bytes: number[];
  failures: number;
  error: string | null;
}
const tally = (): Tally => ({ times: [], bytes: [], failures: 0, error: null });
const stats = (t: Tally): SideStats => {
  const runs = t.times.map((ms) => ({ p50: pct(ms, 50), p99: pct(ms, 99) }));
  return { runs, p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), n: t.times.reduce((s, x) => s + x.length, 0), failures: t.failures, error: t.error, bytes: median(t.bytes) };
};

/**
 * Times every pair: per run, for each pair, `warmup` untimed rounds then
 * `requests` timed rounds; each round asks the native question and the
 * compatible one (in alternating order) with the same filter value.
 */
export async function timePairs(base: string, pairs: Pair[], runs: number, requests: number, warmup: number, log: (...a: unknown[]) => void): Promise<PairResult[]> {
  const state = pairs.map((p) => ({ pair: p, available: true, native: tally(), compat: tally(), mismatches: 0, mismatch: null as string | null }));
  for (const s of state) {
    const probe = await ask(base, s.pair.compat, 0);
    s.available = !probe.missing;
    if (!s.available) log(`${s.pair.key}: ${s.pair.compat.url(0)} answers ${probe.why}: not available, the native side alone is measured`);
  }
  for (let run = 0; run < runs; run++) {
    for (const s of state) {
      const nat: number[] = [];
      const com: number[] = [];
      for (let i = 0; i < warmup + requests; i++) {
        const timed = i >= warmup;
        const order: ('native' | 'compat')[] = !s.available ? ['native'] : i % 2 ? ['compat', 'native'] : ['native', 'compat'];
        const got: Partial<Record<'native' | 'compat', Answer>> = {};
        for (const side of order) got[side] = await ask(base, s.pair[side], i);
        for (const side of order) {
          const a = got[side]!;
          const t = s[side];
          if (!a.ok) {
            if (timed) t.failures++;
            t.error ??= a.missing ? 'the endpoint went missing during the run' : a.why;
            continue;
          }
          if (timed) {
            (side === 'native' ? nat : com).push(a.ms);
            t.bytes.push(a.bytes);
          }
        }
        const n = got.native?.reading;
        const c = got.compat?.reading;
        if (timed && n && c) {
          const d = disagreement(n, c);
          if (d) {
            s.mismatches++;
            s.mismatch ??= `${s.pair.compat.url(i)}: ${d}`;
          }
        }
      }
      s.native.times.push(nat);
      if (s.available) s.compat.times.push(com);
      log(`run ${run + 1} ${s.pair.key}: native p50 ${pct(nat, 50).toFixed(2)} ms, p99 ${pct(nat, 99).toFixed(2)} ms${s.available ? ` · compatible p50 ${pct(com, 50).toFixed(2)} ms, p99 ${pct(com, 99).toFixed(2)} ms` : ' · compatible not available'}`);
    }
  }
  return state.map((s) => {
    const native = stats(s.native);
    const compat = stats(s.compat);
    const ratio = (k: 'p50' | 'p99') => median(compat.runs.map((r, i) => r[k] / (native.runs[i]?.[k] ?? NaN)).filter(Number.isFinite));
    return {
      key: s.pair.key,
      label: s.pair.label,
      nativeExample: s.pair.native.url(0),
      compatExample: s.pair.compat.url(0),
      available: s.available,
      native,
      compat,
      ratioP50: s.available ? ratio('p50') : NaN,
      ratioP99: s.available ? ratio('p99') : NaN,
      mismatches: s.mismatches,
      mismatch: s.mismatch,
    };
  });
}
