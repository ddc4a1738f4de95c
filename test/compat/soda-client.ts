import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';

/** The part of soda-js's query builder the tests use (the package ships no types). */
export interface SodaQuery {
  withDataset(id: string): SodaQuery;
  select(...fields: string[]): SodaQuery;
  where(...conditions: string[]): SodaQuery;
  order(...orders: string[]): SodaQuery;
  limit(n: number): SodaQuery;
  getURL(): string;
  getRows(): { on(event: 'success' | 'error', f: (body: unknown) => void): ReturnType<SodaQuery['getRows']> };
}
interface SodaJs {
  Consumer: new (dataSite: string) => { query(): SodaQuery };
}
const require = createRequire(import.meta.url);
export const soda = require('soda-js') as SodaJs;
/** superagent, which soda-js sends its requests with: each request's `ca` defaults to its prototype's `_ca`. */
const superagentRequest = (require('superagent') as { Request: { prototype: { _ca?: Buffer } } }).Request.prototype;

/**
 * soda-js always speaks https to `dataSite`: the app is served over TLS with
 * a certificate made for 127.0.0.1, which superagent's requests (soda-js
 * sends through superagent, each request with an agent of its own) are
 * told to trust as their default `ca`; nothing else trusts it.
 */
export async function serveTls(app: FastifyInstance): Promise<{ dataSite: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'soda-tls-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const pem = readFileSync(cert);
  await app.ready();
  const server: Server = createServer({ key: readFileSync(key), cert: pem }, (req, res) => app.routing(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  superagentRequest._ca = pem;
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    dataSite: `127.0.0.1:${port}`,
    async close() {
      delete superagentRequest._ca;
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a soda-js query to its end. */
export function rows(q: SodaQuery): Promise<unknown> {
  return new Promise((resolve, reject) => {
    q.getRows().on('success', resolve).on('error', reject);
  });
}
