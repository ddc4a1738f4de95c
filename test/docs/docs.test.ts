import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SETTINGS } from '../../src/config.ts';
import { HELP } from '../../src/cli/help.ts';
import { buildApp } from '../../src/http/app.ts';
import { startTestPlaza } from '../support/plaza.ts';

const read = (p: string) => readFile(new URL(`../../${p}`, import.meta.url), 'utf8');

describe('documentation stays true', () => {
  it('documents every setting', async () => {
    const doc = await read('docs/settings.md');
    for (const name of Object.keys(SETTINGS)) expect(doc, name).toContain(`\`${name}\``);
  });

  it('documents every CLI command', async () => {
    const doc = await read('docs/cli.md');
    const commands = [...HELP.matchAll(/^ {2}plaza ([a-z]+(?: create)?)/gm)].map((m) => m[1]);
    expect(commands.length).toBeGreaterThanOrEqual(5);
    for (const c of commands) expect(doc, c).toContain(`plaza ${c}`);
  });

  it('documents every API route', async () => {
    const t = await startTestPlaza();
    const routes = new Set<string>();
    const app = await buildApp({ deps: t.deps, siteName: 'T', baseUrl: 'http://x' }, { logLevel: 'silent', onRoute: (method, url) => method !== 'HEAD' && routes.add(url) });
    await app.ready();
    await app.close();
    await t.close();
    const api = [...routes].filter((r) => r.startsWith('/api/') || r.startsWith('/healthz') || r.startsWith('/readyz'));
    expect(api.length).toBeGreaterThan(8);
    const doc = await read('docs/api.md');
    for (const r of api) expect(doc, r).toContain(r.replace(/:([a-z]+)/g, (_, p: string) => `{${p === 'number' ? 'n' : p}}`));
  });
});
