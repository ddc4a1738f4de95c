import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Answer {
  status?: number;
  type?: string;
  body: string;
}

/** A local HTTP server answering each request by a function the test changes as it goes, and remembering what it was asked. */
export interface Replay {
  url: string;
  /** Paths with their queries, in order. */
  requests: string[];
  answer: (req: IncomingMessage, url: URL) => Answer;
  close(): Promise<void>;
}

export async function startReplay(): Promise<Replay> {
  const replay: Replay = { url: '', requests: [], answer: () => ({ status: 404, body: 'not found' }), close: async () => undefined };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', replay.url);
    replay.requests.push(`${url.pathname}${url.search}`);
    const a = replay.answer(req, url);
    res.writeHead(a.status ?? 200, { 'content-type': a.type ?? 'application/json' }).end(a.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  replay.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  replay.close = () => new Promise<void>((r) => server.close(() => r()));
  return replay;
}
