/**
 * Plaza scaled out on loopback: PostgreSQL, an S3-protocol server, Redis, two
 * `plaza web` and two `plaza worker` processes, each a real `plaza` process
 * with a data folder of its own (test/scale/cluster.ts). What a city relies on
 * when it runs Plaza this way: an upload through one node is followed live
 * from the other; both answer the same rows; a change on one node shows on the
 * other's kept pages at once; a version is never half visible; a worker killed
 * in the middle of an ingest loses nothing; a web node stopped leaves the other
 * serving; no mail goes out twice.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/plaza.ts';
import { api, isWorking, jobDone, servicesProblem, sleep, startCluster, stopNode, until, upload, type Cluster, type JobView, type PlazaNode } from './cluster.ts';

const problem = await servicesProblem();
const required = process.env.PLAZA_REQUIRE_SERVICES === '1';
if (problem && !required) console.warn(`Skipping the multi-node test: ${problem}. PLAZA_REQUIRE_SERVICES=1 makes this a failure.`);

/** Seconds a worker holds a job without renewing its claim: a killed worker's job is taken by another after this. */
const LEASE_SECONDS = 5;

/** The Toronto air-quality readings (53,412 rows, 15 columns), its rows `times` over: a file whose ingest takes a few seconds. */
const AIR = readFileSync(fixture('tabular/openaq_toronto_measurements_2025-09.csv'), 'utf8');
const AIR_HEADER = AIR.slice(0, AIR.indexOf('\n') + 1);
const AIR_BODY = AIR.slice(AIR_HEADER.length).replace(/(\r?\n)?$/, '\r\n');
const AIR_ROWS = AIR_BODY.split('\n').filter((l) => l.trim() !== '').length;
const airTimes = (times: number): Buffer => Buffer.from(AIR_HEADER + AIR_BODY.repeat(times));

interface Observation {
  node: string;
  /** The live version's number and row count, as the dataset's JSON gives them. */
  version: number | null;
  rows: number | null;
  /** `total_count` of a records query made right after. */
  total: number | null;
  error?: string;
}

/**
 * Reads the dataset and then its records from each node, over and over,
 * until stopped: what anyone reading the dataset saw while a new version
 * was being made.
 */
function watchVersions(nodes: PlazaNode[], token: string, slug: string): { stop(): Promise<Observation[]> } {
  const seen: Observation[] = [];
  let running = true;
  const loops = nodes.map(async (n) => {
    while (running) {
      const o: Observation = { node: n.name, version: null, rows: null, total: null };
      try {
        const d = await api<{ version: number | null; rows: number | null }>(n.base, token, 'GET', `/api/v1/datasets/${slug}`, undefined, [200]);
        o.version = d.version;
        o.rows = d.rows;
        o.total = (await api<{ total_count: number }>(n.base, token, 'GET', `/api/v1/datasets/${slug}/records?limit=1`, undefined, [200])).total_count;
      } catch (e) {
        o.error = (e as Error).message;
      }
      seen.push(o);
      await sleep(100);
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return seen;
    },
  };
}

/**
 * Every observation shows one complete version: the dataset's live version
 * and row count are a pair that exists, the records query counts the rows of
 * that version or (if the version moved on in between) of the next, and no
 * node goes back to an older version once it has shown a newer one.
 */
function expectWholeVersions(seen: Observation[], rowsOf: Map<number, number>): void {
  expect(seen.filter((o) => o.error).map((o) => `${o.node}: ${o.error}`)).toEqual([]);
  const versionWith = new Map([...rowsOf].map(([v, rows]) => [rows, v]));
  const latest = new Map<string, number>();
  for (const o of seen) {
    expect(o.version !== null && rowsOf.has(o.version), `${o.node} showed live version ${o.version}, not one of ${[...rowsOf.keys()].join(', ')}`).toBe(true);
    expect(o.rows, `${o.node} showed version ${o.version} with ${o.rows} rows`).toBe(rowsOf.get(o.version!));
    // The records were read after the dataset: the same version's, or a newer one's, never a part.
    const counted = versionWith.get(o.total!);
    expect(counted !== undefined && counted >= o.version!, `${o.node} counted ${o.total} records while version ${o.version} (${o.rows} rows) was live`).toBe(true);
    expect(o.version!, `${o.node} went back from version ${latest.get(o.node)} to ${o.version}`).toBeGreaterThanOrEqual(latest.get(o.node) ?? 0);
    latest.set(o.node, o.version!);
  }
}

/** The `job` events of a job's event stream on one node, until the job finishes or `seconds` pass. */
async function followJob(node: PlazaNode, token: string, id: string, seconds = 60): Promise<JobView[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), seconds * 1000);
  const events: JobView[] = [];
  try {
    const res = await fetch(`${node.base}/api/v1/jobs/${id}/events`, { headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' }, signal: abort.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^event: job\ndata: (.*)$/m.exec(block);
        if (data) events.push(JSON.parse(data[1]!) as JobView);
      }
      const last = events.at(-1);
      if (last && ['succeeded', 'failed', 'dead'].includes(last.status)) break;
    }
  } catch (e) {
    if (!abort.signal.aborted) throw e;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return events;
}

