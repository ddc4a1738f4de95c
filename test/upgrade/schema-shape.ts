import { sql, type Kysely } from 'kysely';

/**
 * A catalog schema as plain data, read back from the database itself, in a
 * form two engines can be compared in: type names folded into families,
 * defaults with PostgreSQL's casts taken off, constraints as column lists.
 */
export interface SchemaShape {
  /** Table name → its shape, tables sorted by name. */
  tables: Record<string, TableShape>;
}

export interface TableShape {
  /** Column name → `family, null|not null, default …`; sorted by name (column order differs where SQLite added columns later). */
  columns: Record<string, string>;
  primaryKey: string[];
  /** Unique constraints declared with the table, as column lists, sorted. */
  unique: string[][];
  /** Indexes created on their own: name → `unique? (columns)`. */
  indexes: Record<string, string>;
  /** Foreign keys: `columns → table(columns) on delete …`, sorted. */
  foreignKeys: string[];
}

/** Kysely's own bookkeeping, not the catalog. */
const MIGRATOR_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/**
 * What a declared type holds, the same word on both engines. Serial keys are
 * their own family (SQLite: INTEGER PRIMARY KEY AUTOINCREMENT; PostgreSQL: an
 * identity or a sequence default), as a plain integer column is not one.
 */
export function typeFamily(declared: string): string {
  const t = declared.toLowerCase().trim();
  if (/^(text|varchar|character varying|char|character|citext|name)\b/.test(t)) return 'text';
  if (/^(integer|int|int2|int4|int8|smallint|bigint)\b/.test(t)) return 'integer';
  if (/^(real|double|float|numeric|decimal)\b/.test(t)) return 'real';
  if (/^(bool|boolean)\b/.test(t)) return 'boolean';
  if (/^jsonb?\b/.test(t)) return 'json';
  if (/^(timestamp|timestamptz|date|time)\b/.test(t)) return 'time';
  if (/^(blob|bytea)\b/.test(t)) return 'bytes';
  return t;
}

/** A default as written, without PostgreSQL's `::type` casts: `'[]'::text` and `'[]'` are the same default. */
export function normalDefault(value: string | null): string | null {
  if (value === null) return null;
  return value.replace(/::[a-z ]+(\[\])?/gi, '').trim();
}

function column(family: string, nullable: boolean, dflt: string | null): string {
  return `${family}, ${nullable ? 'null' : 'not null'}${dflt === null ? '' : `, default ${dflt}`}`;
}

const DELETE_RULES: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };

function sortedRecord<T>(entries: Array<[string, T]>): Record<string, T> {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The shape of a SQLite catalog. A column of the primary key reads as not
 * null: SQLite lets a non-integer key hold NULL unless it says NOT NULL (an
 * old quirk it keeps), where PostgreSQL refuses it; the store never writes a
 * NULL key, and rebuilding every SQLite table to say so would gain nothing.
 */
export async function sqliteShape(db: Kysely<unknown>): Promise<SchemaShape> {
  const tables = (await sql<{ name: string; sql: string }>`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(db)).rows.filter(
    (t) => !MIGRATOR_TABLES.includes(t.name),
  );
  const out: Array<[string, TableShape]> = [];
  for (const table of tables) {
    const cols = (
      await sql<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(${table.name})`.execute(db)
    ).rows;
    const primaryKey = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    const serial = primaryKey.length === 1 && /\bautoincrement\b/i.test(table.sql) ? primaryKey[0] : undefined;
    const columns = sortedRecord(
      cols.map((c): [string, string] => [c.name, c.name === serial ? column('serial', false, null) : column(typeFamily(c.type), c.notnull === 0 && c.pk === 0, normalDefault(c.dflt_value))]),
    );
    const unique: string[][] = [];
    const indexes: Array<[string, string]> = [];
    const list = (await sql<{ name: string; unique: number; origin: string; partial: number }>`SELECT name, "unique", origin, partial FROM pragma_index_list(${table.name})`.execute(db)).rows;
    for (const index of list) {
      const on = (await sql<{ seqno: number; name: string | null }>`SELECT seqno, name FROM pragma_index_info(${index.name})`.execute(db)).rows.sort((a, b) => a.seqno - b.seqno).map((c) => c.name ?? '(expression)');
      if (index.origin === 'pk') continue;
      if (index.origin === 'u') unique.push(on);
      else indexes.push([index.name, `${index.unique ? 'unique ' : ''}(${on.join(', ')})${index.partial ? ' partial' : ''}`]);
    }
    const fks = (await sql<{ id: number; seq: number; table: string; from: string; to: string; on_delete: string }>`SELECT id, seq, "table", "from", "to", on_delete FROM pragma_foreign_key_list(${table.name})`.execute(db)).rows;
    const foreignKeys = [...new Set(fks.map((f) => f.id))].map((id) => {
      const parts = fks.filter((f) => f.id === id).sort((a, b) => a.seq - b.seq);
      return `(${parts.map((p) => p.from).join(', ')}) → ${parts[0]!.table}(${parts.map((p) => p.to).join(', ')}) on delete ${parts[0]!.on_delete.toLowerCase()}`;
    });
    out.push([table.name, { columns, primaryKey, unique: unique.sort(compareLists), indexes: sortedRecord(indexes), foreignKeys: foreignKeys.sort() }]);
  }
  return { tables: sortedRecord(out) };
}

