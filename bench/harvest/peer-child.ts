/**
 * The Plaza peer of the harvest benchmark, in its own process:
 * `node bin/run-ts.mjs bench/harvest/peer-child.ts <dataDir>` serves a data
 * folder prepared by peer.ts on loopback and prints `{ "address": … }`; a
 * `change <seed>` line on stdin edits 1% of its datasets through its store
 * (as a publisher would, between two harvests) and prints how many; `quit`
 * closes it. No worker runs: it only answers reads.
 */
import { createInterface } from 'node:readline';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { createPlaza } from '../../src/main/container.ts';
import { changePeer } from './peer.ts';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: peer-child.ts DATA_DIR');
  process.exit(2);
}
const say = (x: unknown) => process.stdout.write(`${JSON.stringify(x)}\n`);
const plaza = await createPlaza(loadConfig({}, { dataDir, demo: false, logLevel: 'silent' }));
const app = await buildApp({ deps: plaza.deps, siteName: 'Bench Peer', baseUrl: 'http://127.0.0.1' }, { logLevel: 'silent' });
say({ address: await app.listen({ port: 0, host: '127.0.0.1' }) });
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const [cmd, arg] = line.trim().split(' ');
  try {
    if (cmd === 'change') say({ changed: (await changePeer(plaza.deps, 0.01, Number(arg))).length });
    else if (cmd === 'quit') break;
    else say({ error: `unknown command ${line}` });
  } catch (e) {
    say({ error: (e as Error).stack ?? String(e) });
  }
}
lines.close();
await app.close();
await plaza.close();
process.exit(0);
