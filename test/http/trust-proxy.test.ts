import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

let t: TestPlaza;
beforeAll(async () => {
  t = await startTestPlaza();
});
afterAll(async () => t.close());

const twoClients = async (trustProxy: boolean | string[]) => {
  const app = await buildApp({ deps: t.deps, siteName: 'T', baseUrl: 'http://x' }, { logLevel: 'silent', rateLimits: { anonymous: 1, token: 0 }, trustProxy });
  const from = (ip: string) => app.inject({ url: '/api/v1/datasets', remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': ip } });
  const statuses = [(await from('203.0.113.1')).statusCode, (await from('203.0.113.2')).statusCode];
  await app.close();
  return statuses;
};

describe('client addresses behind a reverse proxy', () => {
  it('counts each client behind a trusted proxy on its own', async () => {
    expect(await twoClients(['127.0.0.1'])).toEqual([200, 200]);
  });

  it('without trust, every client behind the proxy shares the proxy’s budget', async () => {
    expect(await twoClients(false)).toEqual([200, 429]);
  });

  it('reads the setting', () => {
    expect(loadConfig({ PLAZA_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(loadConfig({ PLAZA_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({}).trustProxy).toBe(false);
  });
});