/** The shape of a PostgreSQL catalog (the `public` schema). */
export async function postgresShape(db: Kysely<unknown>): Promise<SchemaShape> {
  const tables = (
    await sql<{ name: string; oid: number }>`SELECT c.relname AS name, c.oid::int AS oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`.execute(db)
  ).rows.filter((t) => !MIGRATOR_TABLES.includes(t.name));
  const out: Array<[string, TableShape]> = [];
  for (const table of tables) {
    const cols = (
      await sql<{ name: string; type: string; nullable: string; dflt: string | null; identity: string }>`SELECT column_name AS name, data_type AS type, is_nullable AS nullable,
        column_default AS dflt, is_identity AS identity FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table.name}`.execute(db)
    ).rows;
    const columns = sortedRecord(
      cols.map((c): [string, string] => {
        const serial = c.identity === 'YES' || /^nextval\(/.test(c.dflt ?? '');
        return [c.name, serial ? column('serial', false, null) : column(typeFamily(c.type), c.nullable === 'YES', normalDefault(c.dflt))];
      }),
    );
    const constraints = (
      await sql<{ type: string; columns: string[]; ref: string | null; ref_columns: string[] | null; on_delete: string }>`SELECT con.contype AS type,
        ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
        r.relname::text AS ref,
        ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i) AS ref_columns,
        con.confdeltype AS on_delete
        FROM pg_constraint con LEFT JOIN pg_class r ON r.oid = con.confrelid WHERE con.conrelid = ${table.oid} AND con.contype IN ('p', 'u', 'f')`.execute(db)
    ).rows;
    const primaryKey = constraints.find((c) => c.type === 'p')?.columns ?? [];
    const unique = constraints.filter((c) => c.type === 'u').map((c) => c.columns).sort(compareLists);
    const foreignKeys = constraints
      .filter((c) => c.type === 'f')
      .map((c) => `(${c.columns.join(', ')}) → ${c.ref}(${(c.ref_columns ?? []).join(', ')}) on delete ${DELETE_RULES[c.on_delete] ?? c.on_delete}`)
      .sort();
    const indexes = (
      await sql<{ name: string; unique: boolean; partial: boolean; columns: Array<string | null> }>`SELECT i.relname AS name, x.indisunique AS unique, x.indpred IS NOT NULL AS partial,
        ARRAY(SELECT a.attname::text FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(n, o) LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n ORDER BY k.o) AS columns
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = ${table.oid} AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = x.indexrelid AND con.conrelid = x.indrelid)`.execute(db)
    ).rows.map((i): [string, string] => [i.name, `${i.unique ? 'unique ' : ''}(${i.columns.map((c) => c ?? '(expression)').join(', ')})${i.partial ? ' partial' : ''}`]);
    out.push([table.name, { columns, primaryKey, unique, indexes: sortedRecord(indexes), foreignKeys }]);
  }
  return { tables: sortedRecord(out) };
}

function compareLists(a: string[], b: string[]): number {
  const x = a.join(',');
  const y = b.join(',');
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The same shape without some tables, and without some indexes of the tables kept. */
export function without(shape: SchemaShape, tables: (name: string) => boolean, indexes: string[] = []): SchemaShape {
  const kept = Object.entries(shape.tables)
    .filter(([name]) => !tables(name))
    .map(([name, t]): [string, TableShape] => [name, { ...t, indexes: Object.fromEntries(Object.entries(t.indexes).filter(([i]) => !indexes.includes(i))) }]);
  return { tables: Object.fromEntries(kept) };
}
