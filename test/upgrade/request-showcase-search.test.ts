import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { storeSuites } from '../support/stores.ts';
import { POSTGRES, SQLITE } from './engines.ts';

/**
 * Migration 0115 (ADR 37) indexes the dataset requests and showcases a
 * catalog already holds: requests posted before it are found (hidden ones by
 * moderators only), approved showcases are found, pending and rejected ones
 * are not.
 */

const suites = await storeSuites('the PostgreSQL request and showcase search upgrade test');
const AT = '2026-01-05T10:00:00.000Z';

describe.each([SQLITE, POSTGRES])('$name', (engine) => {
  const skip = suites.find((s) => s.name === engine.name)!.skip;
  it.skipIf(skip)('indexes the requests and showcases a catalog held before', async () => {
    const db = await engine.empty();
    try {
      await db.migrate(Object.fromEntries(Object.entries(engine.migrations).filter(([name]) => name < '0115')));
      await db.use(async (k) => {
        const request = (id: string, title: string, hidden: number) =>
          sql`INSERT INTO requests (id, title, description, organization_id, author_id, status, hidden, votes, created_at, updated_at)
            VALUES (${id}, ${title}, 'Para planear la sombra en verano.', NULL, 'u1', 'new', ${hidden}, 0, ${AT}, ${AT})`.execute(k);
        await request('r1', 'Inventario de árboles', 0);
        await request('r2', 'Bombas baratas', 1);
        const showcase = (id: string, title: string, state: string) =>
          sql`INSERT INTO showcases (id, title, kind, description, link, made_by, image, image_alt, state, state_reason, author_id, created_at, updated_at)
            VALUES (${id}, ${title}, 'app', 'Finds the nearest pantry.', 'https://example.org/', 'Code for Town', NULL, '', ${state}, NULL, 'u1', ${AT}, ${AT})`.execute(k);
        await showcase('s1', 'Pantry finder', 'approved');
        await showcase('s2', 'Pantry spam', 'pending');
        await showcase('s3', 'Pantry ads', 'rejected');
      });
      const store = await db.open();
      try {
        const requests = async (q: string, includeHidden = false) =>
          (await store.requests.listRequests({ q, sort: 'relevance', includeHidden, limit: 10, offset: 0 })).results.map((r) => r.id);
        expect(await requests('arbol')).toEqual(['r1']);
        expect(await requests('bomba')).toEqual([]);
        expect(await requests('bomba', true)).toEqual(['r2']);
        const showcases = async (q: string, states: ('approved' | 'pending' | 'rejected')[] = ['approved']) =>
          (await store.showcases.listShowcases({ q, states, limit: 10, offset: 0 })).results.map((s) => s.id);
        expect(await showcases('pantries')).toEqual(['s1']);
        expect(await showcases('pantry', ['pending', 'rejected'])).toEqual([]);
      } finally {
        await store.close();
      }
    } finally {
      await db.drop();
    }
  });
});
