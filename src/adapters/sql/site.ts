import type { Db } from './dialect.ts';

/** The row shape of the site settings table (added by the 0004/0003 site migrations). */
type SiteTables = {
  site_settings: { key: string; value: string };
};

const tables = (db: Db) => db.withTables<SiteTables>();

/** Every stored site setting, by key. */
export async function getSiteSettings(db: Db): Promise<Record<string, string>> {
  const rows = await tables(db).selectFrom('site_settings').select(['key', 'value']).execute();
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/** Sets or (for `null`) removes each key given. */
export async function putSiteSettings(db: Db, values: Record<string, string | null>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    if (value === null) await tables(db).deleteFrom('site_settings').where('key', '=', key).execute();
    else await tables(db).insertInto('site_settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  }
}

/** The rows of the live versions of published datasets whose access level is public. */
export async function publicRowCount(db: Db): Promise<number> {
  const r = await db
    .selectFrom('datasets')
    .innerJoin('versions', 'versions.id', 'datasets.live_version_id')
    .select((eb) => eb.fn.sum<number | string | null>('versions.row_count').as('rows'))
    .where('datasets.status', '=', 'published')
    .where('datasets.access_level', '=', 'public')
    .executeTakeFirst();
  return Number(r?.rows ?? 0);
}
