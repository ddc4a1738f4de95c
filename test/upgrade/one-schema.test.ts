import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { SharedMigration } from '../../src/adapters/sql/migrations/hooks.ts';
import { catalogMigrations, SHARED_MIGRATIONS } from '../../src/adapters/sql/migrations/index.ts';
import { storeSuites, type StoreName } from '../support/stores.ts';
import { POSTGRES, SQLITE, type Engine } from './engines.ts';
import { without, type SchemaShape, type TableShape } from './schema-shape.ts';

/**
 * Both databases share one schema history from 0100 on (ADR 16). A catalog
 * made by the migrations that shipped before (each engine's legacy list)
 * upgrades to the schema a new catalog gets, and SQLite and PostgreSQL end
 * with the same tables, columns, keys and indexes, read back from each
 * database and compared.
 */

const suites = await storeSuites('the PostgreSQL schema upgrade tests');
const postgresSkipped = suites.find((s) => s.name === 'postgres')!.skip;
const ENGINES = [SQLITE, POSTGRES];
const skipped = (engine: Engine) => engine.name === 'postgres' && postgresSkipped;

/**
 * The search index, which each engine keeps its own way (ADR 7), is left
 * out of the comparison between engines: SQLite's FTS5 table `search_fts`
 * with the shadow tables FTS5 names after it, and `search_docs`, which maps
 * FTS5 row ids to datasets there and holds each dataset's `tsvector` on
 * PostgreSQL (with its GIN index); and PostgreSQL's pattern index on known
 * words, for completions, which SQLite reads from the primary key. The
 * facet rows, the known words and their spelling variants are compared like
 * any other table, and each engine's own search tables are compared between
 * a new and an upgraded catalog of that engine. The community search index
 * (`community_search_docs`, `community_search_fts`, and its pattern index on
 * known words) is left out the same way.
 */
const engineSearchTable = (name: string) => {
  const bare = name.replace(/^community_/, '');
  return bare === 'search_docs' || bare === 'search_fts' || bare.startsWith('search_fts_');
};
const ENGINE_SEARCH_INDEXES = ['search_terms_prefix', 'community_search_terms_prefix'];

const AT = '2026-01-05T10:00:00.000Z';

/** A few rows written as the legacy schema has them, the same statements on both engines. */
async function seed(db: Kysely<unknown>): Promise<void> {
  await sql`INSERT INTO organizations (id, slug, name, created_at) VALUES ('o1', 'parks', 'Parks', ${AT})`.execute(db);
  await sql`INSERT INTO datasets (id, slug, organization_id, title, description, keywords, created_at, updated_at)
    VALUES ('d1', 'street-trees', 'o1', 'Street trees', 'Every tree on a street.', '["trees"]', ${AT}, ${AT})`.execute(db);
  await sql`INSERT INTO users (id, email, name, created_at) VALUES ('u1', 'ana@example.org', 'Ana', ${AT})`.execute(db);
  await sql`INSERT INTO memberships (organization_id, user_id, role, created_at) VALUES ('o1', 'u1', 'editor', ${AT})`.execute(db);
  await sql`INSERT INTO activity (id, at, actor_id, actor_name, verb, dataset_id, organization_id, summary) VALUES ('a1', ${AT}, 'u1', 'Ana', 'created', 'd1', 'o1', 'Created')`.execute(db);
  await sql`INSERT INTO jobs (id, type, status, phase, created_at) VALUES ('j1', 'ingest', 'done', 'done', ${AT})`.execute(db);
}

interface EndStates {
  /** A new catalog opened by Plaza. */
  fresh: SchemaShape;
  /** A catalog made by the legacy list, with rows, then opened by Plaza. */
  upgraded: SchemaShape;
  /** What the upgraded catalog reads back of its rows. */
  kept: { dataset?: string; user?: string; roles: string[] };
}

const ended = new Map<StoreName, Promise<EndStates>>();

/** Each engine's new and upgraded catalogs, made once for the tests that read them. */
function endStates(engine: Engine): Promise<EndStates> {
  let states = ended.get(engine.name);
  if (!states) {
    states = (async () => {
      const fresh = await engine.empty();
      const old = await engine.empty();
      try {
        await (await fresh.open()).close();
        await old.migrate(engine.legacy);
        await old.use(seed);
        const store = await old.open();
        let kept: EndStates['kept'];
        try {
          const dataset = await store.datasets.getDataset('street-trees');
          const user = await store.accounts.getUser('u1');
          kept = { dataset: dataset?.title, user: user?.email, roles: (await store.accounts.listMemberships('u1')).map((m) => `${m.organizationId}:${m.role}`) };
        } finally {
          await store.close();
        }
        return { fresh: await fresh.shape(), upgraded: await old.shape(), kept };
      } finally {
        await fresh.drop();
        await old.drop();
      }
    })();
    ended.set(engine.name, states);
  }
  return states;
}

