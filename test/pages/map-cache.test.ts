import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../src/actions/deps.ts';
import { buildApp } from '../../src/http/app.ts';
import { KeptMaps } from '../../src/http/pages/dataset/map-cache.ts';
import type { TableEngine } from '../../src/ports/table-engine.ts';
import { loadDemoDataset } from '../support/demo-data.ts';
import { startTestPlaza, type TestPlaza } from '../support/plaza.ts';

describe('kept maps', () => {
  it('keep the most recently used, share a map being made, and forget one that failed', async () => {
    const kept = new KeptMaps<string>(2);
    let made = 0;
    const make = (v: string) => () => (made++, Promise.resolve(v));
    expect(await kept.get('a', make('A'))).toBe('A');
    expect(await kept.get('a', make('A again'))).toBe('A');
    await kept.get('b', make('B'));
    await kept.get('a', make('A again'));
    await kept.get('c', make('C'));
    expect(made).toBe(3);
    // b was the least recently used of the two kept.
    expect(await kept.get('b', make('B again'))).toBe('B again');
    expect(await kept.get('c', make('C again'))).toBe('C');
    expect(kept.size).toBe(2);

    const failing = kept.get('d', () => Promise.reject(new Error('too slow')));
    await expect(failing).rejects.toThrow('too slow');
    expect(await kept.get('d', make('D'))).toBe('D');
    expect(KeptMaps.key('v1', { view: undefined, where: 'x > 1' })).toBe(KeptMaps.key('v1', { where: 'x > 1', view: undefined }));
    expect(KeptMaps.key('v1', { where: 'x > 1' })).not.toBe(KeptMaps.key('v2', { where: 'x > 1' }));
  });
});

describe("the map of the demo's 23,000 Chicago crimes", () => {
  let t: TestPlaza;
  let app: FastifyInstance;
  let queries = 0;

  beforeAll(async () => {
    t = await startTestPlaza();
    await loadDemoDataset(t, 'chicago-crimes-2014-09');
    // The real DuckDB engine, counting the statements it runs.
    const engine = t.deps.engine;
    const counted = new Proxy(engine, {
      get(target, prop) {
        if (prop === 'query') return (...args: Parameters<TableEngine['query']>) => (queries++, target.query(...args));
        const v: unknown = Reflect.get(target, prop);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const deps: Deps = { ...t.deps, engine: counted };
    app = await buildApp({ deps, siteName: 'Test City', baseUrl: 'http://localhost' }, { logLevel: 'silent' });
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await t.close();
  });

  it('reads its points once per version and filter, and draws each view once; the same map again reads nothing', async () => {
    const url = '/datasets/chicago-crimes-2014-09/map';
    const first = await app.inject(url);
    expect(first.statusCode).toBe(200);
    expect(first.body).toMatch(/Map of 2\d,\d{3} features/);
    const read = queries;
    expect(read).toBeGreaterThan(0);

    const again = await app.inject(url);
    expect(queries).toBe(read);
    expect(again.body).toBe(first.body);
    // Another language is the same map.
    await app.inject({ url, headers: { 'accept-language': 'es' } });
    expect(queries).toBe(read);

    // Another view of the same rows draws them again without reading them again.
    const zoomed = await app.inject(`${url}?view=${encodeURIComponent('13/41.88/-87.63')}`);
    expect(zoomed.statusCode).toBe(200);
    expect(zoomed.body).not.toBe(first.body);
    expect(queries).toBe(read);

    // A chosen feature's record is read once with its map, which is then kept whole.
    const chosen = await app.inject(`${url}?feature=5`);
    expect(chosen.statusCode).toBe(200);
    const withRecord = queries;
    expect(withRecord).toBeGreaterThan(read);
    expect((await app.inject(`${url}?feature=5`)).body).toBe(chosen.body);
    expect(queries).toBe(withRecord);

    // Another filter reads its rows, once.
    const homicides = `${url}?where=${encodeURIComponent("primary_type = 'HOMICIDE'")}`;
    const filtered = await app.inject(homicides);
    expect(filtered.statusCode).toBe(200);
    expect(filtered.body).not.toMatch(/Map of 2\d,\d{3} features/);
    expect(queries).toBeGreaterThan(withRecord);
    const afterFilter = queries;
    await app.inject(homicides);
    await app.inject(`${url}?view=${encodeURIComponent('13/41.88/-87.63')}`);
    expect(queries).toBe(afterFilter);
  });
});
