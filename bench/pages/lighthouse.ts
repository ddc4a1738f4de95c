/**
 * Part 7: Lighthouse-style metrics of the main pages, measured in the
 * machine's Chromium through playwright-core (Lighthouse itself is not
 * available): TTFB, First and Largest Contentful Paint, Cumulative Layout
 * Shift, Total Blocking Time, DOMContentLoaded and load, bytes transferred and
 * requests. A real Plaza with the demo city runs in process on a temp data
 * folder; each page is loaded cold (a new browser context per run) under
 * Lighthouse's mobile throttling through CDP, and once more unthrottled
 * (desktop). The reference measured in the same run, under the same settings,
 * is a minimal static HTML page from a bare node:http server on loopback.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { chromium, type Browser } from 'playwright-core';
import { median, startPortal, writeSection } from './portal.ts';

const BEGIN = '<!-- lighthouse: written by bench/pages/lighthouse.ts -->';
const END = '<!-- lighthouse: end -->';
const RUNS = Number(process.env.BENCH_LH_RUNS ?? 5);
const CHROMIUM = process.env.PLAZA_CHROMIUM ?? '/usr/bin/chromium';
/** After the load event, the page must be quiet (no request in flight, no new long task) this long before the run ends; TBT is counted up to then. */
const QUIET_MS = 1000;
const MAX_WAIT_MS = 20_000;

/** Lighthouse's mobile settings (a mid-range phone on slow 4G). */
const MOBILE = {
  name: 'mobile, throttled',
  viewport: { width: 412, height: 823 },
  deviceScaleFactor: 1.75,
  isMobile: true,
  network: { offline: false, latency: 150, downloadThroughput: (1638.4 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
  cpuRate: 4,
} as const;
const DESKTOP = { name: 'desktop, unthrottled', viewport: { width: 1350, height: 940 }, deviceScaleFactor: 1, isMobile: false, network: null, cpuRate: 1 } as const;
type Mode = typeof MOBILE | typeof DESKTOP;

const GOOD = { fcp: 1800, lcp: 2500, cls: 0.1, tbt: 200 };

const REFERENCE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Reference</title></head>
<body><h1>Reference page</h1><p>A minimal static page: one request, no script, no style sheet.</p></body></html>
`;

interface Metrics {
  ttfb: number;
  fcp: number;
  lcp: number;
  cls: number;
  tbt: number;
  dcl: number;
  load: number;
  bytes: number;
  requests: number;
  /** What the LCP was (tag, id, class), and the nodes that shifted most. */
  lcpElement: string;
  shifts: string[];
  longTasks: number;
  /** Paths of the requests after the document's. */
  urls: string[];
}
const KEYS = ['ttfb', 'fcp', 'lcp', 'cls', 'tbt', 'dcl', 'load', 'bytes', 'requests'] as const;
type Key = (typeof KEYS)[number];

/** Runs in the page before any of its scripts: observers that record paints, shifts and long tasks from the start. */
const OBSERVE = `(() => {
  const lh = { lcp: 0, lcpElement: '', cls: 0, shifts: [], longtasks: [], lastLongTask: 0 };
  window.__lh = lh;
  const describe = (n) => !n || !n.tagName ? (n && n.nodeName) || '' : n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + (typeof n.className === 'string' && n.className ? '.' + n.className.trim().split(/\\s+/).join('.') : '');
  const on = (type, fn) => { try { new PerformanceObserver((l) => l.getEntries().forEach(fn)).observe({ type, buffered: true }); } catch (e) {} };
  on('largest-contentful-paint', (e) => { lh.lcp = e.renderTime || e.loadTime || e.startTime; lh.lcpElement = describe(e.element) + (e.url ? ' ' + e.url.replace(location.origin, '') : ''); });
  on('layout-shift', (e) => { if (e.hadRecentInput) return; lh.cls += e.value; lh.shifts.push({ value: e.value, at: e.startTime, nodes: (e.sources || []).map((s) => describe(s.node)) }); });
  on('longtask', (e) => { lh.longtasks.push({ start: e.startTime, duration: e.duration }); lh.lastLongTask = performance.now(); });
})();`;

interface PageResult {
  t: Omit<Metrics, 'lcpElement' | 'shifts' | 'longTasks' | 'urls'>;
  lcpElement: string;
  shifts: { value: number; at: number; nodes: string[] }[];
  longtasks: { start: number; duration: number }[];
}

/** One cold load of a URL in a new context under the mode's throttling. */
async function loadOnce(browser: Browser, url: string, mode: Mode): Promise<Metrics> {
  const context = await browser.newContext({ viewport: mode.viewport, deviceScaleFactor: mode.deviceScaleFactor, isMobile: mode.isMobile, hasTouch: mode.isMobile });
  try {
    await context.addInitScript({ content: OBSERVE });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (mode.network) await cdp.send('Network.emulateNetworkConditions', mode.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: mode.cpuRate });
    let bytes = 0;
    let requests = 0;
    const inflight = new Set<string>();
    const urls: string[] = [];
    let lastNetwork = Date.now();
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.url.startsWith('data:')) return;
      if (!inflight.has(e.requestId)) {
        requests++;
        if (e.type !== 'Document') urls.push(e.request.url.replace(/^https?:\/\/[^/]+/, ''));
      }
      inflight.add(e.requestId);
      lastNetwork = Date.now();
    });
    cdp.on('Network.loadingFinished', (e) => {
      if (inflight.delete(e.requestId)) bytes += e.encodedDataLength;
      lastNetwork = Date.now();
    });
    cdp.on('Network.loadingFailed', (e) => {
      inflight.delete(e.requestId);
      lastNetwork = Date.now();
    });
    const res = await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
    if (!res || res.status() !== 200) throw new Error(`${url} answered ${res?.status() ?? 'nothing'}`);
    // The quiet window: no request in flight and no new long task for QUIET_MS.
    const t0 = Date.now();
    let seenTasks = -1;
    let lastTaskChange = Date.now();
    while (Date.now() - t0 < MAX_WAIT_MS) {
      await new Promise((r) => setTimeout(r, 100));
      const n = await page.evaluate('window.__lh.longtasks.length');
      if (n !== seenTasks) {
        seenTasks = Number(n);
        lastTaskChange = Date.now();
      }
      if (inflight.size === 0 && Date.now() - lastNetwork >= QUIET_MS && Date.now() - lastTaskChange >= QUIET_MS) break;
    }
    const r = (await page.evaluate(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      const lh = window.__lh;
      const fcpAt = fcp ? fcp.startTime : NaN;
      const end = performance.now();
      const tbt = lh.longtasks.filter((t) => t.start + t.duration > fcpAt && t.start < end)
        .reduce((s, t) => s + Math.max(0, Math.min(t.start + t.duration, end) - Math.max(t.start, fcpAt) - 50), 0);
      return {
        t: { ttfb: nav.responseStart, fcp: fcpAt, lcp: lh.lcp || NaN, cls: lh.cls, tbt, dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, bytes: 0, requests: 0 },
        lcpElement: lh.lcpElement, shifts: lh.shifts, longtasks: lh.longtasks,
      };
    })()`)) as PageResult;
    r.t.bytes = bytes;
    r.t.requests = requests;
    const top = [...r.shifts].sort((a, b) => b.value - a.value).slice(0, 3);
    return { ...r.t, lcpElement: r.lcpElement, shifts: top.map((s) => `${s.value.toFixed(3)} at ${Math.round(s.at)} ms: ${s.nodes.join(', ') || '?'}`), longTasks: r.longtasks.length, urls };
  } finally {
    await context.close();
  }
}

