import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { storeSuites } from '../support/stores.ts';
import { POSTGRES, SQLITE } from './engines.ts';

/**
 * Migration 0114 (ADR 37) makes the community search index and indexes the
 * problems a catalog already holds: posted before it, they are found by the
 * forms of their words and near spellings, hidden ones only by moderators,
 * merged duplicates not at all.
 */

const suites = await storeSuites('the PostgreSQL community search upgrade test');
const AT = '2026-01-05T10:00:00.000Z';

describe.each([SQLITE, POSTGRES])('$name', (engine) => {
  const skip = suites.find((s) => s.name === engine.name)!.skip;
  it.skipIf(skip)('indexes the problems a catalog held before', async () => {
    const db = await engine.empty();
    try {
      await db.migrate(Object.fromEntries(Object.entries(engine.migrations).filter(([name]) => name < '0114')));
      await db.use(async (k) => {
        const problem = (id: string, title: string, hidden: number, mergedInto: string | null) =>
          sql`INSERT INTO problems (id, title, description, affected, category, place, area, status, hidden, merged_into, votes, created_at, updated_at)
            VALUES (${id}, ${title}, 'Se inunda cada vez que llueve.', '', 'environment', '{"kind":"citywide"}', NULL, 'new', ${hidden}, ${mergedInto}, 0, ${AT}, ${AT})`.execute(k);
        await problem('p1', 'Calles inundadas en el barrio', 0, null);
        await problem('p2', 'Sótano inundado', 1, null);
        await problem('p3', 'Calle inundada otra vez', 0, 'p1');
      });
      const store = await db.open();
      try {
        const found = async (q: string, includeHidden = false) =>
          (await store.problems.listProblems({ q, sort: 'relevance', includeHidden, limit: 10, offset: 0 })).results.map((p) => p.id);
        expect(await found('inundación llueve')).toEqual(['p1']);
        expect(await found('barrios')).toEqual(['p1']);
        expect(await found('sotano', true)).toEqual(['p2']);
        expect(await found('sotano')).toEqual([]);
        expect(await found('otra', true)).toEqual([]);
      } finally {
        await store.close();
      }
    } finally {
      await db.drop();
    }
  });
});
