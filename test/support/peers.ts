import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import type { TestPlaza } from './plaza.ts';

/** A Plaza served over HTTP on loopback, as a peer reaches it. */
export interface ServedPlaza {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function servePlaza(t: TestPlaza, siteName: string): Promise<ServedPlaza> {
  const app = await buildApp({ deps: t.deps, siteName, baseUrl: 'http://127.0.0.1' }, { logLevel: 'silent' });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, app, close: () => app.close() };
}

/** A local HTTP server answering with the handler given; `requests` lists the paths asked, in order. */
export interface LocalServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export async function localServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<LocalServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

/** An address on loopback where nothing listens. */
export async function closedPort(): Promise<string> {
  const s = await localServer(() => undefined);
  await s.close();
  return s.url;
}

export const json = (res: ServerResponse, body: unknown, status = 200): void => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};
