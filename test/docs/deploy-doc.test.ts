/**
 * The deployment guide and the operations page stay true: every setting of
 * src/config.ts is in the guide's table, the systemd units run the right
 * commands with the environment file (in the guide and as files), and the
 * metrics documented are the metrics exported, by name.
 */
import { readFile } from 'node:fs/promises';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { PLAZA_METRIC_NAMES, PrometheusMetrics } from '../../src/adapters/metrics/prometheus.ts';
import { SETTINGS } from '../../src/config.ts';
import { POOL_SIZE } from '../../src/adapters/postgres/catalog-store.ts';

const read = (p: string) => readFile(new URL(`../../${p}`, import.meta.url), 'utf8');

describe('docs/deploy.md', () => {
  it('has every setting of src/config.ts in its one table', async () => {
    const doc = await read('docs/deploy.md');
    const section = doc.slice(doc.indexOf('## Every setting'), doc.indexOf('## Installing'));
    const rows = [...section.matchAll(/^\| `(PLAZA_[A-Z0-9_]+)` \|/gm)].map((m) => m[1]!);
    const missing = Object.keys(SETTINGS).filter((name) => !rows.includes(name));
    expect(missing, 'settings missing from the table in docs/deploy.md').toEqual([]);
    expect(rows.filter((name) => !(name in SETTINGS)), 'rows naming no setting').toEqual([]);
  });

  it('gives systemd units for web and worker, as files and in the text', async () => {
    const doc = await read('docs/deploy.md');
    for (const [file, command] of [['plaza-web.service', 'plaza web'], ['plaza-worker.service', 'plaza worker']] as const) {
      const unit = await read(`docs/deploy/${file}`);
      expect(unit, file).toMatch(new RegExp(`^ExecStart=\\S*/${command}$`, 'm'));
      expect(unit, file).toMatch(/^EnvironmentFile=\/etc\/plaza\/plaza\.env$/m);
      expect(unit, file).toMatch(/^KillSignal=SIGTERM$/m);
      // The guide shows the same unit.
      expect(doc, file).toContain(unit.trimEnd());
      expect(doc).toContain(`(deploy/${file})`);
    }
  });

  it('shows a reverse proxy that passes request ids, does not buffer event streams and keeps /metrics inside', async () => {
    const doc = await read('docs/deploy.md');
    const nginx = await read('docs/deploy/nginx.conf');
    expect(doc).toContain(nginx.trimEnd());
    expect(nginx).toContain('proxy_buffering off;');
    expect(nginx).toContain('proxy_set_header X-Request-Id');
    expect(nginx).toContain('location = /metrics');
  });

  it('links the pages it leans on', async () => {
    const doc = await read('docs/deploy.md');
    for (const page of ['storage.md', 'jobs.md', 'caching.md', 'backup.md', 'operations.md', 'settings.md']) expect(doc).toContain(`(${page})`);
    expect(doc).toContain('bench/RESULTS.md');
  });

  it('sizes PostgreSQL connections by the pool each process keeps', async () => {
    const doc = await read('docs/deploy.md');
    expect(doc).toContain(`Each \`plaza\` process keeps a pool of up to ${POOL_SIZE}\n  connections: (web nodes + workers) × ${POOL_SIZE}`);
  });
});

describe('docs/operations.md', () => {
  it('documents exactly the metrics Plaza exports', async () => {
    const metrics = new PrometheusMetrics(new Registry());
    metrics.watchCache('pages', () => ({ hits: 1, misses: 1 }));
    metrics.watchQueue(async () => ({ queued: 0, running: 0, dead: 0, oldestQueuedAgeSeconds: 0 }));
    metrics.watchEngineMemory(async () => ({ usedBytes: 0, temporaryBytes: 0 }));
    const text = (await metrics.exposition()).body;
    const exported = [...text.matchAll(/^# TYPE (plaza_[a-z_]+) /gm)].map((m) => m[1]);
    expect(exported.sort()).toEqual([...PLAZA_METRIC_NAMES].sort());
    const doc = await read('docs/operations.md');
    const documented = [...doc.matchAll(/^\| `(plaza_[a-z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(exported.sort());
    // The process metrics the page names are exported too.
    for (const name of [...doc.matchAll(/`((?:nodejs|process)_[a-z0-9_]+)`/g)].map((m) => m[1]!)) expect(text, name).toMatch(new RegExp(`^# TYPE ${name} `, 'm'));
  });
});
