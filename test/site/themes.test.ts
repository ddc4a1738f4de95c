import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

let t: TestPlaza;
let app: FastifyInstance;
const auth = () => ({ authorization: `Bearer ${t.token}` });

beforeAll(async () => {
  t = await startTestPlaza();
  app = await buildApp({ deps: t.deps, siteName: 'T', baseUrl: 'http://x' }, { logLevel: 'silent' });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('the themes a site administrator sets', () => {
  it('are the ones publishers choose from, in the API and its validation', async () => {
    expect((await app.inject({ method: 'PATCH', url: '/api/v1/site', headers: auth(), payload: { themes: ['Water', 'Parks and recreation'] } })).statusCode).toBe(200);
    expect((await app.inject('/api/v1/vocabularies')).json().themes).toEqual(['Water', 'Parks and recreation']);
    await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: auth(), payload: { name: 'Utilities' } });
    const made = await app.inject({ method: 'POST', url: '/api/v1/datasets', headers: auth(), payload: { title: 'Hydrants', organization: 'Utilities', themes: ['Water'] } });
    expect(made.statusCode).toBe(201);
    expect(made.json().themes).toEqual(['Water']);
    // A theme from the default list that the site no longer offers is refused, naming the ones it does.
    const old = await app.inject({ method: 'PATCH', url: '/api/v1/datasets/hydrants', headers: auth(), payload: { themes: ['Health'] } });
    expect(old.statusCode).toBe(400);
    expect(old.json().error.details.fields).toEqual([{ field: 'themes.0', message: 'is not a theme; use one of: Water, Parks and recreation' }]);
  });
});
