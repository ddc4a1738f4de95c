import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../src/config.ts';
import { HELP } from '../../src/cli/help.ts';
import { FORMATS } from '../../src/domain/ingest/formats.ts';
import { COLUMN_ROLES } from '../../src/domain/table/types.ts';
import { OSM_TILES } from '../../src/domain/site/map-settings.ts';
import { sitePatchFields } from '../../src/domain/site/settings.ts';
import { buildApp } from '../../src/http/app.ts';
import { ApiRegistry } from '../../src/http/route.ts';
import { startTestPlaza } from '../support/plaza.ts';

const read = (p: string) => readFile(new URL(`../../${p}`, import.meta.url), 'utf8');

describe('documentation stays true', () => {
  it('documents every setting', async () => {
    const doc = await read('docs/settings.md');
    for (const name of Object.keys(SETTINGS)) expect(doc, name).toContain(`\`${name}\``);
  });

  it('documents every map setting of the portal, and the maps page what they do', async () => {
    const doc = await read('docs/settings.md');
    const maps = await read('docs/maps.md');
    const keys = Object.keys(sitePatchFields.shape).filter((k) => k.startsWith('map_'));
    expect(keys).toHaveLength(4);
    for (const key of keys) {
      expect(doc, key).toContain(`| \`${key}\` |`);
      expect(maps, key).toContain(`\`${key}\``);
    }
    for (const value of Object.values(OSM_TILES)) expect(maps).toContain(`\`${value}\``);
  });

  it('documents every CLI command', async () => {
    const doc = await read('docs/cli.md');
    const commands = [...HELP.matchAll(/^ {2}plaza ([a-z]+(?: create| password)?)/gm)].map((m) => m[1]);
    expect(commands.length).toBeGreaterThanOrEqual(5);
    for (const c of commands) expect(doc, c).toContain(`plaza ${c}`);
  });

  it('documents every API route, and every API route is declared with its schemas', async () => {
    const t = await startTestPlaza();
    const fastifyRoutes = new Set<string>();
    const registry = new ApiRegistry();
    const app = await buildApp({ deps: t.deps, siteName: 'T', baseUrl: 'http://x', registry }, { logLevel: 'silent', onRoute: (method, url) => method !== 'HEAD' && fastifyRoutes.add(`${method} ${url}`) });
    await app.ready();
    await app.close();
    await t.close();
    const declared = registry.routes.map((r) => `${r.method} ${r.path}`);
    expect(declared.length).toBeGreaterThan(30);
    // Every /api route goes through route(), so it is validated, documented in OpenAPI and checked by the authorization matrix.
    const api = [...fastifyRoutes].filter((r) => r.split(' ')[1]!.startsWith('/api/v1/'));
    expect(api.map((r) => r.replace(/:([A-Za-z]+)/g, '{$1}')).sort()).toEqual(declared.filter((r) => r.split(' ')[1]!.startsWith('/api/v1/')).sort());
    const doc = await read('docs/api.md');
    for (const r of declared) expect(doc, r).toContain(r);
  });

  it('lists every format an override may name, with its type and label', async () => {
    const doc = await read('docs/ingest.md');
    const listed = [...doc.matchAll(/^\| `([a-z0-9-]+)` \| ([a-z]+)(?:: `([^`]+)`)? \|$/gm)].map((m) => [m[1], m[2], m[3] ?? null]);
    const numbers = new Set(['boolean', 'integer', 'decimal']);
    expect(listed).toEqual(Object.entries(FORMATS).map(([id, f]) => [id, f.type, numbers.has(id) ? null : f.label]));
  });

  it('lists every column role', async () => {
    const doc = await read('docs/publishing.md');
    const section = doc.slice(doc.indexOf('### Column roles'));
    const listed = [...section.matchAll(/^\| `([a-z]+)` \| [^|]+ \| ([^|]+) \|$/gm)].map((m) => m[1]);
    expect(listed).toEqual([...COLUMN_ROLES]);
  });
});
