/**
 * Part 9: the problem inventory at the size of a big city's. A Plaza on a
 * fresh data folder (SQLite catalog, the default) with one demo dataset gets
 * 10,000 generated problems and 200,000 votes (bench/problems/generate.ts),
 * then:
 * - its pages are served to autocannon (its own process, loopback, the same
 *   connections, duration and runs as part 6): the list sorted by votes (the
 *   default), by trending, filtered by category and status, and one problem's
 *   page, next to the dataset page of the demo dataset measured in the same
 *   rounds, the reference. Problem pages are made on every request (no kept
 *   page; they send Cache-Control: no-store).
 * - a "me too" vote is timed over HTTP (`PUT` then `DELETE
 *   /api/v1/problems/{id}/vote` with a resident's bearer token, sequential
 *   requests from this process, each call changing the count), next to the
 *   same votes through the action and through the store in the same rounds.
 * Writes its own section of bench/RESULTS.md, after the pages section.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { register } from '../../src/actions/accounts/register.ts';
import { principalFor, principalForToken } from '../../src/actions/auth/principal.ts';
import { createAdminToken, createToken } from '../../src/actions/auth/tokens.ts';
import { problemMap } from '../../src/actions/community/problem-map.ts';
import { getProblem, listProblems, type ProblemListRequest } from '../../src/actions/community/read-problems.ts';
import { updateSite } from '../../src/actions/site/settings.ts';
import { voteForProblem, withdrawVote } from '../../src/actions/community/vote-problem.ts';
import { anonymous } from '../../src/actions/deps.ts';
import { TOKEN_SCOPES } from '../../src/domain/accounts/types.ts';
import { TRENDING_DAYS } from '../../src/domain/community/problems.ts';
import { median, ROOT, startPortal, writeSection } from '../pages/portal.ts';
import { cannon, CONNECTIONS, DEMO, RUNS, SECONDS, type Load } from '../pages/serve.ts';
import { generateInventory, seeded } from './generate.ts';

const BEGIN = '<!-- problems: written by bench/problems/serve.ts -->';
const END = '<!-- problems: end -->';
/** The section goes right after part 6's. */
const AFTER = '<!-- pages: end -->';
const PROBLEMS = Number(process.env.BENCH_PROBLEMS ?? 10_000);
const VOTES = Number(process.env.BENCH_PROBLEM_VOTES ?? 200_000);
/** Problems voted on (then the vote taken back) per round, for each way of voting. */
const VOTE_CALLS = Number(process.env.BENCH_VOTE_CALLS ?? 1_000);
const VOTE_WARMUP = 50;
const DIAG_RUNS = 20;
const TARGET = { listRatio: 0.5, voteP99: 20 };
/** The demo city's ZIP code areas (bench/pages/portal.ts reads it from demo/). */
const AREAS_FILE = 'nyc_modzcta_2010.geojson.gz';

const pct = (xs: number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};
const f = (x: number, d = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '—');
const log = (...a: unknown[]) => console.log(`[problems ${(performance.now() / 1000).toFixed(1)}s]`, ...a);
const sh = (cmd: string, args: string[]): string => {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    return 'unavailable';
  }
};

/** A hash of src/ (others edit it while the benchmark runs). */
async function sourceHash(): Promise<string> {
  const files = (await readdir(join(ROOT, 'src'), { recursive: true })).filter((x) => /\.tsx?$/.test(x)).sort();
  const h = createHash('sha256');
  for (const rel of files) h.update(rel).update(await readFile(join(ROOT, 'src', rel)));
  return h.digest('hex').slice(0, 12);
}

interface Page {
  name: string;
  path: string;
  headers: string[];
  /** The same request through the action, in process (no HTTP, no HTML): where the time goes. */
  inProcess?: () => Promise<unknown>;
  /** Problems the list matches. */
  total?: number;
  bytes?: number;
  cacheControl?: string;
  /** Milliseconds of `inProcess`, median. */
  diag?: number;
  runs: Load[];
}

