import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { storeSuites } from '../support/stores.ts';
import { POSTGRES, SQLITE } from './engines.ts';

/**
 * Migration 0100 (ADR 20) writes every dataset's search entry again, stemmed
 * in English and Spanish: a catalog made before it finds its datasets by
 * words of either language's stem, and SQLite's text index no longer stems
 * with Porter on its own.
 */

const suites = await storeSuites('the PostgreSQL stemmed search upgrade test');
const AT = '2026-01-05T10:00:00.000Z';

describe.each([SQLITE, POSTGRES])('$name', (engine) => {
  const skip = suites.find((s) => s.name === engine.name)!.skip;
  it.skipIf(skip)('indexes the datasets a catalog held before, stemmed in their languages', async () => {
    const db = await engine.empty();
    try {
      await db.migrate(engine.legacy);
      await db.use(async (k) => {
        await sql`INSERT INTO organizations (id, slug, name, created_at) VALUES ('o1', 'movilidad', 'Movilidad', ${AT})`.execute(k);
        await sql`INSERT INTO datasets (id, slug, organization_id, title, description, language, created_at, updated_at)
          VALUES ('d1', 'conteos', 'o1', 'Conteos de bicicletas', 'Recorridos diarios de los ciclistas, por contador.', '["es"]', ${AT}, ${AT})`.execute(k);
      });
      const store = await db.open();
      try {
        const found = async (q: string) =>
          (await store.datasets.searchDatasets({ q, filters: {}, visibility: { all: true }, sort: 'relevance', limit: 10, offset: 0, facets: [], facetLimit: 0 })).results.map((d) => d.slug);
        // Neither word is a completion or a near spelling of a word of the dataset: only their Spanish stems meet.
        expect(await found('recorrer')).toEqual(['conteos']);
        expect(await found('diariamente')).toEqual(['conteos']);
      } finally {
        await store.close();
      }
      if (engine.name === 'sqlite') {
        const ddl = await db.use(async (k) => (await sql<{ sql: string }>`SELECT sql FROM sqlite_master WHERE name = 'search_fts'`.execute(k)).rows[0]!.sql);
        expect(ddl).not.toContain('porter');
      }
    } finally {
      await db.drop();
    }
  });
});