describe('the migration lists', () => {
  it('keep the legacy lists as they shipped', () => {
    expect(Object.keys(SQLITE.legacy)).toEqual(['0001_catalog', '0002_accounts_metadata_activity', '0003_search', '0004_site_settings']);
    expect(Object.keys(POSTGRES.legacy)).toEqual(['0001_catalog', '0002_search', '0003_site_settings']);
  });

  it('run each legacy list, then the shared list, in name order', () => {
    const shared = SHARED_MIGRATIONS.map(([name]) => name);
    expect(shared).toEqual([...shared].sort());
    for (const engine of ENGINES) {
      expect(Object.keys(engine.migrations).sort()).toEqual([...Object.keys(engine.legacy).sort(), ...shared]);
    }
  });

  it('refuse a shared name that would not run after every legacy one, or that takes a number already used', () => {
    const step: SharedMigration = { up: async () => {} };
    const bind = (names: string[]) => () => catalogMigrations(SQLITE.legacy, SQLITE.hooks, names.map((n) => [n, step] as const));
    expect(Object.keys(bind(['0100_one', '0101_two'])())).toContain('0101_two');
    expect(bind(['0005_too_early'])).toThrow(/numbered from 0100/);
    expect(bind(['20260105_dated'])).toThrow(/NNNN_what/);
    expect(bind(['0100_Capitals'])).toThrow(/NNNN_what/);
    expect(bind(['0100_one', '0100_again'])).toThrow(/must come after 0100_one/);
    expect(bind(['0101_one', '0100_before'])).toThrow(/must come after 0101_one/);
  });
});

describe.each(ENGINES.map((e) => [e.name, e] as const))('%s', (_name, engine) => {
  describe.skipIf(skipped(engine))('a catalog made by the legacy migrations', () => {
    it('upgrades to the schema a new catalog gets, keeping its rows', async () => {
      const { fresh, upgraded, kept } = await endStates(engine);
      expect(Object.keys(upgraded.tables)).toContain('site_settings');
      expect(upgraded).toEqual(fresh);
      expect(kept).toEqual({ dataset: 'Street trees', user: 'ana@example.org', roles: ['o1:editor'] });
    });
  });
});

describe.skipIf(postgresSkipped)('SQLite and PostgreSQL', () => {
  it('end with the same schema, each engine’s own search index aside', async () => {
    const sqlite = await endStates(SQLITE);
    const postgres = await endStates(POSTGRES);
    const common = (s: SchemaShape) => without(s, engineSearchTable, ENGINE_SEARCH_INDEXES);
    expect(Object.keys(sqlite.upgraded.tables).filter(engineSearchTable)).toContain('search_fts');
    expect(Object.keys(postgres.upgraded.tables).filter(engineSearchTable).sort()).toEqual(['community_search_docs', 'search_docs']);
    expect(common(sqlite.upgraded)).toEqual(common(postgres.upgraded));
    expect(common(sqlite.fresh)).toEqual(common(postgres.fresh));
  });
});

/** The shared migration docs/ARCHITECTURE.md shows, with every hook. */
const exampleNotes: SharedMigration = {
  async up(db, { types, serialKey, reindexSearch }) {
    await db.schema
      .createTable('example_notes')
      .addColumn('seq', 'integer', serialKey)
      .addColumn('id', types.text, (c) => c.notNull().unique())
      .addColumn('dataset_id', types.text, (c) => c.notNull().references('datasets.id').onDelete('cascade'))
      .addColumn('body', types.text, (c) => c.notNull().defaultTo(''))
      .addColumn('tags', types.json, (c) => c.notNull().defaultTo('[]'))
      .addColumn('pinned', types.flag, (c) => c.notNull().defaultTo(0))
      .addColumn('views', types.count, (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', types.instant, (c) => c.notNull())
      .addColumn('resolved_at', types.instant)
      .execute();
    await db.schema.createIndex('example_notes_dataset').on('example_notes').columns(['dataset_id', 'seq']).execute();
    await reindexSearch(db);
  },
};

const EXAMPLE_NOTES: TableShape = {
  columns: {
    body: "text, not null, default ''",
    created_at: 'text, not null',
    dataset_id: 'text, not null',
    id: 'text, not null',
    pinned: 'integer, not null, default 0',
    resolved_at: 'text, null',
    seq: 'serial, not null',
    tags: "text, not null, default '[]'",
    views: 'integer, not null, default 0',
  },
  primaryKey: ['seq'],
  unique: [['id']],
  indexes: { example_notes_dataset: '(dataset_id, seq)' },
  foreignKeys: ['(dataset_id) → datasets(id) on delete cascade'],
};

describe.each(ENGINES.map((e) => [e.name, e] as const))('a shared migration on %s', (_name, engine) => {
  it.skipIf(skipped(engine))('writes the same table with the hooks, and reindexes the search', async () => {
    const db = await engine.empty();
    try {
      await db.migrate(engine.legacy);
      await db.use(seed);
      await db.migrate(catalogMigrations(engine.legacy, engine.hooks, [['0100_example_notes', exampleNotes]]));
      expect((await db.shape()).tables.example_notes).toEqual(EXAMPLE_NOTES);
      const indexed = await db.use(async (k) => (await sql<{ dataset_id: string }>`SELECT dataset_id FROM search_docs`.execute(k)).rows);
      expect(indexed).toEqual([{ dataset_id: 'd1' }]);
    } finally {
      await db.drop();
    }
  });
});
