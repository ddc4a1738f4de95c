/**
 * The scale-out benchmark's load, in a process of its own so that it never
 * shares an event loop with what it measures: one autocannon instance per
 * request type and node, all at once, for one window. It reads its plan (JSON)
 * from the file named by its argument and prints one JSON line of results.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** The part of autocannon's programmatic API used here (the package ships no types). */
interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
}
interface CannonResult {
  requests: { total: number };
  latency: { p50: number; p99: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (
  opts: { url: string; connections: number; duration: number; timeout: number; requests: Array<{ setupRequest: (req: RawRequest) => RawRequest }> },
  cb: (err: Error | null, res: CannonResult) => void,
) => unknown;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** One request as a client sends it. */
export interface PlannedRequest {
  method: 'GET' | 'PUT' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
}

/** The requests of one type sent to one node, in turn, over `connections`. */
export interface Stream {
  type: string;
  node: string;
  base: string;
  connections: number;
  requests: PlannedRequest[];
}

export interface Plan {
  seconds: number;
  streams: Stream[];
}

/** What one stream got in one window. */
export interface StreamResult {
  type: string;
  node: string;
  requests: number;
  /** Answers 200–299. */
  ok: number;
  /** Answers that were not 2xx. */
  non2xx: number;
  /** Connection errors and time-outs. */
  errors: number;
  timeouts: number;
  p50: number;
  p99: number;
  rps: number;
}

function run(stream: Stream, seconds: number): Promise<StreamResult> {
  let next = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: stream.base,
        connections: stream.connections,
        duration: seconds,
        timeout: 30,
        requests: [
          {
            setupRequest: (req) => {
              const r = stream.requests[next++ % stream.requests.length]!;
              return { ...req, method: r.method, path: r.path, headers: { ...req.headers, ...r.headers } };
            },
          },
        ],
      },
      (err, res) => {
        if (err) return reject(err);
        resolve({
          type: stream.type,
          node: stream.node,
          requests: res.requests.total,
          ok: res['2xx'],
          non2xx: res.non2xx,
          errors: res.errors,
          timeouts: res.timeouts,
          p50: res.latency.p50,
          p99: res.latency.p99,
          rps: res.requests.total / seconds,
        });
      },
    );
  });
}

const plan = JSON.parse(await readFile(process.argv[2]!, 'utf8')) as Plan;
const results = await Promise.all(plan.streams.map((s) => run(s, plan.seconds)));
process.stdout.write(`${JSON.stringify(results)}\n`);
