import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FetchWebhookSender, RESPONSE_SNIPPET_BYTES } from '../../src/adapters/webhook/sender.ts';

interface Received {
  method: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  server = undefined;
});

/** A local receiver that records each request and answers with `handler`. */
async function receiver(handler: (res: ServerResponse) => void): Promise<{ url: string; received: Received[] }> {
  const received: Received[] = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      handler(res);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/plaza`, received };
}

const sender = new FetchWebhookSender();
const request = (url: string) => ({ url, body: '{"event":"dataset.published","name":"Café"}', headers: { 'X-Plaza-Event': 'dataset.published' } });

describe('FetchWebhookSender', () => {
  it('posts the body and headers and reports a 2xx as success', async () => {
    const { url, received } = await receiver((res) => res.writeHead(202, { 'content-type': 'text/plain' }).end('queued'));
    const result = await sender.post(request(url), 2000);
    expect(result).toMatchObject({ status: 202, error: null, responseSnippet: 'queued' });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(received).toHaveLength(1);
    expect(received[0]!.method).toBe('POST');
    expect(received[0]!.body).toBe('{"event":"dataset.published","name":"Café"}');
    expect(received[0]!.headers['x-plaza-event']).toBe('dataset.published');
    expect(received[0]!.headers['content-type']).toBe('application/json');
  });

  it('reports a 500 with its status and at most 1 KB of the body', async () => {
    const { url } = await receiver((res) => res.writeHead(500).end(`boom ${'x'.repeat(5000)}`));
    const result = await sender.post(request(url), 2000);
    expect(result.status).toBe(500);
    expect(result.error).toBe('Answered with status 500');
    expect(result.responseSnippet.startsWith('boom xxx')).toBe(true);
    expect(result.responseSnippet).toHaveLength(RESPONSE_SNIPPET_BYTES);
  });

  it('does not split a character at the snippet limit', async () => {
    const { url } = await receiver((res) => res.writeHead(400).end(`${'a'.repeat(RESPONSE_SNIPPET_BYTES - 1)}é and more`));
    const result = await sender.post(request(url), 2000);
    expect(result.status).toBe(400);
    expect(result.responseSnippet).toBe('a'.repeat(RESPONSE_SNIPPET_BYTES - 1));
  });

  it('gives up after the timeout with no status', async () => {
    const { url } = await receiver(() => undefined);
    const started = Date.now();
    const result = await sender.post(request(url), 300);
    expect(result).toMatchObject({ status: null, error: 'No response within 300 ms', responseSnippet: '' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.durationMs).toBeGreaterThanOrEqual(250);
  });

  it('reports a refused connection without throwing', async () => {
    const { url } = await receiver((res) => res.end());
    await new Promise((r) => server!.close(r));
    server = undefined;
    const result = await sender.post(request(url), 2000);
    expect(result.status).toBeNull();
    expect(result.error).toMatch(/^Could not reach 127\.0\.0\.1:\d+: .*ECONNREFUSED/);
  });

  it('counts a redirect as a failure and does not follow it', async () => {
    const { url, received } = await receiver((res) => res.writeHead(301, { location: '/elsewhere' }).end());
    const result = await sender.post(request(url), 2000);
    expect(result.status).toBe(301);
    expect(result.error).toBe('Redirected with status 301 to /elsewhere; redirects are not followed');
    expect(received).toHaveLength(1);
  });

  it('reports an invalid URL without throwing', async () => {
    const result = await sender.post(request('not a url'), 500);
    expect(result.status).toBeNull();
    expect(result.error).toMatch(/^Could not reach the URL: /);
  });
});
