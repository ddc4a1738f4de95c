import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/http/app.ts';
import type { HttpFetch } from '../../src/ports/http-fetch.ts';
import type { TestPlaza } from '../support/plaza.ts';

/** A port nothing listens on yet, so that a site's address is known before it starts. */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** A test Plaza served over HTTP on loopback, its pages and APIs naming the address it answers at. */
export async function servePlaza(t: TestPlaza, siteName: string): Promise<{ url: string; close(): Promise<void> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // The site's public address, as its settings would give it: links, and the pages its own datasets are known by.
  Object.assign(t.deps.site, { baseUrl: url });
  const app = await buildApp({ deps: t.deps, siteName, baseUrl: url }, { logLevel: 'silent' });
  await app.listen({ port, host: '127.0.0.1' });
  return { url, close: () => app.close() };
}

/** Records the addresses a Plaza's harvester asks for. */
export function recordFetches(t: TestPlaza): string[] {
  const seen: string[] = [];
  const real = t.deps.fetch;
  const recording: HttpFetch = (url, init) => {
    seen.push(String(url));
    return real(url, init);
  };
  (t.deps as { fetch: HttpFetch }).fetch = recording;
  return seen;
}