describe.skipIf(problem !== null && !required)('Plaza on two web nodes and two workers (PostgreSQL, S3, Redis)', () => {
  let cluster: Cluster;
  let a: PlazaNode;
  let b: PlazaNode;
  let token: string;
  /** Rows of each version of the air-quality dataset. */
  const airVersions = new Map<number, number>();

  beforeAll(async () => {
    if (problem) throw new Error(`The multi-node test needs PostgreSQL and Redis (PLAZA_REQUIRE_SERVICES=1): ${problem}`);
    cluster = await startCluster({ webs: 2, workers: 2, env: { PLAZA_JOB_LEASE_SECONDS: String(LEASE_SECONDS), PLAZA_SHUTDOWN_SECONDS: '10' } });
    [a, b] = cluster.webs as [PlazaNode, PlazaNode];
    token = cluster.adminToken;
    await api(a.base, token, 'POST', '/api/v1/organizations', { name: 'Environment' });
  }, 120_000);

  afterAll(async () => {
    await cluster?.close();
  }, 60_000);

  it('shows a publish on node A on node B\'s kept catalog page at once', async () => {
    await api(a.base, token, 'POST', '/api/v1/datasets', { title: 'Montréal bike counts, 2012', slug: 'montreal-bikes', organization: 'Environment', description: 'Cyclists counted each day on Montréal\'s bike paths.', license: 'cc0-1.0' });
    const job = await upload(a.base, token, 'montreal-bikes', readFileSync(fixture('tabular/montreal_bike_counts_2012.csv')), 'bikes.csv');
    expect((await jobDone(a.base, token, job.id)).status).toBe('succeeded');

    // A visitor's catalog page on B, kept there: the draft is not on it.
    const catalog = async () => (await fetch(`${b.base}/datasets`)).text();
    for (let i = 0; i < 3; i++) expect(await catalog()).not.toContain('/datasets/montreal-bikes"');

    await api(a.base, token, 'POST', '/api/v1/datasets/montreal-bikes/status', { status: 'published' });
    const published = performance.now();
    const shownAfter = await until('node B\'s catalog page to show the dataset', async () => ((await catalog()).includes('/datasets/montreal-bikes"') ? performance.now() - published : undefined), 15);
    expect(shownAfter, `node B showed the publish after ${Math.round(shownAfter)} ms`).toBeLessThan(1_000);
    // And node A's own page, as ever.
    expect(await (await fetch(`${a.base}/datasets`)).text()).toContain('/datasets/montreal-bikes"');
  });

  it('follows an upload through node A live from node B, and both nodes answer the same rows', async () => {
    await api(a.base, token, 'POST', '/api/v1/datasets', { title: 'Toronto air quality, September 2025', slug: 'air', organization: 'Environment', description: 'Hourly readings of the Toronto area\'s air-quality sensors.', license: 'cc0-1.0' });
    const job = await upload(a.base, token, 'air', airTimes(2), 'air.csv');
    const events = await followJob(b, token, job.id);
    const statuses = events.map((e) => `${e.status}/${e.phase}`);
    expect(events.length, statuses.join(' → ')).toBeGreaterThan(1);
    expect(events.some((e) => e.status === 'running'), statuses.join(' → ')).toBe(true);
    const last = events.at(-1)!;
    expect(last.status, statuses.join(' → ')).toBe('succeeded');
    expect(last.result?.rows).toBe(2 * AIR_ROWS);
    // Rows were counted as they were read, and B saw the count move.
    expect(new Set(events.map((e) => e.rows_read)).size, statuses.join(' → ')).toBeGreaterThan(1);
    airVersions.set(1, 2 * AIR_ROWS);
    // Published, so visitors read it too.
    await api(a.base, token, 'POST', '/api/v1/datasets/air/status', { status: 'published' });

    const query = '/api/v1/datasets/air/records?where=location_id%3D7570&limit=25';
    const [fromA, fromB] = await Promise.all([a, b].map((n) => api<{ total_count: number; results: unknown[] }>(n.base, token, 'GET', query)));
    expect(fromA!.total_count).toBeGreaterThan(0);
    expect(fromA!.results).toHaveLength(25);
    expect(fromB).toEqual(fromA);
    const grouped = '/api/v1/datasets/air/records?group_by=parameter&select=parameter,count(*) as n&order_by=parameter';
    const [groupsA, groupsB] = await Promise.all([a, b].map((n) => api<{ results: Array<{ n: number }> }>(n.base, token, 'GET', grouped)));
    expect(groupsA!.results.reduce((s, r) => s + Number(r.n), 0)).toBe(2 * AIR_ROWS);
    expect(groupsB).toEqual(groupsA);
  });

  it('never shows half a version on either node while a new one is made', async () => {
    const watch = watchVersions([a, b], token, 'air');
    let seen: Observation[] | undefined;
    try {
      await sleep(300);
      const job = await upload(b.base, token, 'air', airTimes(3), 'air.csv');
      const done = await jobDone(b.base, token, job.id);
      expect(done.status).toBe('succeeded');
      airVersions.set(2, 3 * AIR_ROWS);
      await sleep(300);
    } finally {
      seen = await watch.stop();
    }
    expectWholeVersions(seen, airVersions);
    for (const n of [a, b]) {
      const mine = seen.filter((o) => o.node === n.name);
      expect(mine.filter((o) => o.version === 1).length, `${n.name} was not read before the new version`).toBeGreaterThan(0);
      expect(mine.at(-1)?.version, `${n.name} does not show the new version`).toBe(2);
    }
  });

  it('sends each mail once, though both workers send mail', async () => {
    const people = Array.from({ length: 6 }, (_, i) => ({ email: `resident${i}@city.example.org`, name: `Resident ${i}` }));
    // Accounts made without a password are each emailed a link to choose one; half through each node, all at once.
    await Promise.all(people.map((p, i) => api([a, b][i % 2]!.base, token, 'POST', '/api/v1/users', p)));
    const smtp = cluster.smtp!;
    await smtp.waitFor(people.length, 30_000);
    // Both workers pass over the outbox again meanwhile.
    await sleep(4_000);
    const to = smtp.messages.flatMap((m) => m.to).sort();
    expect(to).toEqual(people.map((p) => p.email).sort());
  });

  it('finishes an ingest on the other worker when the worker running it is killed, with no version half visible', async () => {
    const watch = watchVersions([a, b], token, 'air');
    let seen: Observation[] | undefined;
    try {
      const job = await upload(a.base, token, 'air', airTimes(6), 'air.csv');
      // Wait until a worker is in the middle of it.
      const victim = await until('a worker to be in the middle of the ingest', async () => {
        const j = await api<JobView>(a.base, token, 'GET', `/api/v1/jobs/${job.id}`);
        if (['succeeded', 'failed', 'dead'].includes(j.status)) throw new Error(`the ingest ended (${j.status}) before its worker could be killed: make the file larger`);
        if (j.status !== 'running' || j.phase === 'preparing') return undefined;
        for (const w of cluster.workers) if (w.alive() && (await isWorking(w))) return w;
        return undefined;
      }, 40);
      await stopNode(victim, 'SIGKILL');
      const killedAt = performance.now();
      const atKill = await api<JobView>(a.base, token, 'GET', `/api/v1/jobs/${job.id}`);
      expect(atKill.status, 'the ingest had finished before its worker was killed: make the file larger').toBe('running');

      const done = await jobDone(b.base, token, job.id, LEASE_SECONDS + 40);
      const tookOver = (performance.now() - killedAt) / 1000;
      expect(done.status, JSON.stringify(done.errors)).toBe('succeeded');
      expect(done.result?.rows).toBe(6 * AIR_ROWS);
      airVersions.set(3, 6 * AIR_ROWS);
      await sleep(300);
      seen = await watch.stop();
      expectWholeVersions(seen, airVersions);
      expect(tookOver, `the other worker took ${tookOver.toFixed(1)} s after the kill`).toBeLessThan(LEASE_SECONDS + 40);
    } finally {
      if (!seen) await watch.stop();
    }

    // One version came of it, and it is live on both nodes.
    const detail = await api<{ version: number; rows: number; versions: Array<{ number: number; status: string; rows: number | null }> }>(b.base, token, 'GET', '/api/v1/datasets/air');
    const ready = detail.versions.filter((v) => v.status === 'ready');
    expect(ready.map((v) => v.number).sort()).toEqual([1, 2, 3]);
    expect(detail.version).toBe(3);
    expect(detail.rows).toBe(6 * AIR_ROWS);
    const totals = await Promise.all([a, b].map(async (n) => (await api<{ total_count: number }>(n.base, token, 'GET', '/api/v1/datasets/air/records?limit=1')).total_count));
    expect(totals).toEqual([6 * AIR_ROWS, 6 * AIR_ROWS]);
  }, 120_000);

  it('keeps serving from node A while node B stops on SIGTERM', async () => {
    const paths = ['/datasets', '/datasets/montreal-bikes', '/api/v1/datasets/air/records?limit=5', '/api/v1/datasets?q=air'];
    const answers: Array<{ path: string; status: number | string }> = [];
    let running = true;
    const load = (async () => {
      for (let i = 0; running; i++) {
        const path = paths[i % paths.length]!;
        try {
          const res = await fetch(`${a.base}${path}`);
          await res.arrayBuffer();
          answers.push({ path, status: res.status });
        } catch (e) {
          answers.push({ path, status: (e as Error).message });
        }
        await sleep(20);
      }
    })();
    await sleep(300);
    const code = await stopNode(b, 'SIGTERM', 30);
    expect(code, b.output().slice(-2000)).toBe(0);
    await expect(fetch(`${b.base}/healthz`)).rejects.toThrow();
    await sleep(1_000);
    running = false;
    await load;
    expect(answers.length).toBeGreaterThan(20);
    expect(answers.filter((x) => x.status !== 200)).toEqual([]);
    expect((await fetch(`${a.base}/readyz`)).status).toBe(200);
  }, 60_000);
});
