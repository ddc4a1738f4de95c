/**
 * A Plaza serving a prepared data folder, in its own process, so that its
 * memory can be read from /proc: `node bin/run-ts.mjs bench/compat/serve-child.ts <dataDir>`.
 * Prints one JSON line `{ "address": "http://127.0.0.1:…" }` once it listens;
 * closes on SIGTERM. No worker runs: it only answers reads.
 */
import { buildApp } from '../../src/http/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createPlaza } from '../../src/main/container.ts';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: serve-child.ts DATA_DIR');
  process.exit(2);
}
const plaza = await createPlaza(loadConfig({}, { dataDir, demo: false, logLevel: 'silent' }));
const app = await buildApp({ deps: plaza.deps, siteName: 'Bench', baseUrl: 'http://127.0.0.1' }, { logLevel: 'silent' });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ address })}\n`);
process.once('SIGTERM', () => {
  void app
    .close()
    .then(() => plaza.close())
    .finally(() => process.exit(0));
});
