import { sql, type Kysely } from 'kysely';
import type { CatalogCensus } from '../../ports/catalog-dump.ts';

/**
 * What a backup's manifest counts for a person, and what makes a site not
 * empty: each name and the table it counts. Tables a fresh catalog fills by
 * itself (templates, search words, migrations) are not here.
 */
export const CENSUS_TABLES: ReadonlyArray<readonly [name: string, table: string]> = [
  ['organizations', 'organizations'],
  ['datasets', 'datasets'],
  ['versions', 'versions'],
  ['accounts', 'users'],
  ['api tokens', 'api_tokens'],
  ['activity entries', 'activity'],
  ['subscriptions', 'subscriptions'],
  ['problems', 'problems'],
  ['problem votes', 'problem_votes'],
  ['problem comments', 'problem_comments'],
  ['requests', 'requests'],
  ['request votes', 'request_votes'],
  ['request comments', 'request_comments'],
  ['showcases', 'showcases'],
  ['reports', 'reports'],
  ['events', 'events'],
  ['champions', 'champions'],
  ['ecosystem actors', 'eco_actors'],
  ['projects', 'projects'],
  ['harvest sources', 'harvest_sources'],
];

/** Counts the rows of each census table the database has (a table it lacks counts 0). */
export async function census<DB>(db: Kysely<DB>): Promise<CatalogCensus> {
  const present = new Set((await db.introspection.getTables()).map((t) => t.name));
  const counts: CatalogCensus = {};
  for (const [name, table] of CENSUS_TABLES) {
    if (!present.has(table)) {
      counts[name] = 0;
      continue;
    }
    const r = await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(db);
    counts[name] = Number(r.rows[0]?.n ?? 0);
  }
  return counts;
}
