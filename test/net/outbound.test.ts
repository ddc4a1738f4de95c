import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboundFetch } from '../../src/adapters/net/outbound-fetch.ts';
import { FetchWebhookSender } from '../../src/adapters/webhook/sender.ts';
import { isPublicAddress } from '../../src/domain/net/addresses.ts';
import { buildApp } from '../../src/http/app.ts';
import { PrivateAddressError } from '../../src/ports/http-fetch.ts';
import { startTestPlaza } from '../support/plaza.ts';

let server: Server;
let port = 0;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/hop2') {
      res.writeHead(302, { location: `http://127.0.0.2:${port}/data.csv` });
      res.end();
      return;
    }
    if (req.url === '/hop') {
      res.writeHead(302, { location: `http://127.0.0.1:${port}/data.csv` });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/csv' });
    res.end('a,b\n1,2\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as { port: number }).port;
});
afterAll(() => server.close());

describe('which addresses are public', () => {
  it.each([
    ['8.8.8.8', true], ['172.32.0.1', true], ['2606:4700::1111', true], ['::ffff:8.8.8.8', true],
    ['127.0.0.1', false], ['10.1.2.3', false], ['172.16.0.1', false], ['192.168.1.1', false], ['169.254.169.254', false],
    ['100.64.0.1', false], ['0.0.0.0', false], ['224.0.0.1', false], ['::1', false], ['::', false], ['fe80::1', false],
    ['fd00::1', false], ['::ffff:127.0.0.1', false], ['::ffff:7f00:1', false], ['[::1]', false], ['not an ip', false], ['1::2::3', false],
  ] as const)('%s → %s', (ip, expected) => {
    expect(isPublicAddress(ip)).toBe(expected);
  });
});

describe('outbound requests on users’ behalf', () => {
  const guarded = outboundFetch({ allowPrivate: false });
  const reason = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
      return 'no error';
    } catch (e) {
      let err = e as Error & { cause?: unknown };
      while (err.cause instanceof Error) err = err.cause as Error & { cause?: unknown };
      expect(err).toBeInstanceOf(PrivateAddressError);
      return err.message;
    }
  };

  it('refuses a private address written as an IP, as a name, and behind a redirect', async () => {
    expect(await reason(guarded(`http://127.0.0.1:${port}/data.csv`))).toMatch(/127\.0\.0\.1 is an address inside a private network/);
    expect(await reason(guarded(`http://[::1]:${port}/data.csv`))).toMatch(/private network/);
    expect(await reason(guarded(`http://localhost:${port}/data.csv`))).toMatch(/localhost is at (127\.0\.0\.1|::1), an address inside a private network/);
  });

  it('checks every hop of a redirect', async () => {
    // Pretend 127.0.0.1 is public and 127.0.0.2 is not: the first hop passes, the redirect's target is refused.
    const only1 = outboundFetch({ allowPrivate: false, isPublic: (ip) => ip === '127.0.0.1' });
    expect(await (await only1(`http://127.0.0.1:${port}/data.csv`)).text()).toBe('a,b\n1,2\n');
    expect(await reason(only1(`http://127.0.0.1:${port}/hop2`))).toMatch(/127\.0\.0\.2 is an address inside a private network/);
  });

  it('reaches private addresses when the setting allows it, following redirects', async () => {
    const open = outboundFetch({ allowPrivate: true });
    expect(await (await open(`http://127.0.0.1:${port}/hop`)).text()).toBe('a,b\n1,2\n');
  });

  it('a webhook to a private address fails with the reason in the delivery log', async () => {
    const r = await new FetchWebhookSender(guarded).post({ url: `http://127.0.0.1:${port}/hook`, body: '{}', headers: {} }, 2000);
    expect(r.status).toBeNull();
    expect(r.error).toMatch(/private network/);
  });

  it('loading a file from a private address is refused with a clear message, and nothing is kept', async () => {
    const t = await startTestPlaza({ fetch: guarded });
    const app = await buildApp({ deps: t.deps, siteName: 'T', baseUrl: 'http://x' }, { logLevel: 'silent' });
    try {
      const auth = { authorization: `Bearer ${t.token}` };
      await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: auth, payload: { name: 'X' } });
      await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: auth, payload: { title: 'Inside', organization: 'X', slug: 'inside' } });
      const r = await app.inject({ method: 'POST', url: '/api/v1/datasets/inside/resources', headers: auth, payload: { url: `http://localhost:${port}/data.csv` } });
      expect(r.statusCode).toBe(422);
      expect(r.json().error).toMatchObject({ code: 'url_refused', message: expect.stringMatching(/was not loaded: localhost is at .*private network.*PLAZA_ALLOW_PRIVATE_URLS/) });
      expect((await app.inject({ url: '/api/v1/datasets/inside', headers: auth })).json().resources).toEqual([]);
    } finally {
      await app.close();
      await t.close();
    }
  });
});