interface Row {
  name: string;
  path: string;
  runs: Metrics[];
  errors: string[];
  med: Record<Key, number>;
}

const mid = (runs: Metrics[]): Record<Key, number> => Object.fromEntries(KEYS.map((k) => [k, median(runs.map((r) => r[k]))])) as Record<Key, number>;

export async function main(): Promise<void> {
  const started = new Date().toISOString();
  if (!existsSync(CHROMIUM)) {
    const section = `${BEGIN}\n## Lighthouse-style metrics (part 7)\n\nNOT MEASURED on ${started}: there is no Chromium at ${CHROMIUM} (\`apt-get install chromium\`, or set PLAZA_CHROMIUM).\n${END}`;
    console.log(`SKIP: part 7 needs Chromium at ${CHROMIUM}.`);
    await writeSection(BEGIN, END, section);
    return;
  }
  const ref = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(REFERENCE_HTML));
  await new Promise<void>((r) => ref.listen(0, '127.0.0.1', r));
  const refBase = `http://127.0.0.1:${(ref.address() as AddressInfo).port}`;
  const portal = await startPortal('demo city', 'Plaza Demo City');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const chromiumVersion = browser.version();
  const ds = 'daily-shelter-census';
  const pages = [
    { name: 'Reference: static minimal HTML (node:http)', path: '/', base: refBase },
    { name: 'Home', path: '/' },
    { name: 'Catalog', path: '/datasets' },
    { name: 'Catalog search', path: '/datasets?q=food' },
    { name: 'Dataset About', path: `/datasets/${ds}` },
    { name: 'Table view', path: `/datasets/${ds}/table` },
    { name: 'Chart view', path: `/datasets/${ds}/chart?type=line&x=date_of_census&y=total_individuals_in_shelter&agg=avg&bucket=month` },
    { name: 'Map view', path: '/datasets/emergency-food-sites/map' },
    { name: 'API reference', path: '/api/reference' },
  ];
  const loads = [loadavg()[0]!];
  const results: { mode: Mode; rows: Row[] }[] = [];
  try {
    for (const mode of [MOBILE, DESKTOP]) {
      const rows: Row[] = pages.map((p) => ({ name: p.name, path: p.path, runs: [], errors: [], med: mid([]) }));
      // Pages interleaved within each round, so a busy moment on the machine hits them all alike.
      for (let run = 0; run < RUNS; run++) {
        for (const [i, p] of pages.entries()) {
          const row = rows[i]!;
          for (let attempt = 0; attempt < 3; attempt++) {
            try {
              const m = await loadOnce(browser, `${p.base ?? portal.base}${p.path}`, mode);
              row.runs.push(m);
              console.log(`[lighthouse] ${mode.name} run ${run + 1} ${p.name}: FCP ${m.fcp.toFixed(0)} ms, LCP ${m.lcp.toFixed(0)} ms, CLS ${m.cls.toFixed(3)}, TBT ${m.tbt.toFixed(0)} ms, ${m.requests} requests, ${m.bytes} B`);
              break;
            } catch (e) {
              // Others edit the tree while this runs: a page may fail mid-change; try again a little later.
              row.errors.push(`run ${run + 1}: ${(e as Error).message.split('\n')[0]}`);
              console.log(`[lighthouse] ${mode.name} ${p.name} FAILED: ${(e as Error).message.split('\n')[0]}`);
              await new Promise((r) => setTimeout(r, 5000));
            }
          }
        }
        loads.push(loadavg()[0]!);
      }
      for (const row of rows) row.med = mid(row.runs);
      results.push({ mode, rows });
    }
  } finally {
    await browser.close();
    await portal.close();
    await new Promise<void>((r) => ref.close(() => r()));
  }

  const f = (x: number, d = 0) => (Number.isFinite(x) ? x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }) : '—');
  const ms = (x: number) => (Number.isFinite(x) ? (x >= 1000 ? `${f(x / 1000, 2)} s` : `${f(x)} ms`) : '—');
  const kb = (b: number) => `${f(b / 1024, 1)} KB`;
  const ratio = (x: number, r: number) => (Number.isFinite(x / r) && r > 0 ? ` (${f(x / r, 1)}×)` : '');
  const cell = (row: Row, refRow: Row, k: Key, show: (x: number) => string) => (row === refRow ? show(row.med[k]) : `${show(row.med[k])}${ratio(row.med[k], refRow.med[k])}`);
  const table = ({ mode, rows }: { mode: Mode; rows: Row[] }) => {
    const refRow = rows[0]!;
    return `### ${mode.name[0]!.toUpperCase()}${mode.name.slice(1)}

| Page | TTFB | FCP | LCP | CLS | TBT | DOMContentLoaded | Load | Transferred | Requests | Runs |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows
  .map(
    (r) =>
      `| ${r.name}${r === refRow ? '' : ` \`${r.path.replace(/\|/g, '\\|')}\``} | ${cell(r, refRow, 'ttfb', ms)} | ${cell(r, refRow, 'fcp', ms)} | ${cell(r, refRow, 'lcp', ms)} | ${f(r.med.cls, 3)} | ${f(r.med.tbt)} ms | ${cell(r, refRow, 'dcl', ms)} | ${cell(r, refRow, 'load', ms)} | ${cell(r, refRow, 'bytes', kb)} | ${f(r.med.requests)} | ${r.runs.length}${r.errors.length ? ` (${r.errors.length} failed)` : ''} |`,
  )
  .join('\n')}`;
  };
  const mobile = results[0]!;
  const verdict = (x: number, limit: number) => (Number.isFinite(x) ? (x <= limit ? 'PASS' : 'MISS') : 'NOT MEASURED');
  const notes = mobile.rows.slice(1).map((r) => {
    const last = r.runs[r.runs.length - 1];
    const shifts = [...new Set(r.runs.flatMap((m) => m.shifts))].slice(0, 3);
    return `- ${r.name}: LCP element ${last?.lcpElement ? `\`${last.lcpElement}\`` : '—'}; other requests ${[...new Set(r.runs.flatMap((m) => m.urls))].map((u) => `\`${u}\``).join(', ') || 'none'}; long tasks per load ${f(median(r.runs.map((m) => m.longTasks)))}${r.med.cls > 0 ? `; largest layout shifts ${shifts.map((s) => `\`${s}\``).join(', ')}` : ''}${r.errors.length ? `; **errors:** ${r.errors.join('; ').replace(/\|/g, '\\|')}` : ''}`;
  });
  const section = `${BEGIN}
## Lighthouse-style metrics (part 7)

Run by \`npm run bench -- lighthouse\` (bench/pages/lighthouse.ts) on ${started}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}, Chromium ${chromiumVersion} (${CHROMIUM}, headless, driven by playwright-core over CDP). Load (1-minute average, after each round): ${loads.map((l) => f(l, 1)).join(' → ')}.

Lighthouse itself is not used; the same metrics are measured in the page. A Plaza with the demo city (${portal.slugs.length} datasets from demo/datasets.json) runs in this process on a temp data folder, on loopback. Each page is loaded cold (a new browser context, cache disabled) ${RUNS} times, rounds interleaving the pages; medians shown, and next to each figure its ratio to the reference page measured in the same rounds under the same settings: a minimal static HTML page (${REFERENCE_HTML.length} bytes, no script or style sheet) from a bare \`node:http\` server on loopback.

- **Mobile, throttled** (as Lighthouse's mobile preset): \`Network.emulateNetworkConditions\` latency ${MOBILE.network.latency} ms, download ${f((MOBILE.network.downloadThroughput * 8) / 1024, 1)} kbit/s, upload ${f((MOBILE.network.uploadThroughput * 8) / 1024)} kbit/s; \`Emulation.setCPUThrottlingRate\` ${MOBILE.cpuRate}×; viewport ${MOBILE.viewport.width}×${MOBILE.viewport.height}, device scale ${MOBILE.deviceScaleFactor}, mobile and touch.
- **Desktop, unthrottled**: viewport ${DESKTOP.viewport.width}×${DESKTOP.viewport.height}, no network or CPU throttling.
- TTFB = navigation \`responseStart\`; FCP = the \`first-contentful-paint\` paint entry; LCP = the last \`largest-contentful-paint\` entry (observer with \`buffered: true\`, read after the run); CLS = sum of \`layout-shift\` values without \`hadRecentInput\`; TBT = sum over \`longtask\` entries of (duration − 50 ms), clipped to the span from FCP to the end of the run; DOMContentLoaded and load = \`domContentLoadedEventEnd\` and \`loadEventEnd\`; transferred = sum of CDP \`Network.loadingFinished\` \`encodedDataLength\` (headers included), requests = CDP \`Network.requestWillBeSent\`. The run ends after the load event once no request has been in flight and no new long task has started for ${QUIET_MS} ms (at most ${MAX_WAIT_MS / 1000} s). Observers are installed before the page's own scripts (an init script).
- In this Chromium the emulated latency does not show in \`responseStart\`: the throttled TTFB is essentially the server's time (and the CPU slowdown), and the 150 ms show up in FCP, DOMContentLoaded and load instead.
- The CPU throttling multiplies this machine's speed, not a phone's: Lighthouse calibrates its 4× against a fast desktop; on a shared ${availableParallelism()}-core server the throttled figures are pessimistic and noisy, hence the ratios.

${results.map(table).join('\n\n')}

CLS and TBT have no ratio: the reference's are 0.

| Target (mobile, throttled; Lighthouse's "good") | ${mobile.rows.slice(1).map((r) => r.name).join(' | ')} |
|---|${mobile.rows.slice(1).map(() => '---').join('|')}|
| FCP ≤ 1.8 s | ${mobile.rows.slice(1).map((r) => `${verdict(r.med.fcp, GOOD.fcp)} ${ms(r.med.fcp)}`).join(' | ')} |
| LCP ≤ 2.5 s | ${mobile.rows.slice(1).map((r) => `${verdict(r.med.lcp, GOOD.lcp)} ${ms(r.med.lcp)}`).join(' | ')} |
| CLS ≤ 0.1 | ${mobile.rows.slice(1).map((r) => `${verdict(r.med.cls, GOOD.cls)} ${f(r.med.cls, 3)}`).join(' | ')} |
| TBT ≤ 200 ms | ${mobile.rows.slice(1).map((r) => `${verdict(r.med.tbt, GOOD.tbt)} ${f(r.med.tbt)} ms`).join(' | ')} |

What each page's LCP was and what shifted (mobile, throttled):

${notes.join('\n')}
${END}`;
  console.log(section);
  await writeSection(BEGIN, END, section);
}
