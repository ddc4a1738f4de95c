import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/actions/auth/secrets.ts';
import { openSqliteCatalog } from '../../src/adapters/sqlite/catalog-store.ts';
import { migrations } from '../../src/adapters/sqlite/migrations.ts';

/**
 * A catalog written before accounts and publishing existed (only migration
 * 0001) opens with everything kept: its datasets stay public, resources
 * fetched from a URL are files, and its admin tokens keep working, now
 * owned by one site administrator.
 */
describe('upgrading a catalog from before accounts', () => {
  it('keeps datasets public, files as files, and old admin tokens working', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plaza-upgrade-'));
    try {
      const file = join(dir, 'catalog.sqlite');
      const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(file) }) });
      const first = { '0001_catalog': migrations['0001_catalog']! };
      expect((await new Migrator({ db: old, provider: { getMigrations: async () => first } }).migrateToLatest()).error).toBeUndefined();
      await old.destroy();
      const at = '2026-01-05T10:00:00.000Z';
      const raw = new Database(file);
      raw.prepare(`INSERT INTO organizations (id, slug, name, created_at) VALUES ('o1', 'health', 'Public Health', ?)`).run(at);
      raw.prepare(`INSERT INTO datasets (id, slug, organization_id, title, description, live_version_id, created_at, updated_at) VALUES ('d1', 'covid', 'o1', 'COVID-19 by ZIP', 'Cases.', 'v1', ?, ?)`).run(at, at);
      raw.prepare(`INSERT INTO resources (id, dataset_id, kind, name, source_url, blob_key, size_bytes, format, created_at) VALUES ('r1', 'd1', 'url', 'covid.csv', 'http://example.org/covid.csv', 'raw/ab', 10, 'csv', ?)`).run(at);
      raw.prepare(`INSERT INTO versions (id, dataset_id, number, status, resource_id, row_count, columns, created_at) VALUES ('v1', 'd1', 1, 'ready', 'r1', 177, '[{"name":"zip","label":"ZIP","type":"text"}]', ?)`).run(at);
      raw.prepare(`INSERT INTO api_tokens (id, name, token_hash, scope, created_at) VALUES ('t1', 'first admin', ?, 'admin', ?)`).run(sha256('plz_old'), at);
      raw.close();

      const store = await openSqliteCatalog(file);
      try {
        const d = (await store.datasets.getDataset('covid'))!;
        expect(d).toMatchObject({ status: 'published', accessLevel: 'public', publishedAt: at, dataUpdatedAt: at, keywords: [], themes: [] });
        expect((await store.datasets.listResources('d1'))[0]).toMatchObject({ kind: 'file', sourceUrl: 'http://example.org/covid.csv', description: '' });
        const token = (await store.accounts.findTokenByHash(sha256('plz_old')))!;
        expect(token).toMatchObject({ id: 't1', name: 'first admin', scopes: ['read', 'write', 'admin'], revokedAt: null });
        expect(await store.accounts.getUser(token.userId)).toMatchObject({ email: 'admin@localhost', isSiteAdmin: true, passwordHash: null });
        const found = await store.datasets.searchDatasets({ q: 'covid', filters: {}, visibility: { all: false, organizationIds: [] }, sort: 'relevance', limit: 10, offset: 0, facets: ['organization'], facetLimit: 10 });
        expect(found.results.map((x) => x.slug)).toEqual(['covid']);
        expect(found.facets.organization).toEqual([{ value: 'health', count: 1 }]);
      } finally {
        await store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