interface VoteWay {
  name: string;
  /** Per round: the milliseconds of each call. */
  rounds: number[][];
  failures: number;
}

async function timeInProcess(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < DIAG_RUNS; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return median(ms);
}

export async function main(): Promise<void> {
  const t0 = performance.now();
  const started = new Date().toISOString();
  const head = sh('git', ['rev-parse', '--short', 'HEAD']);
  const uncommitted = sh('git', ['status', '--porcelain', '--', 'src']).split('\n').filter(Boolean).length;
  const hashAtStart = await sourceHash();
  const fsType = sh('df', ['--output=fstype', tmpdir()]).split('\n').pop() ?? 'unknown';
  const loads: { at: string; load1: number }[] = [{ at: 'start', load1: loadavg()[0]! }];

  // The demo city's ZIP code areas as the site's areas, so the problems map draws them beneath and places area problems.
  const portal = await startPortal([DEMO[0]!, AREAS_FILE]);
  const { base, deps, slugs } = portal;
  const slug = slugs[0]!;
  await updateSite(deps, await principalForToken(deps, (await createAdminToken(deps, 'bench areas')).token), { map_context: slugs[1]! });
  log(`portal at ${base} with ${slug}, the city's areas from ${slugs[1]}`);
  const pages: Page[] = [];
  const ways: VoteWay[] = [];
  let inv: Awaited<ReturnType<typeof generateInventory>>;
  let top!: { id: string; title: string; votes: number; status: string };
  const checks: string[] = [];
  try {
    const dataset = (await deps.catalog.datasets.getDataset(slug))!;
    inv = await generateInventory(deps, { count: PROBLEMS, votes: VOTES, organizationId: dataset.organizationId });
    loads.push({ at: 'after generating', load1: loadavg()[0]! });
    log(`generated ${f(PROBLEMS)} problems in ${f(inv.seconds.problems, 1)} s and ${f(VOTES)} votes in ${f(inv.seconds.votes, 1)} s`);

    // What the store holds now: the most voted visible problem, and the votes kept.
    const since = new Date(Date.now() - TRENDING_DAYS * 86_400_000).toISOString();
    const first = (await deps.catalog.problems.listProblems({ sort: 'votes', trendingSince: since, limit: 1, offset: 0 })).results[0]!;
    top = { id: first.id, title: first.title, votes: first.votes, status: first.status };
    const expectedTop = Math.max(...[...inv.problems.values()].filter((p) => !p.hidden && !p.mergedInto).map((p) => p.votes));
    if (first.votes !== expectedTop) checks.push(`the most voted problem has ${first.votes} votes in the store, ${expectedTop} generated`);

    const list = (r: ProblemListRequest) => () => listProblems(deps, anonymous, { limit: 20, offset: 0, ...r });
    pages.push(
      { name: `dataset page \`/datasets/${slug}\`, warm (the reference)`, path: `/datasets/${slug}`, headers: [], runs: [] },
      { name: 'dataset page, made each time', path: `/datasets/${slug}`, headers: ['cookie:plaza_session=none'], runs: [] },
      { name: 'problem list `/problems` (most votes, the default)', path: '/problems', headers: [], inProcess: list({ sort: 'votes' }), runs: [] },
      { name: 'problem list `/problems?sort=trending`', path: '/problems?sort=trending', headers: [], inProcess: list({ sort: 'trending' }), runs: [] },
      { name: 'problem list `/problems?category=housing&status=new`', path: '/problems?category=housing&status=new', headers: [], inProcess: list({ sort: 'votes', categories: ['housing'], statuses: ['new'] }), runs: [] },
      { name: 'problems map `/problems/map` (every listed problem)', path: '/problems/map', headers: [], inProcess: () => problemMap(deps, anonymous, {}), runs: [] },
      { name: 'problems map `/problems/map?category=housing&status=new`', path: '/problems/map?category=housing&status=new', headers: [], inProcess: () => problemMap(deps, anonymous, { categories: ['housing'], statuses: ['new'] }), runs: [] },
      { name: 'problems map made each time (a session cookie that names no session)', path: '/problems/map', headers: ['cookie:plaza_session=none'], runs: [] },
      { name: 'problem page `/problems/<id>` (the most voted)', path: `/problems/${encodeURIComponent(top.id)}`, headers: [], inProcess: () => getProblem(deps, anonymous, top.id), runs: [] },
    );
    for (const p of pages) {
      const res = await fetch(`${base}${p.path}`, { headers: Object.fromEntries(p.headers.map((h) => h.split(':', 2) as [string, string])) });
      const html = await res.text();
      if (res.status !== 200) checks.push(`${p.path} answered ${res.status}`);
      p.bytes = Buffer.byteLength(html);
      p.cacheControl = res.headers.get('cache-control') ?? '(none)';
      if (p.path === '/problems' && !html.includes(`/problems/${top.id}`)) checks.push('/problems does not link the most voted problem');
      if (p.path === '/problems/map' && !html.includes('<g class="context">')) checks.push('/problems/map does not draw the city\'s areas');
    }
    for (const p of pages.slice(2, -1)) if (p.inProcess) p.total = ((await p.inProcess()) as { total: number }).total;

    // Pages: a warm-up round, then RUNS rounds, each page once per round in turn.
    for (let round = 0; round <= RUNS; round++) {
      const rates: number[] = [];
      for (const p of pages) {
        const load = await cannon(`${base}${p.path}`, p.headers);
        rates.push(load.rps);
        if (round > 0) p.runs.push(load);
      }
      if (round > 0) loads.push({ at: `after pages round ${round}`, load1: loadavg()[0]! });
      log(`pages round ${round}${round === 0 ? ' (warm-up)' : ''}: ${rates.map((r) => f(r)).join(' · ')} req/s`);
    }
    for (const p of pages) if (p.inProcess) p.diag = await timeInProcess(p.inProcess);

    // Votes: a resident's account (signed up) and API token, made through the actions as people's are.
    const user = await register(deps, { email: 'resident@bench.example.org', name: 'Bench Resident', password: 'a long bench passphrase 2026' });
    // Voting needs a confirmed address; the emailed link would set just this.
    user.emailVerifiedAt = deps.clock.now().toISOString();
    await deps.catalog.accounts.updateUser(user.id, { emailVerifiedAt: user.emailVerifiedAt });
    const session = await principalFor(deps, user, 'session', [...TOKEN_SCOPES], null);
    const { secret } = await createToken(deps, session, { name: 'bench', scopes: ['read', 'write'] });
    const resident = await principalForToken(deps, secret);
    const auth = { authorization: `Bearer ${secret}` };
    // Problems one may vote on, in a seeded order that mixes the most and least voted.
    const rnd = seeded(9);
    const open = inv.ids.filter((id) => !inv.problems.get(id)!.hidden && !inv.problems.get(id)!.mergedInto);
    for (let i = open.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [open[i], open[j]] = [open[j]!, open[i]!];
    }
    const slice = (k: number, n: number) => Array.from({ length: n }, (_, i) => open[(k + i) % open.length]!);

    const http = async (method: 'PUT' | 'DELETE', id: string): Promise<boolean> => {
      const res = await fetch(`${base}/api/v1/problems/${encodeURIComponent(id)}/vote`, { method, headers: auth });
      const body = (await res.json()) as { changed?: boolean };
      return res.status === 200 && body.changed === true;
    };
    const at = () => deps.clock.now().toISOString();
    const kinds: Array<[string, (id: string) => Promise<boolean>]> = [
      ['`PUT /api/v1/problems/{id}/vote` over HTTP (bearer token)', (id) => http('PUT', id)],
      ['`DELETE /api/v1/problems/{id}/vote` over HTTP', (id) => http('DELETE', id)],
      ['`voteForProblem` action, in process', async (id) => (await voteForProblem(deps, resident, id)).changed],
      ['`withdrawVote` action, in process', async (id) => (await withdrawVote(deps, resident, id)).changed],
      ['store `addVote` (the reference)', async (id) => (await deps.catalog.problems.addVote(id, user.id, at())).changed],
      ['store `removeVote`', async (id) => (await deps.catalog.problems.removeVote(id, user.id)).changed],
    ];
    for (const [name] of kinds) ways.push({ name, rounds: [], failures: 0 });
    const pass = async (ids: string[], timed: boolean) => {
      // Each way in pairs: vote on every problem of the slice, then take every vote back.
      for (let k = 0; k < kinds.length; k += 2) {
        for (const w of [k, k + 1]) {
          const ms: number[] = [];
          for (const id of ids) {
            const t = performance.now();
            const ok = await kinds[w]![1](id);
            ms.push(performance.now() - t);
            if (!ok && timed) ways[w]!.failures++;
          }
          if (timed) ways[w]!.rounds.push(ms);
        }
      }
    };
    await pass(slice(0, VOTE_WARMUP), false);
    for (let round = 0; round < RUNS; round++) {
      await pass(slice(VOTE_WARMUP + round * VOTE_CALLS, VOTE_CALLS), true);
      loads.push({ at: `after votes round ${round + 1}`, load1: loadavg()[0]! });
      log(`votes round ${round + 1}: ${ways.map((w) => `${f(pct(w.rounds.at(-1)!, 50), 2)}/${f(pct(w.rounds.at(-1)!, 99), 2)}`).join(' · ')} ms p50/p99`);
    }
    const after = await deps.catalog.problems.getProblem(top.id);
    if (after?.votes !== top.votes) checks.push(`the most voted problem has ${after?.votes} votes after the vote rounds, ${top.votes} before`);
  } finally {
    await portal.close();
  }
  loads.push({ at: 'end', load1: loadavg()[0]! });
  const hashAtEnd = await sourceHash();
  const seconds = (performance.now() - t0) / 1000;

  // ---------- the section ----------
  const summary = (p: Page) => ({ rps: median(p.runs.map((r) => r.rps)), p50: median(p.runs.map((r) => r.p50)), p99: median(p.runs.map((r) => r.p99)), errors: p.runs.reduce((s, r) => s + r.errors, 0) });
  const [warm, made] = pages;
  /** Median over the rounds of the page's rate ÷ the reference's rate in the same round. */
  const paired = (p: Page, ref: Page) => median(p.runs.map((r, i) => r.rps / ref.runs[i]!.rps));
  const voteStat = (w: VoteWay) => ({ n: w.rounds.reduce((s, r) => s + r.length, 0), p50: median(w.rounds.map((r) => pct(r, 50))), p99: median(w.rounds.map((r) => pct(r, 99))), all99: pct(w.rounds.flat(), 99), max: Math.max(...w.rounds.flat()) });
  const list = summary(pages[2]!);
  const mapPage = pages.find((p) => p.path === '/problems/map' && !p.headers.length)!;
  const mapMade = pages.find((p) => p.path === '/problems/map' && p.headers.length)!;
  const listRatio = paired(pages[2]!, warm!);
  const put = voteStat(ways[0]!);
  const counts = inv.voteCounts;
  const statuses = new Map<string, number>();
  const kindsOfPlace = new Map<string, number>();
  const categories = new Map<string, number>();
  for (const p of inv.problems.values()) {
    statuses.set(p.status, (statuses.get(p.status) ?? 0) + 1);
    kindsOfPlace.set(p.place.kind, (kindsOfPlace.get(p.place.kind) ?? 0) + 1);
    categories.set(p.category, (categories.get(p.category) ?? 0) + 1);
  }
  const share = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${f((100 * n) / PROBLEMS)}%`).join(', ');
  const problems = [...inv.problems.values()];
  const hidden = problems.filter((p) => p.hidden).length;
  const merged = problems.filter((p) => p.mergedInto).length;
  const top100 = counts.slice(0, 100).reduce((s, c) => s + c, 0);

  const section = `${BEGIN}
## Problem inventory: ${f(PROBLEMS)} problems, its pages and a vote (part 9)

Run by \`npm run bench -- problems\` (bench/problems/serve.ts) on ${started}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}; the part took ${f(seconds)} s. Load (1-minute average): ${loads.map((l) => f(l.load1, 1)).join(' → ')} (${loads.map((l) => l.at).join(', ')}). Code: HEAD ${head}, ${uncommitted} files under src/ not committed (another person's work in progress), hash of src/*.ts(x) ${hashAtStart}${hashAtEnd === hashAtStart ? ', the same at the end' : `; **src/ changed during the run** (${hashAtEnd} at the end): the parts may have measured different code`}.${checks.length ? `\n\n> **Check failed:** ${checks.join('; ')}.` : ''}

**Data.** A fresh data folder (SQLite catalog in WAL mode with \`synchronous = NORMAL\`, on ${fsType}) with one demo dataset (${slug}) and the demo city's ZIP code areas named as the site's areas (the map's context), then ${f(PROBLEMS)} problems and ${f(VOTES)} votes generated into the catalog store (bench/problems/generate.ts, seeded): \`createProblem\` and \`changeProblemStatus\` along the triage path to each problem's status, in transactions of 500 problems, then \`addVote\` in transactions of 5,000 votes. **Generation took ${f(inv.seconds.total, 1)} s** (problems ${f(inv.seconds.problems, 1)} s, ${f(PROBLEMS / inv.seconds.problems)}/s; votes ${f(inv.seconds.votes, 1)} s, ${f(VOTES / inv.seconds.votes)}/s). Problems: created over the last 365 days; categories ${share(categories)}; statuses ${share(statuses)}; places ${share(kindsOfPlace)} (142 ZIP code areas); ${hidden} hidden and ${merged} merged into another (both left out of the lists). Votes: from ${f(20_000)} synthetic voter ids, skewed (a problem's share ∝ 1/(rank + 10)): the most voted has ${f(counts[0]!)}, the top 100 have ${f((100 * top100) / VOTES)}% of all votes, the median problem ${f(median(counts))}, the least voted ${f(counts.at(-1)!)}; cast over the last 90 days (never before the problem), ${f((100 * inv.recentVotes) / VOTES)}% in the last ${TRENDING_DAYS} days, the ones \`trending\` counts.

**Pages.** autocannon (${CONNECTIONS} connections, ${SECONDS} s per run, its own process, loopback, anonymous requests), as in part 6, in rounds: a warm-up round, then ${RUNS} round${RUNS === 1 ? '' : 's'}, each measuring every page below once in turn, so that a busy moment hits the reference too. Medians of the rounds; "÷ dataset page" is paired: the median over the rounds of the page's rate ÷ the warm dataset page's rate in the same round. The dataset page is shown warm (kept in memory, as visitors get it; ADR 11) and made on every request (a session cookie that names no session), as in part 6. The problem lists are kept for visitors like the catalog (made again once anything changes, or after 10 s), so an anonymous request is served warm; each problem's page is made on every request (it sends \`Cache-Control: ${pages.at(-1)?.cacheControl ?? '—'}\`). The problems map draws every problem the list matches (up to 10,000, most voted on top) on the city's ZIP code areas, clustering points when more than 2,000 are in view, and lists the first 100 marks as text; it is kept for visitors like the lists, and measured made on every request too (a session cookie that names no session). "In process" for the map is \`problemMap\` alone (reading the problems, laying out the scene and the areas beneath, no HTML). "In process" is the action alone (\`listProblems\` / \`getProblem\` for an anonymous reader, no HTTP or HTML), median of ${DIAG_RUNS} calls after the rounds.

| Page | HTML | Problems matched | req/s | p50 / p99 ms | ÷ dataset page (warm) | ÷ dataset page made each time | every run (req/s) | In process ms | Errors |
|---|---:|---:|---:|---:|---:|---:|---|---:|---:|
${pages
  .map((p) => {
    const s = summary(p);
    const d = p.diag;
    return `| ${p.name} | ${f((p.bytes ?? NaN) / 1024, 1)} KB | ${p.total === undefined ? '' : f(p.total)} | ${f(s.rps)} | ${f(s.p50)} / ${f(s.p99)} | ${p === warm ? '1.00×' : `${f(paired(p, warm!), 2)}×`} | ${p === warm || p === made ? '' : `${f(paired(p, made!), 2)}×`} | ${p.runs.map((r) => f(r.rps)).join(' · ')} | ${d === undefined ? '' : f(d, 2)} | ${s.errors} |`;
  })
  .join('\n')}

**Votes.** One resident's account and API token (scopes read and write), made through the actions as people's are (\`register\`, the sign-up, its address then marked confirmed as the emailed link does, then \`createToken\` from a session). Each round takes ${f(VOTE_CALLS)} problems one may vote on (not hidden or merged, in a seeded order that mixes the most and the least voted; a new set each round) and, for each way below in turn, votes on every one of them and then takes every vote back, so each call changes the count (a call that did not is counted as a failure). Over HTTP: sequential \`fetch\` requests from the benchmark's process (the same process as the server, keep-alive, loopback), the time until the JSON answer is read. The action and the store are called in process, the store outside any transaction (each call its own). ${VOTE_WARMUP} problems of warm-up first, then ${RUNS} round${RUNS === 1 ? '' : 's'}; p50 and p99 per round, the median of the rounds shown, and the p99 of all the calls.

| Vote | Calls | p50 ms | p99 ms | p99 of all calls ms | Slowest ms | Every round p50 / p99 ms | Failures |
|---|---:|---:|---:|---:|---:|---|---:|
${ways
  .map((w) => {
    const s = voteStat(w);
    return `| ${w.name} | ${f(s.n)} | ${f(s.p50, 2)} | ${f(s.p99, 2)} | ${f(s.all99, 2)} | ${f(s.max, 1)} | ${w.rounds.map((r) => `${f(pct(r, 50), 2)} / ${f(pct(r, 99), 2)}`).join(' · ')} | ${w.failures} |`;
  })
  .join('\n')}

Over HTTP a vote costs ${f(put.p50 / voteStat(ways[4]!).p50, 1)}× the store's own \`addVote\` at p50 (${f(put.p50, 2)} ms against ${f(voteStat(ways[4]!).p50, 2)} ms): the rest is HTTP, the token's look-up and the action's checks.

| Target | Measured | Result |
|---|---|---|
| Problem list \`/problems\` within 2× the dataset page: ≥ ${TARGET.listRatio} × its rate (warm, as visitors get it) | ${f(list.rps)} req/s against ${f(summary(warm!).rps)}, ${f(listRatio, 2)}× (against the dataset page made each time: ${f(paired(pages[2]!, made!), 2)}×) | ${listRatio >= TARGET.listRatio ? 'PASS' : 'MISS'} |
| Problems map \`/problems/map\` (no target set; beside the list's) | ${f(summary(mapPage).rps)} req/s, ${f(paired(mapPage, warm!), 2)}× the dataset page (warm); made each time ${f(summary(mapMade).rps)} req/s, ${f(paired(mapMade, made!), 2)}× the dataset page made each time | — |
| A vote on SQLite (\`PUT …/vote\` over HTTP) p99 ≤ ${TARGET.voteP99} ms | ${f(put.p99, 2)} ms (p50 ${f(put.p50, 2)} ms) | ${put.p99 <= TARGET.voteP99 ? 'PASS' : 'MISS'} |
${END}`;
  console.log(section);
  await writeSection(BEGIN, END, section, AFTER);
  log('wrote the problems section of bench/RESULTS.md');
}
