/**
 * A webhook to a loopback or private-network address is refused when the
 * subscription is made (422 url_refused, with the guard's reason), by the
 * same rule deliveries follow; a portal that allows private URLs accepts it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressCheck } from '../../src/adapters/net/address-check.ts';
import { refusal } from '../../src/adapters/net/outbound-fetch.ts';
import { PrivateAddressError } from '../../src/ports/http-fetch.ts';
import { startFlow, type Flow, type Person } from './support.ts';

let guarded: Flow;
let open: Flow;
let reader: Person;
let dataset: string;

beforeAll(async () => {
  // The test plazas allow private URLs (their receivers listen on 127.0.0.1); this one has the portal's default.
  guarded = await startFlow({ checkAddress: addressCheck({ allowPrivate: false }) });
  reader = await guarded.person('Rita Reader');
  dataset = (await guarded.dataset('Street trees')).slug;
  open = await startFlow();
});
afterAll(async () => {
  await guarded?.close();
  await open?.close();
});

const subscribe = (f: Flow, auth: { authorization: string }, webhook_url: string, slug = dataset) =>
  f.app.inject({ method: 'POST', url: '/api/v1/subscriptions', headers: auth, payload: { dataset: slug, email: false, webhook_url } });

/** Whether the check refuses the URL, and with which reason. */
async function reasonOf(check: ReturnType<typeof addressCheck>, url: string): Promise<string | null> {
  try {
    await check(new URL(url));
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(PrivateAddressError);
    return (e as Error).message;
  }
}

describe('a webhook URL inside a private network', () => {
  it.each([
    ['http://127.0.0.1:9/hooks/plaza', '127.0.0.1', '127.0.0.1'],
    ['http://[::1]:9/hooks/plaza', '::1', '::1'],
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254', '169.254.169.254'],
    ['http://10.1.2.3/hook', '10.1.2.3', '10.1.2.3'],
  ])('%s is refused with 422 and the guard’s reason; nothing is kept', async (url, host, address) => {
    const res = await subscribe(guarded, reader.auth, url);
    expect(res.statusCode, res.body).toBe(422);
    const error = res.json().error as { code: string; message: string; details: { fields: Array<{ field: string; message: string }> } };
    expect(error.code).toBe('url_refused');
    const reason = refusal(host, address).message;
    expect(error.message).toBe(`The webhook_url ${url} was refused: ${reason}; give a webhook URL on the public internet.`);
    expect(error.details.fields).toEqual([{ field: 'webhook_url', message: `${reason}; give a webhook URL on the public internet.` }]);
    expect((await guarded.app.inject({ url: '/api/v1/subscriptions', headers: reader.auth })).json().results).toEqual([]);
  });

  it('a name is resolved and refused when it leads inside: localhost', async () => {
    const res = await subscribe(guarded, reader.auth, 'http://localhost:9/hook');
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.message).toMatch(/localhost is at (127\.0\.0\.1|::1), an address inside a private network/);
  });

  it('every address a name resolves to is checked, not only the first', async () => {
    const names: Record<string, string[]> = { 'hooks.example.org': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c', '10.0.0.7'] };
    const check = addressCheck({ allowPrivate: false, resolve: async (host) => names[host] ?? [] });
    expect(await reasonOf(check, 'https://hooks.example.org/plaza')).toBe(refusal('hooks.example.org', '10.0.0.7').message);
    names['hooks.example.org'] = names['hooks.example.org']!.slice(0, 2);
    expect(await reasonOf(check, 'https://hooks.example.org/plaza')).toBeNull();
    expect(await reasonOf(addressCheck({ allowPrivate: true }), 'http://127.0.0.1/hook')).toBeNull();
  });

  it('a public address, and a name that does not resolve (it reaches nothing), are accepted', async () => {
    const pub = await subscribe(guarded, reader.auth, 'https://93.184.215.14/hooks/plaza');
    expect(pub.statusCode, pub.body).toBe(201);
    const unknown = await subscribe(guarded, reader.auth, 'https://hooks.plaza-test.invalid/x');
    expect(unknown.statusCode, unknown.body).toBe(201);
  });

  it('is accepted where the portal allows private URLs (PLAZA_ALLOW_PRIVATE_URLS)', async () => {
    const someone = await open.person('Otto Open');
    const slug = (await open.dataset('Benches')).slug;
    const res = await subscribe(open, someone.auth, 'http://127.0.0.1:9/hooks/plaza', slug);
    expect(res.statusCode, res.body).toBe(201);
  });
});
